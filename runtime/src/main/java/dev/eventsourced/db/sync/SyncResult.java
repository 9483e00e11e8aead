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
 * @param newer pulled events written by a newer schema version of their collection than this app
 *     has (another device runs a later release): each is kept in the log, applied as far as this
 *     version knows its members, and folded in full once the app is upgraded
 */
public record SyncResult(
    int pushed,
    int pulled,
    int rejected,
    long pending,
    long cursor,
    List<SyncError> errors,
    List<NewerEvent> newer) {

  public SyncResult {
    errors = List.copyOf(errors);
    newer = List.copyOf(newer);
  }

  /** A result without events of a newer schema version. */
  public SyncResult(
      int pushed, int pulled, int rejected, long pending, long cursor, List<SyncError> errors) {
    this(pushed, pulled, rejected, pending, cursor, errors, List.of());
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

  /**
   * A pulled event written with a newer schema version of its collection than this app's record.
   *
   * @param eventId the event
   * @param collectionId its collection
   * @param key its row's key
   * @param schemaVersion the version it was written with
   * @param knownVersion the version this app has
   * @param applied whether its members this version knows were applied; {@code false} when this
   *     version cannot read it at all (e.g. a component it has changed type): then its row skips it
   *     until the app is upgraded
   * @param note what was done, in words
   */
  public record NewerEvent(
      java.util.UUID eventId,
      String collectionId,
      String key,
      int schemaVersion,
      int knownVersion,
      boolean applied,
      String note) {}

  /** The half of a sync an error belongs to. */
  public enum Phase {
    PUSH,
    PULL
  }
}
