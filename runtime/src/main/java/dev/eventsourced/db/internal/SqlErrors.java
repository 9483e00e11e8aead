package dev.eventsourced.db.internal;

import dev.eventsourced.db.exception.EventSourcedException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLException into the runtime's typed exceptions, keeping the SQLite result code. */
final class SqlErrors {

  private SqlErrors() {}

  /** The extended SQLite result code of {@code e}, or 0. */
  public static int resultCode(SQLException e) {
    if (e instanceof SQLiteException) {
      return ((SQLiteException) e).getResultCode().code;
    }
    return e.getErrorCode();
  }

  /** Whether {@code e} is a primary-key or unique constraint violation. */
  public static boolean isUniqueViolation(SQLException e) {
    int code = resultCode(e);
    return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY.code
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE.code;
  }

  /** Whether {@code e} says the database is locked by another connection or process. */
  public static boolean isBusy(SQLException e) {
    int code = resultCode(e) & 0xFF;
    return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  /** Whether {@code e} is a statement's reference to a table or column the schema lacks. */
  static boolean isMissingTableOrColumn(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return (resultCode(e) & 0xFF) == SQLiteErrorCode.SQLITE_ERROR.code
        && (message.contains("no such table") || message.contains("no such column"));
  }

  /** Whether {@code e} says the file is not a SQLite database. */
  public static boolean isNotADatabase(SQLException e) {
    return (resultCode(e) & 0xFF) == SQLiteErrorCode.SQLITE_NOTADB.code;
  }

  /** A typed exception for {@code e} while doing {@code what} (e.g. "inserting into todos"). */
  public static EventSourcedException wrap(String what, SQLException e) {
    if (isBusy(e)) {
      return new EventSourcedException(
          "database is locked while "
              + what
              + " (SQLITE_BUSY): another process or connection "
              + "held the write lock longer than the busy timeout; retry, or raise "
              + "EventSourcedDb.builder().busyTimeout(...)",
          e);
    }
    return new EventSourcedException("SQLite error while " + what + ": " + e.getMessage(), e);
  }
}
