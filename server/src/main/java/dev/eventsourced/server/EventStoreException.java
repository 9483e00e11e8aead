package dev.eventsourced.server;

import java.sql.SQLException;

/**
 * The event store could not do its work (database unreachable, disk full, pool exhausted). The
 * request may be retried; over HTTP it is answered with 503. The SQL state of the underlying {@link
 * SQLException}, if any, is kept.
 */
public final class EventStoreException extends SyncServerException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public EventStoreException(String message, Throwable cause) {
    super(message, cause);
    this.sqlState = cause instanceof SQLException ? ((SQLException) cause).getSQLState() : null;
  }

  /** The SQLSTATE of the database error, or {@code null} when there was none. */
  public String sqlState() {
    return sqlState;
  }
}
