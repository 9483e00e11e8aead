package dev.eventsourced.db.exception;

/**
 * The base of every exception the runtime throws. Unchecked. When the cause is an SQLite error,
 * {@link #sqliteResultCode()} keeps its result code (e.g. 5 for {@code SQLITE_BUSY}).
 */
public class EventSourcedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int sqliteResultCode;

  public EventSourcedException(String message) {
    this(message, null);
  }

  public EventSourcedException(String message, Throwable cause) {
    super(message, cause);
    this.sqliteResultCode =
        cause instanceof java.sql.SQLException ? ((java.sql.SQLException) cause).getErrorCode() : 0;
  }

  /** The SQLite (primary or extended) result code of the underlying error, or 0 when none. */
  public int sqliteResultCode() {
    return sqliteResultCode;
  }
}
