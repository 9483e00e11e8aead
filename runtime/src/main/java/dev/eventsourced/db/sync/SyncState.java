package dev.eventsourced.db.sync;

import java.time.Instant;

/**
 * Where a database's sync stands, as {@code EventSourcedDb.syncState()} publishes it: a new value
 * whenever a sync round starts or ends, the outbox changes, or the state changes.
 *
 * @param status what sync is doing
 * @param pending local events waiting to be pushed
 * @param rejected local events the server refused as invalid (parked, kept with their reason)
 * @param lastError the last failure, in words, or {@code null} since the last successful round
 * @param lastSyncedAt when the last round that pushed and pulled everything ended, or {@code null}
 *     when none has yet
 * @param cursor the global sequence number pulled up to
 * @param behind events the server is known to hold beyond {@code cursor}: 0 when the last pull
 *     drained its log and no new event was announced since, -1 when unknown (before the first
 *     round, or while a pull is in progress)
 * @param leader whether this database instance runs automatic sync for its file: of the processes
 *     (or instances) that have one file open, exactly one does, chosen by an OS file lock, and
 *     another takes over within a second when it dies; the others' commits are pushed by it
 */
public record SyncState(
    Status status,
    long pending,
    long rejected,
    String lastError,
    Instant lastSyncedAt,
    long cursor,
    long behind,
    boolean leader) {

  /** What sync is doing. */
  public enum Status {
    /** Nothing to do: everything is pushed and pulled (as far as this device knows). */
    IDLE,
    /** A round is running. */
    SYNCING,
    /** The server could not be reached; retried with backoff, the outbox untouched. */
    OFFLINE,
    /**
     * The server refused the credentials twice; sync waits for {@code EventSourcedDb.resumeSync()}
     * (after the app has new credentials) or an explicit {@code sync()}. The outbox is untouched.
     */
    UNAUTHORIZED,
    /** The server answered with an error or garbage; retried with backoff. */
    ERROR,
    /** The database is closed, or it has no transport. */
    STOPPED
  }

  /** Whether nothing is waiting: no pending event, nothing known to pull, not failing. */
  public boolean isSynced() {
    return pending == 0 && behind == 0 && (status == Status.IDLE);
  }
}
