package dev.eventsourced.devtools.cli;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A collection with a numeric key (keys travel as JSON numbers). */
@Collection("counters")
public record Counter(@Key long id, String name, int value) {}
