package dev.eventsourced.db.exception;

/** The database was used after close(). */
public class DatabaseClosedException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  public DatabaseClosedException(String message) {
    super(message);
  }

  public DatabaseClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
