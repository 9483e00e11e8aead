package dev.eventsourced.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The production event store: table {@code <schema>.sync_events} in PostgreSQL, reached through a
 * HikariCP pool; the schema, table and indexes are created on start if missing.
 *
 * <p><b>Ordering.</b> A {@code BIGSERIAL} would not do: concurrent transactions commit out of
 * order, so a reader could see seq 11 while 10 is still uncommitted, move its cursor past 10 and
 * never see it. Here every append transaction first takes a transaction-scoped advisory lock (one
 * per schema), then reads the highest seq, assigns the next ones and commits; the next appender (in
 * this or any other server instance) only gets the lock after that commit is visible. Commits
 * therefore happen in seq order and every snapshot holds a prefix of the log.
 *
 * <p><b>Batching.</b> Within one instance, concurrent pushes are grouped by the {@link
 * GroupCommitWriter} into one transaction: one lock, one multi-row {@code INSERT ... SELECT FROM
 * unnest(...)}, one commit for up to {@value GroupCommitWriter#MAX_GROUP_EVENTS} events.
 *
 * <p><b>Notifications.</b> The append transaction sends {@code NOTIFY} with the new last seq and
 * the collections of the commit ({@link NotifyPayload}); each instance {@code LISTEN}s on a
 * dedicated connection ({@link PostgresNotifications}) so that long-polls wake up whichever
 * instance took the push, and only the long-polls the commit concerns.
 */
final class PostgresEventStore extends JdbcEventStore {

  static final String TABLE = "sync_events";

  private final PostgresOptions options;
  private final String table;
  private final String channel;
  private final long lockKey;
  private final HikariDataSource pool;
  private final PostgresNotifications notifications;

  private PostgresEventStore(PostgresOptions options) {
    this.options = options;
    this.table = quote(options.schema()) + "." + TABLE;
    this.channel = "es_" + options.schema();
    this.lockKey = lockKey(options.schema());
    try {
      this.pool = new HikariDataSource(poolConfig(options));
    } catch (RuntimeException e) {
      throw new EventStoreException(
          "cannot connect to PostgreSQL at "
              + describe()
              + ": "
              + rootMessage(e)
              + "; check that it runs, accepts connections and that the user and password are right",
          e);
    }
    PostgresNotifications listener = null;
    try {
      createSchema();
      listener =
          new PostgresNotifications(options, channel, this::advanceHead, this::selectLastSeq);
      startWriter("postgresql:" + options.schema(), selectLastSeq());
    } catch (SQLException | RuntimeException e) {
      if (listener != null) {
        listener.close();
      }
      pool.close();
      throw e instanceof EventStoreException
          ? (EventStoreException) e
          : new EventStoreException(
              "cannot set up the PostgreSQL event store " + describe() + ": " + rootMessage(e), e);
    }
    this.notifications = listener;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /**
   * Connects and creates what is missing.
   *
   * @throws EventStoreException when PostgreSQL cannot be reached or refuses the set-up
   */
  public static PostgresEventStore open(PostgresOptions options) {
    return new PostgresEventStore(options);
  }

  private static HikariConfig poolConfig(PostgresOptions options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.jdbcUrl());
    if (options.user() != null) {
      config.setUsername(options.user());
    }
    if (options.password() != null) {
      config.setPassword(options.password());
    }
    config.setMaximumPoolSize(options.maxPoolSize());
    config.setMinimumIdle(Math.min(2, options.maxPoolSize()));
    config.setPoolName("eventsourced-pg-" + options.schema());
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(1); // one attempt: fail fast with the driver's reason
    return config;
  }

  /** The JDBC properties for a connection outside the pool (the LISTEN connection). */
  static Properties connectionProperties(PostgresOptions options) {
    Properties properties = new Properties();
    if (options.user() != null) {
      properties.setProperty("user", options.user());
    }
    if (options.password() != null) {
      properties.setProperty("password", options.password());
    }
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  private void createSchema() throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // the lock serializes set-up when several instances start at once
        statement.execute("SELECT pg_advisory_xact_lock(" + lockKey + ")");
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(options.schema()));
        statement.execute(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " ("
                + "global_seq BIGINT PRIMARY KEY, "
                + "event_id UUID NOT NULL UNIQUE, "
                + "collection_id TEXT NOT NULL, "
                + "type TEXT NOT NULL, "
                + "key_json TEXT NOT NULL, "
                + "payload_json TEXT NOT NULL, "
                + "timestamp_ms BIGINT NOT NULL, "
                + "fields_json TEXT, "
                + "client_id TEXT, "
                + "schema_version INTEGER)");
        statement.execute(
            "CREATE INDEX IF NOT EXISTS "
                + TABLE
                + "_collection_seq ON "
                + table
                + " (collection_id, global_seq)");
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  long selectLastSeq() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT coalesce(max(global_seq), 0) FROM " + table)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new EventStoreException(
          "cannot read the last seq from " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  long[] appendAll(List<SyncEvent> events) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT pg_advisory_xact_lock(" + lockKey + ")");
        }
        // a new statement after the lock: its snapshot sees every commit made before we got the
        // lock
        Map<UUID, Long> stored = new HashMap<>();
        long lastSeq = 0;
        try (PreparedStatement lookup =
            connection.prepareStatement(
                "SELECT event_id::text, global_seq FROM "
                    + table
                    + " WHERE event_id = ANY(CAST(? AS uuid[]))"
                    + " UNION ALL SELECT NULL, coalesce(max(global_seq), 0) FROM "
                    + table)) {
          lookup.setArray(1, connection.createArrayOf("text", uniqueIds(events)));
          try (ResultSet rows = lookup.executeQuery()) {
            while (rows.next()) {
              String id = rows.getString(1);
              if (id == null) {
                lastSeq = rows.getLong(2);
              } else {
                stored.put(UUID.fromString(id), rows.getLong(2));
              }
            }
          }
        }
        AppendPlan plan = new AppendPlan(events, stored, lastSeq);
        if (!plan.newEvents.isEmpty()) {
          insertAndNotify(connection, plan);
        }
        connection.commit();
        advanceHead(plan.lastNewSeq(), plan.newCollections());
        return plan.seqs;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    }
  }

  private static String[] uniqueIds(List<SyncEvent> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (SyncEvent event : events) {
      ids.add(event.eventId().toString());
    }
    return ids.toArray(new String[0]);
  }

  private void insertAndNotify(Connection connection, AppendPlan plan) throws SQLException {
    int n = plan.newEvents.size();
    Long[] seqs = plan.newSeqs.toArray(new Long[0]);
    String[] ids = new String[n];
    String[] collections = new String[n];
    String[] types = new String[n];
    String[] keys = new String[n];
    String[] payloads = new String[n];
    Long[] timestamps = new Long[n];
    String[] fields = new String[n];
    String[] clients = new String[n];
    Integer[] versions = new Integer[n];
    for (int i = 0; i < n; i++) {
      SyncEvent event = plan.newEvents.get(i);
      ids[i] = event.eventId().toString();
      collections[i] = event.collectionId();
      types[i] = event.type().wireName();
      keys[i] = keyColumn(event);
      payloads[i] = event.payload();
      timestamps[i] = event.timestamp();
      fields[i] = FieldsJson.write(event.fields());
      clients[i] = event.clientId();
      versions[i] = event.schemaVersion();
    }
    List<Array> arrays = new ArrayList<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "WITH inserted AS (INSERT INTO "
                + table
                + " ("
                + COLUMNS
                + ")"
                + " SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS integer[])))"
                + " SELECT pg_notify(?, ?)")) {
      Object[][] columns = {
        seqs, ids, collections, types, keys, payloads, timestamps, fields, clients, versions
      };
      String[] sqlTypes = {
        "bigint", "text", "text", "text", "text", "text", "bigint", "text", "text", "integer"
      };
      for (int c = 0; c < columns.length; c++) {
        Array array = connection.createArrayOf(sqlTypes[c], columns[c]);
        arrays.add(array);
        insert.setArray(c + 1, array);
      }
      insert.setString(11, channel);
      insert.setString(12, NotifyPayload.write(seqs[n - 1], plan.newCollections()));
      insert.executeQuery().close();
    } finally {
      for (Array array : arrays) {
        array.free();
      }
    }
  }

  @Override
  public List<SyncEvent> read(long after, int limit, Set<String> collections) {
    return read(after, limit, collections, Long.MAX_VALUE);
  }

  /**
   * The byte bound is applied by PostgreSQL: a running sum of the payloads' lengths (which {@code
   * octet_length} takes from the stored header, without decompressing) keeps the rows whose
   * preceding payloads stay under the bound, so no more rows than the page holds reach the driver
   * (which reads a whole result into memory).
   */
  @Override
  public List<SyncEvent> read(
      long after, int limit, Set<String> collections, long maxPayloadBytes) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM (SELECT "
            + COLUMNS
            + ", sum(octet_length(payload_json)) OVER (ORDER BY global_seq ROWS UNBOUNDED PRECEDING)"
            + " - octet_length(payload_json) AS bytes_before FROM "
            + table
            + " WHERE global_seq > ?"
            + (collections.isEmpty() ? "" : " AND collection_id = ANY(?)")
            + " ORDER BY global_seq LIMIT ?) page WHERE bytes_before < ? ORDER BY global_seq";
    try (Connection connection = pool.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      int parameter = 1;
      query.setLong(parameter++, after);
      if (!collections.isEmpty()) {
        query.setArray(
            parameter++, connection.createArrayOf("text", collections.toArray(new String[0])));
      }
      query.setInt(parameter++, limit);
      query.setLong(parameter, maxPayloadBytes);
      List<SyncEvent> events = new ArrayList<>(Math.min(limit, 1024));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(readRow(rows, COLUMN_READER));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new EventStoreException(
          "cannot read events after " + after + " from " + describe() + ": " + e.getMessage(), e);
    }
  }

  private static final ColumnReader COLUMN_READER =
      new ColumnReader() {
        @Override
        public UUID id(ResultSet row, int column) throws SQLException {
          return row.getObject(column, UUID.class);
        }

        @Override
        public String text(ResultSet row, int column) throws SQLException {
          return row.getString(column);
        }
      };

  @Override
  public void checkHealth() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT 1")) {
      row.next();
    } catch (SQLException e) {
      throw new EventStoreException(
          "PostgreSQL event store " + describe() + " is not reachable: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    String url = options.jdbcUrl();
    int query = url.indexOf('?');
    return (query < 0 ? url : url.substring(0, query)).substring("jdbc:".length())
        + " schema "
        + options.schema();
  }

  @Override
  public void close() {
    stopWriter();
    if (notifications != null) {
      notifications.close();
    }
    pool.close();
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }

  /**
   * A stable advisory-lock key per schema, so that stores in different schemas do not block each
   * other.
   */
  private static long lockKey(String schema) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("eventsourced:" + schema + "." + TABLE).getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) {
        key = (key << 8) | (digest[i] & 0xff);
      }
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
