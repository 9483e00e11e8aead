package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Event;

/**
 * One event of a row's history, in fold order, with the row as the fold leaves it after that event
 * (for tools: the inspector's row history).
 *
 * @param event the event
 * @param rowAfter the row after it, or {@code null} when there is none (deleted, or not created
 *     yet)
 * @param folded whether the fold applied it; {@code false} for a local event the server rejected
 *     and for an event this version of the record cannot read
 * @param note why it was not folded, or {@code null}
 */
public record HistoryStep(Event event, Record rowAfter, boolean folded, String note) {}
