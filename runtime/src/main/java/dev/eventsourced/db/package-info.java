/**
 * EventSourced DB: an event-sourced, local-first database in one SQLite file. Start with {@link
 * dev.eventsourced.db.EventSourcedDb}; annotate records with {@code @Collection} and use the
 * generated repositories ({@link dev.eventsourced.db.Repository}) and queries ({@link
 * dev.eventsourced.db.Query}, {@link dev.eventsourced.db.Column}, {@link
 * dev.eventsourced.db.Condition}).
 *
 * <p>The other public packages: {@code live} (live queries and effects), {@code sync} (transports
 * and sync results), {@code event} (the event log, the fold's resolver, {@code verify()}'s report),
 * {@code exception} (what the runtime throws), and {@code spi} (what generated code calls).
 */
package dev.eventsourced.db;
