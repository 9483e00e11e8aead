package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.exception.IncompatibleFileException;
import dev.eventsourced.db.exception.SchemaMismatchException;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates and checks the storage schema: {@code _meta}, {@code _events} and one table per
 * collection. Opening reads only {@code _meta}, never the rows, so its cost does not grow with the
 * data.
 */
final class Schema {

  /**
   * The storage format this runtime writes; a file with a newer one is refused, an older one is
   * migrated on open. Format 1 kept event ids as 36-character text; format 2 keeps their 16 bytes
   * ({@link EventIds}) and state tables of small records {@code WITHOUT ROWID} (the latter is part
   * of each collection's fingerprint, so those tables are rebuilt from the log, not migrated here);
   * format 3 writes the log's CHECK constraints without {@code IN} lists (see {@link #oneOf}).
   */
  static final int FORMAT_VERSION = 3;

  static final String META_DDL =
      "CREATE TABLE IF NOT EXISTS \"_meta\" (\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL) WITHOUT ROWID";

  /**
   * The event log and its indexes. Per local mutation SQLite writes the row and two index entries:
   * the unique event id (dedupe of pulled events and echoes, confirmations by id) and the row's
   * events (rebase and refold of one key, rebuild of a collection in key order). The
   * global-sequence index is written only when the server confirms or sends an event (the pull's
   * "anything known past the cursor?"). The outbox needs no index: pending events are a range of
   * {@code local_seq} from a low-water mark in {@code _meta} ({@link EventLogStore#PENDING_FROM});
   * format 1 kept a partial index of them, one more B-tree write per mutation and per confirmation.
   */
  static final List<String> EVENTS_DDL =
      List.of(
          eventsTable("_events"),
          "CREATE UNIQUE INDEX IF NOT EXISTS \"_events_global_seq\" ON \"_events\" (\"global_seq\") WHERE \"global_seq\" IS NOT NULL",
          "CREATE INDEX IF NOT EXISTS \"_events_row\" ON \"_events\" (\"collection_id\", \"key\")");

  /** Every statement of the storage schema, in order (for tests and tools). */
  static final List<String> DDL =
      java.util.stream.Stream.concat(java.util.stream.Stream.of(META_DDL), EVENTS_DDL.stream())
          .toList();

  private static String eventsTable(String name) {
    return "CREATE TABLE IF NOT EXISTS "
        + StateTable.quote(name)
        + " ("
        + "\"local_seq\" INTEGER PRIMARY KEY, "
        + "\"event_id\" BLOB NOT NULL UNIQUE, "
        + "\"collection_id\" TEXT NOT NULL, "
        + "\"type\" TEXT NOT NULL CHECK ("
        + oneOf("type", "insert", "update", "delete")
        + "), "
        + "\"key\" TEXT NOT NULL, "
        + "\"payload\" TEXT NOT NULL, "
        + "\"fields\" TEXT, "
        + "\"timestamp\" INTEGER NOT NULL, "
        + "\"origin\" TEXT NOT NULL CHECK ("
        + oneOf("origin", "local", "remote")
        + "), "
        + "\"global_seq\" INTEGER, "
        + "\"sync_status\" TEXT NOT NULL CHECK ("
        + oneOf("sync_status", "pending", "synced", "rejected")
        + "), "
        + "\"schema_version\" INTEGER NOT NULL, "
        + "\"client_id\" TEXT, "
        + "\"error\" TEXT)";
  }

  /**
   * {@code "column" = 'a' OR "column" = 'b' ...}: the same constraint as {@code "column" IN ('a',
   * 'b')}, but SQLite evaluates a CHECK's {@code IN} list by building a temporary B-tree of the
   * list each time the statement runs, which cost every insert into the log about 6 µs (a third of
   * a batched insert's time), while comparisons cost nothing measurable.
   */
  private static String oneOf(String column, String... values) {
    StringBuilder condition = new StringBuilder();
    for (String value : values) {
      if (condition.length() > 0) condition.append(" OR ");
      condition.append(StateTable.quote(column)).append(" = '").append(value).append('\'');
    }
    return condition.toString();
  }

  private static final String EVENT_COLUMNS =
      "\"local_seq\", \"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
          + "\"timestamp\", \"origin\", \"global_seq\", \"sync_status\", \"schema_version\", "
          + "\"client_id\", \"error\"";

