/**
 * The event log and its fold: {@link dev.eventsourced.db.event.Event}, {@link
 * dev.eventsourced.db.event.EventLog}, a collection's own {@link
 * dev.eventsourced.db.event.ConflictResolver}, and {@link dev.eventsourced.db.event.Verification},
 * the report of {@code EventSourcedDb.verify()}.
 */
package dev.eventsourced.db.event;
