package dev.eventsourced.test.app;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A counter folded by the app's own {@link CounterResolver}: its value never goes down. */
@Collection("counters")
public record Counter(@Key long id, String label, long value) {}
