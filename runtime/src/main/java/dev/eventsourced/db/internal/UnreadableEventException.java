package dev.eventsourced.db.internal;

/**
 * An event this database cannot fold: its payload contradicts the event (another key, a member of
 * the wrong type, not an object) or its key is not a key of the collection. The fold skips it, on
 * every device alike; it stays in the log, marked with this reason.
 */
final class UnreadableEventException extends Exception {

  private static final long serialVersionUID = 1L;

  UnreadableEventException(String reason) {
    super(reason, null, false, false);
  }
}
