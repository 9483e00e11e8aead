package dev.eventsourced.db.internal;

import java.time.Instant;

/**
 * One sync round as {@link AutoSync} remembers it, for tools (the inspector's recent rounds).
 *
 * @param started when it started
 * @param ended when it ended
 * @param explicit whether {@code db.sync()} ran it (rather than automatic sync)
 * @param pushed events the server confirmed
 * @param pulled events pulled and applied
 * @param rejected events the server refused
 * @param pending events left in the outbox afterwards
 * @param cursor the pull cursor afterwards
 * @param error the first error, in words, or {@code null} when the round succeeded
 */
public record SyncRound(
    Instant started,
    Instant ended,
    boolean explicit,
    int pushed,
    int pulled,
    int rejected,
    long pending,
    long cursor,
    String error) {}
