package dev.eventsourced.server;

import dev.eventsourced.protocol.SyncEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The embedded event store: one SQLite file in WAL mode with {@code synchronous=FULL} (a confirmed
 * event survives a power cut). One writer connection, used only by the group-commit writer thread,
 * appends inside {@code BEGIN IMMEDIATE} transactions; a few read-only connections serve pulls
 * concurrently from WAL snapshots, which always hold a prefix of the log.
 *
 * <p>Run one server process per file: appends stay correct across processes (SQLite serializes
 * writers), but long-poll wake-ups only reach the process that wrote.
 */
final class SqliteEventStore extends JdbcEventStore {

  /** Format of the file, kept in {@code PRAGMA user_version}. */
  static final int FORMAT_VERSION = 1;

  private static final int READERS = 4;

  private final Path file;
  private final Connection writer;
  private final List<Connection> readerConnections = new ArrayList<>();
  private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);

  private SqliteEventStore(Path file) throws SQLException {
    this.file = file;
    this.writer = connect(file);
    try {
      configureWriter();
      for (int i = 0; i < READERS; i++) {
        Connection reader = connect(file);
        readerConnections.add(reader);
        try (Statement statement = reader.createStatement()) {
          statement.execute("PRAGMA query_only = true");
        }
        idleReaders.add(reader);
      }
      startWriter("sqlite:" + file.getFileName(), selectLastSeq(writer));
    } catch (SQLException | RuntimeException e) {
      closeConnections();
      throw e;
    }
  }

  /** Opens or creates the store in {@code file}; missing parent directories are created. */
  public static SqliteEventStore open(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new ServerConfigException(
          "cannot create the directory of the SQLite event store "
              + absolute
              + ": "
              + e
              + "; create it or choose another --store sqlite:PATH",
          e);
    }
    try {
      return new SqliteEventStore(absolute);
    } catch (SQLException e) {
      throw new EventStoreException(
          "cannot open the SQLite event store "
              + absolute
              + ": "
              + e.getMessage()
              + "; check that the path is a writable SQLite file (or a new file name)",
          e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 10000");
    }
    return connection;
  }

  private void configureWriter() throws SQLException {
    try (Statement statement = writer.createStatement()) {
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        mode.next();
        if (!"wal".equalsIgnoreCase(mode.getString(1))) {
          throw new SQLException(
              "SQLite refused WAL mode (journal_mode is " + mode.getString(1) + ")");
        }
      }
      statement.execute("PRAGMA synchronous = FULL"); // a confirmed event survives a power cut
      statement.execute(
          "PRAGMA cache_size = -65536"); // 64 MiB: keeps the event-id index in memory longer
      // checkpoint every ~40 MiB of WAL instead of ~4 MiB: index pages touched by many commits are
      // copied once
      statement.execute("PRAGMA wal_autocheckpoint = 10000");
      int version;
      try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
        row.next();
        version = row.getInt(1);
      }
      if (version > FORMAT_VERSION) {
        throw new ServerConfigException(
            "SQLite event store "
                + file
                + " has format "
                + version
                + ", this server reads format "
                + FORMAT_VERSION
                + "; run a newer server on it");
      }
      statement.execute(
          "CREATE TABLE IF NOT EXISTS events ("
              + "global_seq INTEGER PRIMARY KEY, "
              + "event_id BLOB NOT NULL UNIQUE, "
              + "collection_id TEXT NOT NULL, "
              + "type TEXT NOT NULL, "
              + "key_json TEXT NOT NULL, "
              + "payload_json TEXT NOT NULL, "
              + "timestamp_ms INTEGER NOT NULL, "
              + "fields_json TEXT, "
              + "client_id TEXT, "
              + "schema_version INTEGER)");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS events_collection_seq ON events (collection_id, global_seq)");
      statement.execute("PRAGMA user_version = " + FORMAT_VERSION);
    }
  }

  private static long selectLastSeq(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT coalesce(max(global_seq), 0) FROM events")) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * Optimistic first: assume every event is new and insert them all with {@code ON CONFLICT DO
   * NOTHING}, which costs one statement per event. Only when an id was already stored (a retry) is
   * that undone and the batch planned again from a lookup of every id.
   */
  @Override
  long[] appendAll(List<SyncEvent> events) throws SQLException {
    try (Statement statement = writer.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        AppendPlan plan = new AppendPlan(events, Map.of(), selectLastSeq(writer));
        if (!insert(plan)) {
          statement.execute("ROLLBACK");
          statement.execute("BEGIN IMMEDIATE");
          plan = new AppendPlan(events, storedSeqs(events), selectLastSeq(writer));
          if (!insert(plan)) {
            throw new SQLException(
                "an event id planned as new was already stored inside the write transaction");
          }
        }
        statement.execute("COMMIT");
        advanceHead(plan.lastNewSeq(), plan.newCollections());
        return plan.seqs;
      } catch (SQLException | RuntimeException e) {
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    }
  }

  private Map<UUID, Long> storedSeqs(List<SyncEvent> events) throws SQLException {
    Map<UUID, Long> stored = new HashMap<>();
    try (PreparedStatement lookup =
        writer.prepareStatement("SELECT global_seq FROM events WHERE event_id = ?")) {
      for (SyncEvent event : events) {
        if (stored.containsKey(event.eventId())) {
          continue;
        }
        lookup.setBytes(1, idBytes(event.eventId()));
        try (ResultSet row = lookup.executeQuery()) {
          if (row.next()) {
            stored.put(event.eventId(), row.getLong(1));
          }
        }
      }
    }
    return stored;
  }

  /**
   * Inserts the plan's new events; false when one of them was already stored (nothing is then
   * usable).
   */
  private boolean insert(AppendPlan plan) throws SQLException {
    if (plan.newEvents.isEmpty()) {
      return true;
    }
    try (PreparedStatement insert =
        writer.prepareStatement(
            "INSERT INTO events ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
      for (int i = 0; i < plan.newEvents.size(); i++) {
        SyncEvent event = plan.newEvents.get(i);
        insert.setLong(1, plan.newSeqs.get(i));
        insert.setBytes(2, idBytes(event.eventId()));
        insert.setString(3, event.collectionId());
        insert.setString(4, event.type().wireName());
        insert.setString(5, keyColumn(event));
        insert.setString(6, event.payload());
        insert.setLong(7, event.timestamp());
        insert.setString(8, FieldsJson.write(event.fields()));
        insert.setString(9, event.clientId());
        if (event.schemaVersion() == null) {
          insert.setNull(10, Types.INTEGER);
        } else {
          insert.setInt(10, event.schemaVersion());
        }
        insert.addBatch();
      }
      for (int count : insert.executeBatch()) {
        if (count != 1) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Event ids are stored as 16-byte BLOBs: a third of the text form, so the random-order index
   * stays small.
   */
  static byte[] idBytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  @Override
  public List<SyncEvent> read(long after, int limit, Set<String> collections) {
    return read(after, limit, collections, Long.MAX_VALUE);
  }

  /** Steps through the rows and stops at the byte bound, so that no more is read than sent. */
  @Override
  public List<SyncEvent> read(
      long after, int limit, Set<String> collections, long maxPayloadBytes) {
    Connection reader = borrowReader();
    try {
      StringBuilder sql =
          new StringBuilder("SELECT ").append(COLUMNS).append(" FROM events WHERE global_seq > ?");
      if (!collections.isEmpty()) {
        sql.append(" AND collection_id IN (")
            .append("?, ".repeat(collections.size() - 1))
            .append("?)");
      }
      sql.append(" ORDER BY global_seq LIMIT ?");
      try (PreparedStatement query = reader.prepareStatement(sql.toString())) {
        int parameter = 1;
        query.setLong(parameter++, after);
        for (String collection : collections) {
          query.setString(parameter++, collection);
        }
        query.setInt(parameter, limit);
        List<SyncEvent> events = new ArrayList<>(Math.min(limit, 1024));
        try (ResultSet rows = query.executeQuery()) {
          long bytes = 0;
          while (bytes < maxPayloadBytes && rows.next()) {
            SyncEvent event = readRow(rows, COLUMN_READER);
            events.add(event);
            bytes += EventStore.payloadBytes(event.payload());
          }
        }
        return events;
      }
    } catch (SQLException e) {
      throw new EventStoreException(
          "cannot read events after " + after + " from " + describe() + ": " + e.getMessage(), e);
    } finally {
      idleReaders.add(reader);
    }
  }

  /**
   * Ids are 16-byte BLOBs; text is fetched as its UTF-8 bytes and decoded here, which costs
   * sqlite-jdbc one native call per column instead of a buffer round trip (pulls read 10 columns of
   * 1000 rows).
   */
  private static final ColumnReader COLUMN_READER =
      new ColumnReader() {
        @Override
        public UUID id(ResultSet row, int column) throws SQLException {
          ByteBuffer bytes = ByteBuffer.wrap(row.getBytes(column));
          return new UUID(bytes.getLong(), bytes.getLong());
        }

        @Override
        public String text(ResultSet row, int column) throws SQLException {
          byte[] bytes = row.getBytes(column);
          return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }
      };

  private Connection borrowReader() {
    try {
      Connection reader = idleReaders.poll(30, TimeUnit.SECONDS);
      if (reader == null) {
        throw new EventStoreException(
            "all "
                + READERS
                + " SQLite read connections of "
                + describe()
                + " were busy for 30 s; retry the pull",
            null);
      }
      return reader;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException(
          "interrupted while waiting for a read connection; retry the pull", e);
    }
  }

  @Override
  public void checkHealth() {
    Connection reader = borrowReader();
    try (Statement statement = reader.createStatement();
        ResultSet row = statement.executeQuery("SELECT 1")) {
      row.next();
    } catch (SQLException e) {
      throw new EventStoreException(
          "SQLite event store " + describe() + " is not readable: " + e.getMessage(), e);
    } finally {
      idleReaders.add(reader);
    }
  }

  @Override
  public String describe() {
    return "sqlite:" + file;
  }

  @Override
  public void close() {
    stopWriter();
    for (int i = 0; i < READERS; i++) {
      try {
        if (idleReaders.poll(5, TimeUnit.SECONDS) == null) {
          break; // a pull is still running; close anyway
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closeConnections();
  }

  private void closeConnections() {
    for (Connection reader : readerConnections) {
      closeQuietly(reader);
    }
    closeQuietly(writer);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing: nothing more to do with it
    }
  }
}
