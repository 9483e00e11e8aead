package dev.eventsourced.db.exception;

/**
 * The file is not one this library can open: it is not a SQLite database, it was created by another
 * application, or a table a collection needs already exists and belongs to someone else. Nothing
 * was written to it. The message names the file and the conflicting table.
 */
public class IncompatibleFileException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  public IncompatibleFileException(String message) {
    super(message);
  }

  public IncompatibleFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
