package dev.eventsourced.db.sync;

import dev.eventsourced.db.EventSourcedDb;
import java.util.List;

/**
 * What one {@link EventSourcedDb#sync()} did. A push can fail while the pull succeeds and the other
 * way round; failures are listed in {@link #errors()} rather than thrown.
 *
 * @param pushed events the backend confirmed
 * @param pulled events received and applied (new to this database)
 * @param rejected events the backend refused as invalid, now marked {@code REJECTED}
 * @param pending events still waiting in the outbox afterwards
 * @param cursor the pull cursor afterwards (the last global sequence number seen)
 * @param errors what went wrong, in order; empty when everything succeeded
 */
public record SyncResult(
    int pushed, int pulled, int rejected, long pending, long cursor, List<SyncError> errors) {

  public SyncResult {
    errors = List.copyOf(errors);
  }

  /** Whether the sync completed without errors. */
  public boolean ok() {
    return errors.isEmpty();
  }

  /**
   * One problem met during a sync.
   *
   * @param phase {@code PUSH} or {@code PULL}
   * @param message what happened
   * @param eventId the event concerned, or {@code null}
   * @param cause the exception, or {@code null}
   */
  public record SyncError(Phase phase, String message, java.util.UUID eventId, Throwable cause) {}

  /** The half of a sync an error belongs to. */
  public enum Phase {
    PUSH,
    PULL
  }
}
