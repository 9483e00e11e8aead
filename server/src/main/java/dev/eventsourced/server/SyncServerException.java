package dev.eventsourced.server;

/** Base type of the unchecked exceptions the sync server throws. */
public class SyncServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SyncServerException(String message) {
    super(message);
  }

  public SyncServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
