package dev.eventsourced.db.exception;

/**
 * The database file was written by a different version of a collection's record: its stored
 * fingerprint differs from the compiled one.
 */
public class SchemaMismatchException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message) {
    super(message);
  }

  public SchemaMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
