package dev.eventsourced.devtools;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A note, the inspector tests' records (compiled by the project's annotation processor). */
@Collection("notes")
public record Note(@Key String id, String title, int priority, boolean done) {}
