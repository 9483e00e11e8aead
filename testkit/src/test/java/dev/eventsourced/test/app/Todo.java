package dev.eventsourced.test.app;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** The todo of the README's example. */
@Collection("todos")
public record Todo(@Key String id, String title, boolean done) {}
