package dev.eventsourced.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

  private static final JsonFactory JSON = new JsonFactory();

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
    insertEvent.setString(1, uuid7(now).toString());
    insertEvent.setString(2, type);
    insertEvent.setString(3, todo.id());
    insertEvent.setString(4, payload(todo));
    insertEvent.setLong(5, now);
    insertEvent.executeUpdate();
  }

  void commit() throws SQLException {
    connection.commit();
  }

  static String payload(Todo todo) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("id", todo.id());
      json.writeStringField("userId", todo.userId());
      json.writeStringField("title", todo.title());
      json.writeStringField("status", todo.status().name());
      json.writeNumberField("createdAt", todo.createdAt());
      json.writeNumberField("updatedAt", todo.updatedAt());
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static UUID uuid7(long millis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(
        (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
  }

  @Override
  public void close() throws SQLException {
    insertState.close();
    updateState.close();
    insertEvent.close();
    connection.close();
  }
}
