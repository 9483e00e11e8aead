package dev.eventsourced.db.exception;

/**
 * A sync transport could not complete a push or pull (network failure, timeout, server error,
 * authentication refused). The outcome of a push that fails this way is unknown; its events stay
 * pending and are pushed again, which the backend answers idempotently.
 */
public class SyncException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public SyncException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  /**
   * @param status the HTTP status (or a transport's equivalent) the backend answered, or 0 when it
   *     did not answer
   */
  public SyncException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The backend's HTTP status, or 0 when it did not answer. */
  public int status() {
    return status;
  }
}
