package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A database file, opened without the app's classes. Every SQL statement the command line runs on
 * the file's {@code _events} and {@code _meta} tables is here, so that a change of the storage
 * format is met in one place: event ids are read whether stored as text or as 16-byte blobs, and a
 * file of a newer storage format than {@link #KNOWN_FORMAT} is refused.
 *
 * <p>{@link #openReadOnly} opens the file read-only (it is never created, no write lock is ever
 * taken) and reads everything in one snapshot: a file another process is writing (WAL) is read as
 * of one commit. {@link #openForImport} opens it for {@code import}, the one command that writes.
 */
final class DatabaseFile implements AutoCloseable {

  /** The newest storage format ({@code _meta} {@code format_version}) this tool reads. */
  static final int KNOWN_FORMAT = 3;

  /**
   * The file's storage format: from format 2 on, the log keeps a canonical event id as its 16 bytes
   * (a BLOB), and reads here accept both forms.
   */
  private int format = 1;

  /** SQLite's {@code SQLITE_OPEN_READONLY}: no write, no create. */
  private static final String OPEN_READ_ONLY = "1";

  private static final String EVENT_COLUMNS =
      "\"local_seq\", "
          // an id may be stored as 16 bytes (a canonical UUID) or as text
          + "CASE typeof(\"event_id\") WHEN 'blob' THEN lower(hex(\"event_id\")) ELSE \"event_id\" END, "
          + "\"collection_id\", \"type\", \"key\", \"payload\", \"fields\", \"timestamp\", \"origin\", "
          + "\"global_seq\", \"sync_status\", \"schema_version\", \"client_id\", \"error\"";

  private final Path path;
  private final Connection conn;

  private DatabaseFile(Path path, Connection conn) {
    this.path = path;
    this.conn = conn;
  }

  /**
   * Opens an existing EventSourced DB file read-only, in one read snapshot.
   *
   * @throws CliException when the file is missing, not a SQLite database, not an EventSourced DB
   *     file, or of a newer storage format
   */
  static DatabaseFile openReadOnly(Path path) throws CliException {
    checkExists(path);
    Properties properties = new Properties();
    properties.setProperty("open_mode", OPEN_READ_ONLY);
    properties.setProperty("busy_timeout", "5000");
    DatabaseFile file = connect(path, properties);
    try {
      file.checkOurs();
      file.conn.setAutoCommit(false); // one read transaction: every read sees the same commit
      return file;
    } catch (CliException | SQLException | RuntimeException e) {
      file.close();
      if (e instanceof CliException cli) throw cli;
      throw file.problem(e);
    }
  }

  /**
   * Opens a file for {@code import}: writable, waiting at most {@code busyMillis} for another
   * process's write lock. The file must exist and be an EventSourced DB file (the runtime creates
   * it).
   */
  static DatabaseFile openForImport(Path path, int busyMillis) throws CliException {
    checkExists(path);
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", Integer.toString(busyMillis));
    DatabaseFile file = connect(path, properties);
    try {
      file.checkOurs();
      return file;
    } catch (CliException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  static void checkExists(Path path) throws CliException {
    if (Files.isDirectory(path)) {
      throw CliException.trouble(path + " is a directory, not a database file");
    }
    if (!Files.isRegularFile(path)) {
      throw CliException.trouble("no such file: " + path);
    }
    if (!Files.isReadable(path)) {
      throw CliException.trouble(path + " is not readable");
    }
  }

  private static DatabaseFile connect(Path path, Properties properties) throws CliException {
    try {
      return new DatabaseFile(
          path, DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), properties));
    } catch (SQLException e) {
      throw CliException.trouble("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a file that is not SQLite, not ours, or of a newer format than {@link #KNOWN_FORMAT}.
   */
  private void checkOurs() throws CliException {
    List<String> tables = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT \"name\" FROM \"sqlite_schema\" WHERE \"type\" = 'table'")) {
      while (rs.next()) tables.add(rs.getString(1));
    } catch (SQLException e) {
      throw problem(e);
    }
    if (!tables.contains("_meta") || !tables.contains("_events")) {
      throw CliException.trouble(
          path
              + " is not an EventSourced DB file: it is a SQLite database without the _meta and"
              + " _events tables"
              + (tables.isEmpty() ? " (it is empty)" : ""));
    }
    String format;
    try {
      format = meta("format_version");
    } catch (SQLException e) {
      throw CliException.trouble(
          path + " is not an EventSourced DB file: its _meta table is not ours", e);
    }
    if (format == null) {
      throw CliException.trouble(
          path + " is not an EventSourced DB file: its _meta table has no format_version");
    }
    int version;
    try {
      version = Integer.parseInt(format.trim());
    } catch (NumberFormatException e) {
      throw CliException.trouble(path + " has an unreadable storage format '" + format + "'");
    }
    this.format = version;
    if (version > KNOWN_FORMAT) {
      throw CliException.trouble(
          path
              + " has storage format "
              + version
              + ", newer than this tool reads (format "
              + KNOWN_FORMAT
              + " at most); use the eventsourced-devtools of the runtime that wrote the file");
    }
  }

  /** A SQL failure in words: not a database, busy, or the driver's message. */
  CliException problem(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_NOTADB") || message.contains("not a database")) {
      return CliException.trouble(path + " is not a SQLite database", e);
    }
    if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
      return CliException.trouble(
          path
              + " is busy: another process holds its write lock; nothing was written, try again"
              + " when it is idle",
          e);
    }
    if (message.contains("SQLITE_CORRUPT") || message.contains("malformed")) {
      return CliException.trouble(path + " is damaged: " + message, e);
    }
    return CliException.trouble("cannot read " + path + ": " + message, e);
  }

  Path path() {
    return path;
  }

  // ---- _meta -----------------------------------------------------------------------------------

  String meta(String key) throws SQLException {
    try (PreparedStatement select =
        conn.prepareStatement("SELECT \"value\" FROM \"_meta\" WHERE \"key\" = ?")) {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Every {@code _meta} entry, by key. */
  Map<String, String> allMeta() throws SQLException {
    Map<String, String> meta = new TreeMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT \"key\", \"value\" FROM \"_meta\"")) {
      while (rs.next()) meta.put(rs.getString(1), rs.getString(2));
    }
    return meta;
  }

  /**
   * The collections the file knows: those an app opened it with ({@code fingerprint:<id>}), with
   * their table and columns when {@code _meta} describes them, and those that only have events.
   */
  List<StoredCollection> collections() throws SQLException {
    Map<String, String> meta = allMeta();
    Map<String, StoredCollection> collections = new TreeMap<>();
    for (Map.Entry<String, String> entry : meta.entrySet()) {
      if (!entry.getKey().startsWith("fingerprint:")) continue;
      String id = entry.getKey().substring("fingerprint:".length());
      String version = meta.get("schema_version:" + id);
      Integer schemaVersion = null;
      try {
        if (version != null) schemaVersion = Integer.valueOf(version.trim());
      } catch (NumberFormatException e) {
        // left unknown
      }
      String table = null;
      List<StoredCollection.Column> columns = null;
      String description = meta.get("columns:" + id);
      if (description != null) {
        try {
          Description parsed = parseDescription(description);
          table = parsed.table();
          columns = parsed.columns();
        } catch (IOException | RuntimeException e) {
          // an unreadable description counts as none
        }
      }
      if (table == null && tableExists(id)) table = id; // the default table name
      String keyType = null;
      if (columns != null) {
        for (StoredCollection.Column column : columns) if (column.key()) keyType = column.type();
      } else {
        keyType = keyTypeFromComponents(meta.get("components:" + id));
      }
      collections.put(id, new StoredCollection(id, table, schemaVersion, true, keyType, columns));
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT DISTINCT \"collection_id\" FROM \"_events\"")) {
      while (rs.next()) {
        String id = rs.getString(1);
        collections.putIfAbsent(id, new StoredCollection(id, null, null, false, null, null));
      }
    }
    return new ArrayList<>(collections.values());
  }

  private record Description(String table, List<StoredCollection.Column> columns) {}

  /** Reads the runtime's {@code columns:<id>} entry: {@code {"table", "columns": [...]}}. */
  private static Description parseDescription(String text) throws IOException {
    String table = null;
    List<StoredCollection.Column> columns = new ArrayList<>();
    try (JsonParser json = Json.FACTORY.createParser(text)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (name.equals("table") && value == JsonToken.VALUE_STRING) {
          table = json.getText();
        } else if (name.equals("columns") && value == JsonToken.START_ARRAY) {
          while (json.nextToken() == JsonToken.START_OBJECT) {
            Map<String, Object> column = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
              String member = json.currentName();
              JsonToken token = json.nextToken();
              column.put(
                  member,
                  token.isBoolean() ? (Object) json.getBooleanValue() : (Object) json.getText());
            }
            columns.add(
                new StoredCollection.Column(
                    (String) column.get("component"),
                    (String) column.get("column"),
                    (String) column.get("type"),
                    Boolean.TRUE.equals(column.get("nullable")),
                    Boolean.TRUE.equals(column.get("key"))));
          }
        } else {
          json.skipChildren();
        }
      }
    }
    if (table == null || columns.isEmpty()) throw new IOException("incomplete description");
    for (StoredCollection.Column column : columns) {
      if (column.component() == null || column.column() == null || column.type() == null) {
        throw new IOException("incomplete column");
      }
    }
    return new Description(table, List.copyOf(columns));
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) throw new IOException("expected " + expected + ", found " + actual);
  }

  /** The key's type from a {@code components:<id>} entry: lines {@code name TYPE [key]}. */
  private static String keyTypeFromComponents(String components) {
    if (components == null) return null;
    for (String line : components.split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length > 2 && parts[2].equals("key")) return parts[1];
    }
    return null;
  }

  // ---- _events ---------------------------------------------------------------------------------

  /** Which events to read; {@code null} members do not filter. */
  record EventFilter(
      String collection, String key, String type, String status, Long afterLocalSeq) {

    static final EventFilter ALL = new EventFilter(null, null, null, null, null);
  }

  /** Receives events one at a time. */
  interface EventSink {
    void accept(StoredEvent event) throws IOException, CliException;
  }

  /**
   * Reads the events {@code filter} selects in local order; with {@code lastN}, only the last that
   * many of them.
   */
  void events(EventFilter filter, Long lastN, EventSink sink)
      throws SQLException, IOException, CliException {
    List<String> where = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (filter.collection() != null) {
      where.add("\"collection_id\" = ?");
      parameters.add(filter.collection());
    }
    if (filter.key() != null) {
      where.add("\"key\" = ?");
      parameters.add(filter.key());
    }
    if (filter.type() != null) {
      where.add("\"type\" = ?");
      parameters.add(filter.type());
    }
    if (filter.status() != null) {
      where.add("\"sync_status\" = ?");
      parameters.add(filter.status());
    }
    if (filter.afterLocalSeq() != null) {
      where.add("\"local_seq\" > ?");
      parameters.add(filter.afterLocalSeq());
    }
    String select =
        "SELECT "
            + EVENT_COLUMNS
            + " FROM \"_events\""
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    String sql;
    if (lastN == null) {
      sql = select + " ORDER BY \"local_seq\"";
    } else {
      sql =
          "SELECT * FROM ("
              + select
              + " ORDER BY \"local_seq\" DESC LIMIT ?) ORDER BY \"local_seq\"";
      parameters.add(lastN);
    }
    query(sql, parameters, sink);
  }

  /**
   * Every event of {@code collectionId}, grouped by key (in key order), each key's in local order.
   */
  void eventsByKey(String collectionId, EventSink sink)
      throws SQLException, IOException, CliException {
    query(
        "SELECT "
            + EVENT_COLUMNS
            + " FROM \"_events\" WHERE \"collection_id\" = ? ORDER BY \"key\", \"local_seq\"",
        List.of(collectionId),
        sink);
  }

  private void query(String sql, List<Object> parameters, EventSink sink)
      throws SQLException, IOException, CliException {
    try (PreparedStatement select = conn.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) select.setObject(i + 1, parameters.get(i));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) sink.accept(readEvent(rs));
      }
    }
  }

  private static StoredEvent readEvent(ResultSet rs) throws SQLException {
    long globalSeq = rs.getLong(10);
    Long global = rs.wasNull() ? null : globalSeq;
    return new StoredEvent(
        rs.getLong(1),
        eventId(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        Json.stringList(rs.getString(7)),
        rs.getLong(8),
        rs.getString(9),
        global,
        rs.getString(11),
        rs.getInt(12),
        rs.getString(13),
        rs.getString(14));
  }

  /** An id read as 32 hex digits (a 16-byte blob) in the canonical 8-4-4-4-12 form; else as is. */
  static String eventId(String stored) {
    if (stored != null && stored.length() == 32 && stored.matches("[0-9a-f]{32}")) {
      return stored.substring(0, 8)
          + '-'
          + stored.substring(8, 12)
          + '-'
          + stored.substring(12, 16)
          + '-'
          + stored.substring(16, 20)
          + '-'
          + stored.substring(20);
    }
    return stored;
  }

  /** Counts of the log: per collection, {@code [total, pending, rejected]}. */
  Map<String, long[]> eventCounts() throws SQLException {
    Map<String, long[]> counts = new TreeMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT \"collection_id\", count(*), "
                    + "coalesce(sum(\"sync_status\" = 'pending'), 0), "
                    + "coalesce(sum(\"sync_status\" = 'rejected'), 0) "
                    + "FROM \"_events\" GROUP BY \"collection_id\"")) {
      while (rs.next()) {
        counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
      }
    }
    return counts;
  }

  /** The last local sequence number, 0 for an empty log. */
  long lastLocalSeq() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(\"local_seq\"), 0) FROM \"_events\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---- state tables ----------------------------------------------------------------------------

  boolean tableExists(String table) throws SQLException {
    try (PreparedStatement select =
        conn.prepareStatement(
            "SELECT 1 FROM \"sqlite_schema\" WHERE \"type\" = 'table' AND \"name\" = ?")) {
      select.setString(1, table);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  long countRows(String table) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Receives a state table's rows, each as its stored values by column name. */
  interface RowSink {
    void accept(Map<String, Object> row) throws CliException;
  }

  /**
   * Reads every row of {@code table}: INTEGER as {@code Long}, REAL as {@code Double}, TEXT as
   * {@code String}, BLOB as {@code byte[]}, NULL as {@code null}.
   */
  void rows(String table, RowSink sink) throws SQLException, CliException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + quote(table))) {
      ResultSetMetaData columns = rs.getMetaData();
      int count = columns.getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
          Object value = rs.getObject(i);
          if (value instanceof Integer integer) value = integer.longValue();
          else if (value instanceof Float real) value = real.doubleValue();
          row.put(columns.getColumnName(i), value);
        }
        sink.accept(row);
      }
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  // ---- import: the one writer ------------------------------------------------------------------

  /** Takes the write lock ({@code BEGIN IMMEDIATE}); a busy file is refused. */
  void beginWrite() throws CliException {
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      throw problem(e);
    }
  }

  void commit() throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("COMMIT");
    }
  }

  void rollback() {
    try (Statement st = conn.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // nothing was begun, or it is already undone
    }
  }

  /** Whether the log holds an event with this id. */
  boolean hasEvent(String eventId) throws SQLException {
    try (PreparedStatement select =
        conn.prepareStatement(
            "SELECT 1 FROM \"_events\" WHERE \"event_id\" = ? "
                + "OR \"event_id\" = unhex(replace(?, '-', ''))")) {
      select.setString(1, eventId);
      select.setString(2, eventId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The id of the event holding {@code globalSeq}, or {@code null}. */
  String eventAtGlobalSeq(long globalSeq) throws SQLException {
    try (PreparedStatement select =
        conn.prepareStatement(
            "SELECT CASE typeof(\"event_id\") WHEN 'blob' THEN lower(hex(\"event_id\")) "
                + "ELSE \"event_id\" END FROM \"_events\" WHERE \"global_seq\" = ?")) {
      select.setLong(1, globalSeq);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? eventId(rs.getString(1)) : null;
      }
    }
  }

  private static final java.util.regex.Pattern CANONICAL_ID =
      java.util.regex.Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Appends {@code event} to the log (its {@code localSeq} is ignored: the log gives the next). */
  void append(StoredEvent event) throws SQLException {
    try (PreparedStatement insert =
        conn.prepareStatement(
            "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", "
                + "\"payload\", \"fields\", \"timestamp\", \"origin\", \"global_seq\", "
                + "\"sync_status\", \"schema_version\", \"client_id\", \"error\") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      if (format >= 2 && CANONICAL_ID.matcher(event.eventId()).matches()) {
        java.util.UUID id = java.util.UUID.fromString(event.eventId());
        insert.setBytes(
            1,
            java.nio.ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array());
      } else {
        insert.setString(1, event.eventId());
      }
      insert.setString(2, event.collectionId());
      insert.setString(3, event.type());
      insert.setString(4, event.key());
      insert.setString(5, event.payload());
      if (event.fields().isEmpty()) insert.setNull(6, Types.VARCHAR);
      else insert.setString(6, Json.stringArray(event.fields()));
      insert.setLong(7, event.timestamp());
      insert.setString(8, event.origin());
      if (event.globalSeq() == null) insert.setNull(9, Types.BIGINT);
      else insert.setLong(9, event.globalSeq());
      insert.setString(10, event.status());
      insert.setInt(11, event.schemaVersion());
      insert.setString(12, event.clientId());
      insert.setString(13, event.error());
      insert.executeUpdate();
    }
  }

  /**
   * Makes the app rebuild the collection's table from the log when it next opens the file: its
   * stored fingerprint no longer matches the record's, which the runtime treats as a changed record
   * (the table is rebuilt, through the upcasters, in one transaction).
   *
   * @return whether the collection has a table to rebuild
   */
  boolean requestRebuild(String collectionId) throws SQLException {
    try (PreparedStatement update =
        conn.prepareStatement("UPDATE \"_meta\" SET \"value\" = ? WHERE \"key\" = ?")) {
      update.setString(1, "rebuild requested by eventsourced-devtools import");
      update.setString(2, "fingerprint:" + collectionId);
      return update.executeUpdate() == 1;
    }
  }

  @Override
  public void close() {
    try {
      if (!conn.getAutoCommit()) conn.rollback();
    } catch (SQLException e) {
      // closing anyway
    }
    try {
      conn.close();
    } catch (SQLException e) {
      // nothing more to do
    }
  }
}
