package dev.eventsourced.db.exception;

/**
 * An insert found a row with the same key. The message names the collection and the key; use upsert
 * to replace rows.
 */
public class DuplicateKeyException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  public DuplicateKeyException(String message) {
    super(message);
  }

  public DuplicateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
