package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.protocol.EventType;

/**
 * One row change of a committed transaction, in commit order: what live queries and listeners are
 * told after commit. Local mutations, replayed pulled events, confirmations and rebases all report
 * the row's state after the change, so that a listener never needs to read the table.
 *
 * @param collectionId the collection changed
 * @param key the row's key (typed)
 * @param type the event that caused the change (for a rebased row, the last event folded)
 * @param row the row after the change, or {@code null} when it is absent (deleted)
 * @param origin who wrote the row's visible value ({@code null} when absent)
 * @param synced whether no pending local event touches the row (the {@code SYNCED} column)
 */
public record Change(
    String collectionId, Object key, EventType type, Record row, Origin origin, boolean synced) {}
