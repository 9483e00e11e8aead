package dev.eventsourced.it;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/**
 * A collection the crash tests mutate: every change bumps {@code version}, so every event changes
 * the row.
 */
@Collection("items")
public record Item(@Key long id, String label, long version, int touches) {}
