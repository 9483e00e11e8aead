package dev.eventsourced.db.exception;

/**
 * A row holds a value that cannot be stored as it is, for example text that is not well-formed
 * UTF-16 (an unpaired surrogate), an {@code Instant} beyond the range of epoch milliseconds, or a
 * map with a {@code null} key. Nothing was written. The message names the collection, the component
 * and the fix. See the value rules in the README ("Values").
 */
public class InvalidValueException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }

  public InvalidValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
