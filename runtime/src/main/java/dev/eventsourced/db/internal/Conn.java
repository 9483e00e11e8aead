package dev.eventsourced.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * A JDBC connection used by one thread at a time, with its prepared statements cached by SQL text
 * (preparing is a large share of a small statement's cost in sqlite-jdbc). The cache keeps the
 * {@value #CACHED_STATEMENTS} most recently used statements: queries built at run time (filters,
 * orders, update column sets) vary without bound, and each cached statement holds native memory.
 */
public final class Conn implements AutoCloseable {

  static final int CACHED_STATEMENTS = 256;

  private final Connection connection;
  private final LinkedHashMap<String, PreparedStatement> statements =
      new LinkedHashMap<>(64, 0.75f, true);

  /** The driver's view of the connection's auto-commit mode (see {@link #ownTransaction}). */
  private final SQLiteConnectionConfig driverConfig;

  Conn(Connection connection) throws SQLException {
    this.connection = connection;
    this.driverConfig = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
  }

  /**
   * Tells the driver whether a transaction this code began (with {@code BEGIN}) is open. The
   * connection stays in JDBC's auto-commit mode, where sqlite-jdbc follows every statement with a
   * probe ({@code begin;}, failing inside a transaction, then two resets); inside our own
   * transactions that probe is pure overhead (three native calls and an error message per
   * statement), so the driver is told that auto-commit is off while one is open. The flag only
   * steers the driver's bookkeeping; SQLite's transaction is ours to end.
   */
  void ownTransaction(boolean open) {
    driverConfig.setAutoCommit(!open);
  }

  /**
   * The cached statement for {@code sql}, prepared on first use. Do not close it; use it (and read
   * its result set to the end) before preparing {@value #CACHED_STATEMENTS} others. sqlite-jdbc
   * finalizes a statement whose step failed with most SQLite errors (e.g. "LIKE or GLOB pattern too
   * complex") without marking it closed, after which every use fails with "statement is not
   * executing"; such a statement is prepared again.
   */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement != null && !usable(statement)) {
      statements.remove(sql);
      statement.close();
      statement = null;
    }
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
      if (statements.size() > CACHED_STATEMENTS) {
        Iterator<PreparedStatement> eldest = statements.values().iterator();
        PreparedStatement evicted = eldest.next();
        eldest.remove();
        evicted.close();
      }
    }
    return statement;
  }

  private static boolean usable(PreparedStatement statement) {
    try {
      statement
          .getParameterMetaData()
          .getParameterCount(); // sqlite-jdbc: checks the native statement
      return !statement.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  private volatile long rollbacks;

  /**
   * Counts the transactions SQLite rolls back on this connection, including those it rolls back by
   * itself after an error such as {@code SQLITE_FULL} (see {@link #rollbacks()}).
   */
  void countRollbacks() {
    try {
      connection
          .unwrap(SQLiteConnection.class)
          .addCommitListener(
              new SQLiteCommitListener() {
                @Override
                public void onCommit() {}

                @Override
                public void onRollback() {
                  rollbacks++;
                }
              });
    } catch (SQLException e) {
      throw new IllegalStateException("the SQLite driver does not report rollbacks", e);
    }
  }

  /** How many transactions were rolled back so far, once {@link #countRollbacks()} was called. */
  long rollbacks() {
    return rollbacks;
  }

  /** How many statements are cached (for tests). */
  int cachedStatements() {
    return statements.size();
  }

  /**
   * Runs a parameterless statement that is run often (BEGIN, COMMIT, savepoints) from the cache, so
   * that it is prepared once per connection.
   */
  public void run(String sql) throws SQLException {
    prepare(sql).execute();
  }

  /** Runs a statement without parameters. */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements.values()) {
      statement.close();
    }
    statements.clear();
    connection.close();
  }
}