  /**
   * Migrates a file of an older format to the current one inside the caller's transaction (so a
   * crash leaves the file as it was): the log is copied into a table of the current shape (format
   * 1's canonical text ids turned into their 16 bytes), which replaces the old one and gets the
   * current indexes (no longer format 1's pending one); the outbox's low-water mark is set to the
   * first pending event.
   */
  private static void migrate(Conn conn, int from) throws SQLException {
    conn.execute("DROP TABLE IF EXISTS \"_events_migrated\"");
    conn.execute(eventsTable("_events_migrated"));
    String columns =
        from == 1
            ? EVENT_COLUMNS.replace("\"event_id\"", EventIds.fromFormat1("\"event_id\""))
            : EVENT_COLUMNS;
    conn.execute(
        "INSERT INTO \"_events_migrated\" ("
            + EVENT_COLUMNS
            + ") SELECT "
            + columns
            + " FROM \"_events\" ORDER BY \"local_seq\"");
    // Drops its indexes with it, format 1's _events_pending among them.
    conn.execute("DROP TABLE \"_events\"");
    conn.execute("ALTER TABLE \"_events_migrated\" RENAME TO \"_events\"");
    for (String statement : EVENTS_DDL) conn.execute(statement);
    EventLogStore.advancePendingFrom(conn);
  }

  private Schema() {}

  /** What {@link #checkOwnership} found: a file of ours (else a new one), and its journal mode. */
  record Ownership(boolean ours, boolean wal) {}

