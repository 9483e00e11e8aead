package dev.eventsourced.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A JDBC connection used by one thread at a time, with its prepared statements cached by SQL text
 * (preparing is a large share of a small statement's cost in sqlite-jdbc).
 */
public final class Conn implements AutoCloseable {

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  Conn(Connection connection) {
    this.connection = connection;
  }

  /** The cached statement for {@code sql}, prepared on first use. Do not close it. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /**
   * Runs a parameterless statement that is run often (BEGIN, COMMIT, savepoints) from the cache,
   * so that it is prepared once per connection.
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
