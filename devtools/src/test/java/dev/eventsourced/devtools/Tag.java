package dev.eventsourced.devtools;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A tag, a second collection with a numeric key. */
@Collection("tags")
public record Tag(@Key long id, String label) {}
