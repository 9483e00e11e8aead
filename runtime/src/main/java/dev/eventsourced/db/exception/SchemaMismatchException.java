package dev.eventsourced.db.exception;

/**
 * A collection's record changed in a way its logged events cannot follow: rebuilding its table from
 * the log (on open, or on {@code EventSourcedDb.rebuild}) met an event that the record read before
 * and cannot read now (a component renamed or retyped, an enum constant removed, a key changed) and
 * that no {@code @Upcast} method rewrites. The message names the event and the upcaster to write;
 * nothing in the file was changed.
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
