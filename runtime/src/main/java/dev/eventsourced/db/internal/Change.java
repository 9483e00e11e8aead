package dev.eventsourced.db.internal;

import dev.eventsourced.db.EventType;

/**
 * One row change of a committed transaction, in commit order: what live queries and listeners
 * are told after commit.
 *
 * @param collectionId the collection changed
 * @param key the row's key (typed)
 * @param type the event type that caused it
 * @param row the row after the change, or {@code null} when it was deleted (or is absent)
 */
public record Change(String collectionId, Object key, EventType type, Record row) {}
