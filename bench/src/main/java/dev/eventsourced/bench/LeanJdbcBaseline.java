package dev.eventsourced.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The user's alternative: a lean event store written by hand over sqlite-jdbc. It keeps what such a
 * store cannot do without and nothing more: the state table keyed by its primary key with the app's
 * own index on {@code (status, created_at)}, and an event table keyed by its sequence number with a
 * unique event id (a UUIDv7 as text, as most hand-written code keeps it); no outbox index, no
 * per-row index of the log, no metadata columns, no CHECK constraints. That is five B-tree writes
 * per inserted row (state table, its primary-key index, its app index, event table, event-id
 * index). Same pragmas as {@link JdbcBaseline} (WAL, synchronous=NORMAL, no generated-keys query),
 * prepared statements kept open, a Jackson-streamed JSON payload per event.
 */
final class LeanJdbcBaseline implements AutoCloseable {

  final Connection connection;
  private final PreparedStatement insertState;
  private final PreparedStatement updateState;
  private final PreparedStatement insertEvent;

  LeanJdbcBaseline(Path file) throws SQLException {
    connection = JdbcBaseline.connect(file, schema());
    insertState =
        connection.prepareStatement(
            "INSERT INTO todos (id, user_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    updateState =
        connection.prepareStatement("UPDATE todos SET title = ?, updated_at = ? WHERE id = ?");
    insertEvent =
        connection.prepareStatement(
            "INSERT INTO events (event_id, collection, type, key, payload, timestamp) "
                + "VALUES (?, 'todos', ?, ?, ?, ?)");
  }

  static List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS todos (id TEXT NOT NULL PRIMARY KEY, user_id TEXT, title TEXT, "
            + "status TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS todos_status_created_at ON todos (status, created_at)",
        "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, "
            + "collection TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL, "
            + "timestamp INTEGER NOT NULL, global_seq INTEGER)",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
  }

  /** Writes the state row and its event, without committing. */
  void insert(Todo todo) throws SQLException {
    insertState.setString(1, todo.id());
    insertState.setString(2, todo.userId());
    insertState.setString(3, todo.title());
    insertState.setString(4, todo.status().name());
    insertState.setLong(5, todo.createdAt());
    insertState.setLong(6, todo.updatedAt());
    insertState.executeUpdate();
    event("insert", todo);
  }

  /** Sets the title and update time of the row of {@code todo}'s key and logs it, uncommitted. */
  void update(Todo todo) throws SQLException {
    updateState.setString(1, todo.title());
    updateState.setLong(2, todo.updatedAt());
    updateState.setString(3, todo.id());
    if (updateState.executeUpdate() != 1) throw new IllegalStateException("no row " + todo.id());
    event("update", todo);
  }

  private void event(String type, Todo todo) throws SQLException {
    long now = System.currentTimeMillis();
    insertEvent.setString(1, JdbcBaseline.uuid7(now).toString());
    insertEvent.setString(2, type);
    insertEvent.setString(3, todo.id());
    insertEvent.setString(4, JdbcBaseline.payload(todo));
    insertEvent.setLong(5, now);
    insertEvent.executeUpdate();
  }

  void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    insertState.close();
    updateState.close();
    insertEvent.close();
    connection.close();
  }
}
