package dev.eventsourced.db.exception;

/**
 * An update, delete or get named a key that has no row. The message names the collection and the
 * key.
 */
public class NotFoundException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
