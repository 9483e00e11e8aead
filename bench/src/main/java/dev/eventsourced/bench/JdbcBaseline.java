package dev.eventsourced.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a careful developer writes by hand to do the library's SQLite work: the same tables and
 * indexes, the same pragmas (WAL, synchronous=NORMAL), prepared statements kept open, the state row
 * and an event row with a JSON payload (Jackson streaming) per mutation, in one transaction.
 */
final class JdbcBaseline implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  final Connection connection;
  private final PreparedStatement insertState;
  private final PreparedStatement insertEvent;
  private final PreparedStatement updateState;
  private final PreparedStatement updateEvent;

  JdbcBaseline(Path file) throws SQLException {
    connection = connect(file, schema());
    insertState =
        connection.prepareStatement(
            "INSERT INTO \"todos\" (\"id\", \"user_id\", \"title\", \"status\", \"created_at\", \"updated_at\", "
                + "\"_origin\", \"_pending\") VALUES (?, ?, ?, ?, ?, ?, 'local', 1)");
    insertEvent =
        connection.prepareStatement(
            "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
                + "\"timestamp\", \"origin\", \"sync_status\", \"schema_version\") "
                + "VALUES (?, 'todos', 'insert', ?, ?, NULL, ?, 'local', 'pending', 1)");
    updateState =
        connection.prepareStatement(
            "UPDATE \"todos\" SET \"title\" = ?, \"updated_at\" = ?, \"_origin\" = 'local', "
                + "\"_pending\" = \"_pending\" + 1 WHERE \"id\" = ?");
    updateEvent =
        connection.prepareStatement(
            "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
                + "\"timestamp\", \"origin\", \"sync_status\", \"schema_version\") "
                + "VALUES (?, 'todos', 'update', ?, ?, '[\"title\",\"updatedAt\"]', ?, 'local', 'pending', 1)");
  }

  /** The library's storage schema for the todos collection, written out by hand. */
  static List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS \"_meta\" (\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS \"todos\" (\"id\" TEXT NOT NULL PRIMARY KEY, \"user_id\" TEXT, \"title\" TEXT, "
            + "\"status\" TEXT, \"created_at\" INTEGER NOT NULL, \"updated_at\" INTEGER NOT NULL, "
            + "\"_origin\" TEXT NOT NULL DEFAULT 'local', \"_pending\" INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS \"todos_status_created_at_idx\" ON \"todos\" (\"status\", \"created_at\")",
        "CREATE TABLE IF NOT EXISTS \"_events\" (\"local_seq\" INTEGER PRIMARY KEY, \"event_id\" BLOB NOT NULL UNIQUE, "
            + "\"collection_id\" TEXT NOT NULL, \"type\" TEXT NOT NULL CHECK (\"type\" = 'insert' OR \"type\" = 'update' OR \"type\" = 'delete'), \"key\" TEXT NOT NULL, \"payload\" TEXT NOT NULL, "
            + "\"fields\" TEXT, \"timestamp\" INTEGER NOT NULL, \"origin\" TEXT NOT NULL CHECK (\"origin\" = 'local' OR \"origin\" = 'remote'), \"global_seq\" INTEGER, "
            + "\"sync_status\" TEXT NOT NULL CHECK (\"sync_status\" = 'pending' OR \"sync_status\" = 'synced' OR \"sync_status\" = 'rejected'), \"schema_version\" INTEGER NOT NULL, \"client_id\" TEXT, \"error\" TEXT)",
        "CREATE UNIQUE INDEX IF NOT EXISTS \"_events_global_seq\" ON \"_events\" (\"global_seq\") WHERE \"global_seq\" IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS \"_events_row\" ON \"_events\" (\"collection_id\", \"key\")");
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
    long now = System.currentTimeMillis();
    insertEvent.setBytes(1, bytes(uuid7(now)));
    insertEvent.setString(2, todo.id());
    insertEvent.setString(3, payload(todo));
    insertEvent.setLong(4, now);
    insertEvent.executeUpdate();
  }

  /** Sets the title and update time of the row of {@code todo}'s key and logs it, uncommitted. */
  void update(Todo todo) throws SQLException {
    updateState.setString(1, todo.title());
    updateState.setLong(2, todo.updatedAt());
    updateState.setString(3, todo.id());
    if (updateState.executeUpdate() != 1) throw new IllegalStateException("no row " + todo.id());
    long now = System.currentTimeMillis();
    updateEvent.setBytes(1, bytes(uuid7(now)));
    updateEvent.setString(2, todo.id());
    updateEvent.setString(3, payload(todo));
    updateEvent.setLong(4, now);
    updateEvent.executeUpdate();
  }

  void commit() throws SQLException {
    connection.commit();
  }

  /** The event payload of {@code todo}, streamed with Jackson as the library's codec writes it. */
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

  /** An id as the library's log stores it: its 16 bytes. */
  static byte[] bytes(UUID id) {
    return java.nio.ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  /** A UUIDv7 of {@code millis}, as the library's event ids are. */
  static UUID uuid7(long millis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(
        (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
  }

  @Override
  public void close() throws SQLException {
    insertState.close();
    insertEvent.close();
    updateState.close();
    updateEvent.close();
    connection.close();
  }

  /**
   * A connection to {@code file} as a careful hand-written store opens one: WAL,
   * synchronous=NORMAL, no generated-keys query, {@code schema} created, autocommit off.
   */
  static Connection connect(Path file, List<String> schema) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("synchronous", "NORMAL");
    properties.setProperty("busy_timeout", "5000");
    // without it the driver runs "SELECT last_insert_rowid()" after every INSERT
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      for (String ddl : schema) statement.execute(ddl);
    }
    connection.setAutoCommit(false);
    return connection;
  }
}