  /**
   * Refuses, before anything is written, a file this library did not create: one that is not a
   * SQLite database, or holds tables but no {@code _meta} with a storage format beside an {@code
   * _events} table. A new or empty file passes. Our own file is recognised with one query; only
   * another file's tables are listed, for the message.
   */
  static Ownership checkOwnership(Conn conn, String file) throws SQLException {
    try (ResultSet rs = conn.prepare(OWNERSHIP).executeQuery()) {
      if (rs.next() && rs.getString(1) != null && rs.getInt(2) == 1) {
        return new Ownership(true, "wal".equalsIgnoreCase(rs.getString(3)));
      }
    } catch (SQLException e) {
      if (!SqlErrors.isMissingTableOrColumn(e)) throw e;
      // No _meta, or a _meta table of another shape: a new file or another application's.
    }
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        conn.prepare(
                "SELECT \"name\" FROM \"sqlite_schema\" WHERE \"type\" = 'table' "
                    + "AND \"name\" NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY \"name\"")
            .executeQuery()) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    if (tables.isEmpty()) return new Ownership(false, false);
    throw new IncompatibleFileException(
        file
            + " was not created by EventSourced DB: it holds the tables "
            + tables
            + " but no storage format in a _meta table beside an _events table; nothing was written"
            + " to it. Open a new file, or a file this library created");
  }

  /**
   * The storage format, whether the log exists, and the journal mode; fails when there is no {@code
   * _meta}.
   */
  private static final String OWNERSHIP =
      "SELECT (SELECT \"value\" FROM \"_meta\" WHERE \"key\" = 'format_version'), "
          + "EXISTS (SELECT 1 FROM \"sqlite_schema\" WHERE \"type\" = 'table' AND \"name\" = '_events'), "
          + "(SELECT \"journal_mode\" FROM pragma_journal_mode)";

  /**
   * Creates what is missing, checks the format version and every collection's fingerprint, and
   * returns the client id (created with the file). The collections whose table must be rebuilt from
   * the log (new to the file, or changed) are put in {@code rebuilds}, with the reason.
   *
   * @param ours whether {@link #checkOwnership} found a file of ours (else it was new or empty)
   */
  static String prepare(
      Conn conn,
      List<CollectionDefinition<?, ?>> collections,
      Map<String, RebuildProgress.Reason> rebuilds,
      boolean ours)
      throws SQLException {
    if (ours) {
      // Usually a file of ours needs nothing: one read of _meta says so without taking the write
      // lock (were it current in this snapshot but changed since, it is so after a commit too).
      Map<String, String> meta = readAllMeta(conn);
      if (isCurrent(meta, collections)) return meta.get("client_id");
    }
    conn.run("BEGIN IMMEDIATE");
    try {
      if (!ours) conn.execute(META_DDL); // a file of ours has it, and it is never dropped
      // One read of _meta (a few rows per collection) answers every check below.
      Map<String, String> meta = readAllMeta(conn);
      String format = meta.get("format_version");
      if (format == null) {
        for (String statement : EVENTS_DDL) conn.execute(statement);
        EventLogStore.advancePendingFrom(conn);
        writeMeta(conn, "format_version", Integer.toString(FORMAT_VERSION));
      } else if (Integer.parseInt(format) > FORMAT_VERSION) {
        throw new IncompatibleFileException(
            "the database file has storage format "
                + format
                + " but this runtime reads format "
                + FORMAT_VERSION
                + " at most; nothing was written to it. Upgrade eventsourced-runtime to open it");
      } else if (Integer.parseInt(format) < FORMAT_VERSION) {
        migrate(conn, Integer.parseInt(format));
        writeMeta(conn, "format_version", Integer.toString(FORMAT_VERSION));
      }
      String clientId = meta.get("client_id");
      if (clientId == null) {
        clientId = UUID.randomUUID().toString();
        writeMeta(conn, "client_id", clientId);
      }
      for (CollectionDefinition<?, ?> definition : collections) {
        RebuildProgress.Reason reason = prepareCollection(conn, definition, meta);
        if (reason != null) rebuilds.put(definition.collectionId(), reason);
      }
      conn.run("COMMIT");
      return clientId;
    } catch (SQLException | RuntimeException e) {
      try {
        conn.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  private static Map<String, String> readAllMeta(Conn conn) throws SQLException {
    Map<String, String> meta = new HashMap<>();
    try (ResultSet rs = conn.prepare("SELECT \"key\", \"value\" FROM \"_meta\"").executeQuery()) {
      while (rs.next()) meta.put(rs.getString(1), rs.getString(2));
    }
    return meta;
  }

  /**
   * Whether {@link #prepare} has nothing to do: the current format, a client id, and every
   * collection's table written by this version of its record, with its indexes and column
   * description recorded (what {@link #prepareCollection} would otherwise write).
   */
  private static boolean isCurrent(
      Map<String, String> meta, List<CollectionDefinition<?, ?>> collections) {
    if (!Integer.toString(FORMAT_VERSION).equals(meta.get("format_version"))
        || meta.get("client_id") == null) {
      return false;
    }
    for (CollectionDefinition<?, ?> definition : collections) {
      String id = definition.collectionId();
      if (!definition.fingerprint().equals(meta.get(FINGERPRINT + id))
          || !String.join("\n", indexes(definition)).equals(meta.get(INDEXES + id))
          || meta.get(COLUMNS + id) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks the collection's table: when it was written by this version of the record, its indexes
   * are brought to the declared ones (created, dropped) and nothing else is touched.
   *
   * @return why the table must be (re)built from the log, or {@code null} when it is current
   */
  static RebuildProgress.Reason prepareCollection(Conn conn, CollectionDefinition<?, ?> definition)
      throws SQLException {
    return prepareCollection(conn, definition, null);
  }

  /** {@link #prepareCollection(Conn, CollectionDefinition)}, reading {@code meta} when given. */
  private static RebuildProgress.Reason prepareCollection(
      Conn conn, CollectionDefinition<?, ?> definition, Map<String, String> meta)
      throws SQLException {
    String stored =
        meta != null
            ? meta.get(FINGERPRINT + definition.collectionId())
            : readMeta(conn, FINGERPRINT + definition.collectionId());
    if (stored == null && tableExists(conn, definition.tableName())) {
      throw new IncompatibleFileException(
          "collection '"
              + definition.collectionId()
              + "' ("
              + definition.recordType().getName()
              + ") needs the table \""
              + definition.tableName()
              + "\", but the file already has a table of that name that no collection of this library created "
              + "(another application's, or another collection's with the same table name); nothing was written. "
              + "Give the collection another table with @Collection(table = \"...\")");
    }
    if (stored == null) return RebuildProgress.Reason.NEW_COLLECTION;
    if (!stored.equals(definition.fingerprint())) return RebuildProgress.Reason.RECORD_CHANGED;
    syncIndexes(
        conn,
        definition,
        meta != null
            ? meta.get(INDEXES + definition.collectionId())
            : readMeta(conn, INDEXES + definition.collectionId()));
    if ((meta != null
            ? meta.get(COLUMNS + definition.collectionId())
            : readMeta(conn, COLUMNS + definition.collectionId()))
        == null) {
      // a file written before the column descriptions were stored: add it, rows untouched
      writeMeta(conn, COLUMNS + definition.collectionId(), columns(definition));
    }
    return null;
  }

  /** Whether the table was written by this version of the record (its fingerprint is stored). */
  static boolean isCurrent(Conn conn, CollectionDefinition<?, ?> definition) throws SQLException {
    return definition.fingerprint().equals(readMeta(conn, FINGERPRINT + definition.collectionId()));
  }

  /**
   * Replaces the collection's table, if any, with a new, empty one of the record's current shape
   * and no index yet (they are built once the rows are in). Call in a transaction.
   */
  static void replaceTable(Conn conn, CollectionDefinition<?, ?> definition) throws SQLException {
    conn.execute("DROP TABLE IF EXISTS " + StateTable.quote(definition.tableName()));
    for (String statement : definition.ddl()) {
      if (!isIndex(statement)) conn.execute(statement);
    }
  }

  /** Completes {@link #replaceTable}: the indexes, and the fingerprint that marks it current. */
  static void finishTable(Conn conn, CollectionDefinition<?, ?> definition) throws SQLException {
    for (String statement : indexes(definition)) conn.execute(statement);
    writeMeta(conn, FINGERPRINT + definition.collectionId(), definition.fingerprint());
    writeMeta(conn, INDEXES + definition.collectionId(), String.join("\n", indexes(definition)));
    writeMeta(
        conn, VERSION + definition.collectionId(), Integer.toString(definition.schemaVersion()));
    writeMeta(conn, COMPONENTS + definition.collectionId(), components(definition));
    writeMeta(conn, COLUMNS + definition.collectionId(), columns(definition));
  }

  /**
   * The table's columns as tools read them without the app's classes (the devtools command line's
   * {@code verify}): {@code {"table": name, "columns": [...]}}, the columns in table order, each
   * {@code {"component", "column", "type", "nullable", "key"}}, {@code type} a {@link
   * dev.eventsourced.db.spi.ColumnType} name.
   */
  static String columns(CollectionDefinition<?, ?> definition) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("table", definition.tableName());
      json.writeArrayFieldStart("columns");
      for (ColumnInfo column : definition.columns()) {
        json.writeStartObject();
        json.writeStringField("component", column.component());
        json.writeStringField("column", column.column());
        json.writeStringField("type", column.type().name());
        json.writeBooleanField("nullable", column.nullable());
        json.writeBooleanField("key", column.key());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The components as stored: one line per component, {@code name type [key]}. */
  private static String components(CollectionDefinition<?, ?> definition) {
    StringBuilder lines = new StringBuilder();
    for (ColumnInfo column : definition.columns()) {
      if (lines.length() > 0) lines.append('\n');
      lines.append(column.component()).append(' ').append(column.type());
      if (column.key()) lines.append(" key");
    }
    return lines.toString();
  }

  /**
   * Refuses, before a rebuild, a change of the record that the processor did not vet (its schema
   * version did not move, as when the build had no schema snapshot) and that would lose data
   * silently: the key changed, or a component removed while another of the same type was added (a
   * probable rename: the old values would fold as the new component's default).
   *
   * @throws SchemaMismatchException naming the change and the fix
   */
  static void checkUnvettedChange(Conn conn, CollectionDefinition<?, ?> definition)
      throws SQLException {
    String id = definition.collectionId();
    String storedVersion = readMeta(conn, VERSION + id);
    String stored = readMeta(conn, COMPONENTS + id);
    if (stored == null
        || storedVersion == null
        || Integer.parseInt(storedVersion) != definition.schemaVersion()) {
      return; // an older file, or a change the processor vetted (it raised the version)
    }
    Map<String, String> before = new java.util.LinkedHashMap<>();
    String keyBefore = null;
    for (String line : stored.split("\n")) {
      String[] parts = line.split(" ");
      before.put(parts[0], parts[1]);
      if (parts.length > 2) keyBefore = parts[0] + " " + parts[1];
    }
    Map<String, String> after = new java.util.LinkedHashMap<>();
    String keyAfter = null;
    for (ColumnInfo column : definition.columns()) {
      after.put(column.component(), column.type().name());
      if (column.key()) keyAfter = column.component() + " " + column.type().name();
    }
    String change = null;
    if (!java.util.Objects.equals(keyBefore, keyAfter)) {
      change = "its key changed from " + keyBefore + " to " + keyAfter;
    } else {
      for (Map.Entry<String, String> removed : before.entrySet()) {
        if (after.containsKey(removed.getKey())) continue;
        for (Map.Entry<String, String> added : after.entrySet()) {
          if (!before.containsKey(added.getKey()) && added.getValue().equals(removed.getValue())) {
            change =
                "component "
                    + removed.getKey()
                    + " was removed and "
                    + added.getKey()
                    + " of the same type added: probably a rename, and the logged values of "
                    + removed.getKey()
                    + " would be lost";
            break;
          }
        }
        if (change != null) break;
      }
    }
    if (change == null) return;
    throw new SchemaMismatchException(
        "collection '"
            + id
            + "' ("
            + definition.recordType().getName()
            + ") changed without a new schema version: "
            + change
            + ". Nothing in the file was changed. If it is a rename, add an @Upcast(fromVersion = "
            + definition.schemaVersion()
            + ") method that moves the old member (and let the processor raise the version: keep"
            + " its schema snapshot, see the README, \"Changing your records\"); if the change is"
            + " meant, raise @Collection(schemaVersion) to "
            + (definition.schemaVersion() + 1));
  }

  /**
   * Brings a current table's indexes to those the record declares: an index no longer declared, or
   * declared otherwise, is dropped; a declared one that is missing is created. Rows are untouched.
   */
  private static void syncIndexes(Conn conn, CollectionDefinition<?, ?> definition, String stored)
      throws SQLException {
    List<String> declared = indexes(definition);
    String joined = String.join("\n", declared);
    if (joined.equals(stored)) return;
    Set<String> previous =
        stored == null || stored.isEmpty() ? Set.of() : Set.of(stored.split("\n"));
    Map<String, String> declaredByName = new HashMap<>();
    for (String statement : declared) declaredByName.put(indexName(statement), statement);
    PreparedStatement select =
        conn.prepare(
            "SELECT \"name\" FROM \"sqlite_schema\" WHERE \"type\" = 'index' "
                + "AND \"tbl_name\" = ? AND \"sql\" IS NOT NULL");
    select.setString(1, definition.tableName());
    List<String> existing = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) existing.add(rs.getString(1));
    }
    for (String name : existing) {
      String statement = declaredByName.get(name);
      boolean changed = statement != null && stored != null && !previous.contains(statement);
      if (statement == null || changed) {
        conn.execute("DROP INDEX IF EXISTS " + StateTable.quote(name));
      }
    }
    for (String statement : declared) conn.execute(statement);
    writeMeta(conn, INDEXES + definition.collectionId(), joined);
  }

  private static List<String> indexes(CollectionDefinition<?, ?> definition) {
    List<String> indexes = new ArrayList<>();
    for (String statement : definition.ddl()) {
      if (isIndex(statement)) indexes.add(statement);
    }
    return indexes;
  }

  private static boolean isIndex(String statement) {
    String start = statement.stripLeading().toUpperCase(Locale.ROOT);
    return start.startsWith("CREATE INDEX") || start.startsWith("CREATE UNIQUE INDEX");
  }

  /** The name in {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON ...}. */
  private static String indexName(String statement) {
    Matcher matcher = INDEX_NAME.matcher(statement);
    if (!matcher.find()) {
      throw new IllegalStateException("not a CREATE INDEX statement: " + statement);
    }
    return matcher.group(1) != null ? matcher.group(1).replace("\"\"", "\"") : matcher.group(2);
  }

  private static final Pattern INDEX_NAME =
      Pattern.compile(
          "(?i)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "(?:\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_]*))");

  private static final String FINGERPRINT = "fingerprint:";
  private static final String INDEXES = "indexes:";
  private static final String VERSION = "schema_version:";
  private static final String COMPONENTS = "components:";
  private static final String COLUMNS = "columns:";

  private static boolean tableExists(Conn conn, String table) throws SQLException {
    PreparedStatement select =
        conn.prepare(
            "SELECT 1 FROM \"sqlite_schema\" WHERE \"type\" IN ('table', 'view') AND lower(\"name\") = lower(?)");
    select.setString(1, table);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next();
    }
  }

  static String readMeta(Conn conn, String key) throws SQLException {
    PreparedStatement select = conn.prepare("SELECT \"value\" FROM \"_meta\" WHERE \"key\" = ?");
    select.setString(1, key);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static void writeMeta(Conn conn, String key, String value) throws SQLException {
    PreparedStatement upsert =
        conn.prepare(
            "INSERT INTO \"_meta\" (\"key\", \"value\") VALUES (?, ?) "
                + "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"");
    upsert.setString(1, key);
    upsert.setString(2, value);
    upsert.executeUpdate();
  }
}
