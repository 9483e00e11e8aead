/**
 * The sync protocol's wire format, in one place for both ends (docs/architecture.md, "The sync
 * protocol"): the event as it travels ({@link dev.eventsourced.protocol.SyncEvent}), the answers to
 * a push ({@link dev.eventsourced.protocol.PushResult}: {@link
 * dev.eventsourced.protocol.Confirmation}s or {@link dev.eventsourced.protocol.Rejection}s), the
 * pull page ({@link dev.eventsourced.protocol.PullResult}, with any {@link
 * dev.eventsourced.protocol.SkippedEvent}s a client could not read), the rules every event must
 * keep ({@link dev.eventsourced.protocol.EventRules}) and the streaming JSON codec ({@link
 * dev.eventsourced.protocol.SyncJson}).
 *
 * <p>The runtime's sync engine and transports and the reference server use these types; custom
 * transports and backends may too. Depends on jackson-core only.
 */
package dev.eventsourced.protocol;
