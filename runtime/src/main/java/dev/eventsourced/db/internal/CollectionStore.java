package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.db.ConflictResolver;
import dev.eventsourced.db.DuplicateKeyException;
import dev.eventsourced.db.Event;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.db.NotFoundException;
import dev.eventsourced.db.Origin;
import dev.eventsourced.db.SyncStatus;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One collection's table: the SQL built once from its {@link CollectionDefinition}, and the local
 * mutations, each of which writes the state row and its event in the caller's transaction.
 *
 * <p>A row's metadata columns: {@code _origin} says who wrote the visible value ({@code local} or
 * {@code remote}); {@code _pending} counts the local events touching the row that the server has
 * not confirmed (the row is SYNCED when it is 0).
 */
public final class CollectionStore<T extends Record, K> {

  private final Engine engine;
  private final CollectionDefinition<T, K> definition;
  private final List<ColumnInfo> columns;
  private final String table;
  private final String keyColumn;
  private final String selectColumns;
  private final String insertSql;
  private final String upsertSql;
  private final String updateSql;
  private final String deleteSql;
  private final String selectByKeySql;
  private final String existsSql;
  private final String replayPutSql;
  private final String setPendingSql;
  private final String selectWithMetaSql;
  private final Map<Long, String> replayUpdates = new ConcurrentHashMap<>();
  private final ConflictResolver<T> resolver;

  CollectionStore(Engine engine, CollectionDefinition<T, K> definition, ConflictResolver<T> resolver) {
    this.engine = engine;
    this.definition = definition;
    this.resolver = resolver;
    this.columns = definition.columns();
    this.table = quote(definition.tableName());
    this.keyColumn = quote(columns.get(definition.keyColumn()).column());
    StringBuilder names = new StringBuilder();
    StringBuilder placeholders = new StringBuilder();
    StringBuilder assignments = new StringBuilder();
    StringBuilder upsertAssignments = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      String column = quote(columns.get(i).column());
      names.append(i == 0 ? "" : ", ").append(column);
      placeholders.append(i == 0 ? "?" : ", ?");
      if (i != definition.keyColumn()) {
        assignments.append(column).append(" = ?, ");
        upsertAssignments.append(column).append(" = excluded.").append(column).append(", ");
      }
    }
    this.selectColumns = names.toString();
    this.insertSql = "INSERT INTO " + table + " (" + names + ", \"_origin\", \"_pending\") VALUES ("
        + placeholders + ", 'local', 1)";
    this.upsertSql = insertSql + " ON CONFLICT (" + keyColumn + ") DO UPDATE SET " + upsertAssignments
        + "\"_origin\" = 'local', \"_pending\" = \"_pending\" + 1";
    this.updateSql = "UPDATE " + table + " SET " + assignments
        + "\"_origin\" = 'local', \"_pending\" = \"_pending\" + 1 WHERE " + keyColumn + " = ?";
    this.deleteSql = "DELETE FROM " + table + " WHERE " + keyColumn + " = ?";
    this.selectByKeySql = "SELECT " + selectColumns + " FROM " + table + " WHERE " + keyColumn + " = ?";
    this.existsSql = "SELECT 1 FROM " + table + " WHERE " + keyColumn + " = ?";
    this.replayPutSql = "INSERT INTO " + table + " (" + names + ", \"_origin\", \"_pending\") VALUES ("
        + placeholders + ", ?, 0) ON CONFLICT (" + keyColumn + ") DO UPDATE SET " + upsertAssignments
        + "\"_origin\" = excluded.\"_origin\"";
    this.setPendingSql = "UPDATE " + table + " SET \"_pending\" = ? WHERE " + keyColumn + " = ?";
    this.selectWithMetaSql = "SELECT " + selectColumns + ", \"_origin\", \"_pending\" FROM " + table
        + " WHERE " + keyColumn + " = ?";
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public CollectionDefinition<T, K> definition() {
    return definition;
  }

  public Engine engine() {
    return engine;
  }

  /** The quoted table name. */
  public String table() {
    return table;
  }

  /** The quoted key column. */
  public String keyColumn() {
    return keyColumn;
  }

  /** The quoted, comma-separated component columns, in {@link CollectionDefinition#columns()} order. */
  public String selectColumns() {
    return selectColumns;
  }

  // ---- local mutations: call inside Engine.write --------------------------------------------

  /** Inserts a new row and logs its insert event. */
  public void insert(Tx tx, T row) throws SQLException {
    Conn conn = engine.writer();
    K key = keyOf(row);
    PreparedStatement insert = conn.prepare(insertSql);
    bindAll(insert, row);
    try {
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException(
            definition.collectionId() + ": a row with key " + describeKey(key) + " already exists; "
                + "use upsert(...) to replace it or update(...) to change it", e);
      }
      throw e;
    }
    logLocal(tx, conn, EventType.INSERT, key, row, null, null);
  }

  /** Inserts or replaces a row and logs an insert event. */
  public void upsert(Tx tx, T row) throws SQLException {
    Conn conn = engine.writer();
    K key = keyOf(row);
    T previous = resolver == null ? null : find(conn, key).orElse(null);
    PreparedStatement upsert = conn.prepare(upsertSql);
    bindAll(upsert, row);
    upsert.executeUpdate();
    logLocal(tx, conn, EventType.INSERT, key, row, null, previous);
  }

  /**
   * Replaces the stored row with {@code updated} and logs an update event listing the components
   * that differ, among those in {@code candidates} (a bit set over column positions). Does nothing
   * when none differs.
   *
   * @return whether anything was written
   */
  public boolean update(Tx tx, T current, T updated, long candidates) throws SQLException {
    if (!Objects.equals(keyOf(current), keyOf(updated))) {
      throw new IllegalArgumentException(
          definition.collectionId() + ": an update cannot change the key (" + describeKey(keyOf(current))
              + " -> " + describeKey(keyOf(updated)) + "); delete the row and insert a new one");
    }
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      boolean candidate = i >= 64 ? candidates == -1L : (candidates & (1L << i)) != 0;
      if (i != definition.keyColumn() && candidate
          && !Objects.deepEquals(definition.componentValue(current, i), definition.componentValue(updated, i))) {
        changed.add(columns.get(i).component());
      }
    }
    if (changed.isEmpty()) {
      return false;
    }
    Conn conn = engine.writer();
    PreparedStatement update = conn.prepare(updateSql);
    int parameter = 1;
    for (int i = 0; i < columns.size(); i++) {
      if (i != definition.keyColumn()) {
        definition.bindColumn(update, parameter++, updated, i);
      }
    }
    K key = keyOf(updated);
    definition.bindKey(update, parameter, key);
    if (update.executeUpdate() != 1) {
      throw notFound(key);
    }
    logLocal(tx, conn, EventType.UPDATE, key, updated, changed, current);
    return true;
  }

  /** Deletes the row with {@code key} and logs a delete event carrying the row as it was. */
  public boolean delete(Tx tx, K key, boolean mustExist) throws SQLException {
    Conn conn = engine.writer();
    Optional<T> current = find(conn, key);
    if (current.isEmpty()) {
      if (mustExist) throw notFound(key);
      return false;
    }
    PreparedStatement delete = conn.prepare(deleteSql);
    definition.bindKey(delete, 1, key);
    delete.executeUpdate();
    logLocal(tx, conn, EventType.DELETE, key, current.get(), null, current.get());
    return true;
  }

  public NotFoundException notFound(K key) {
    return new NotFoundException(
        definition.collectionId() + ": no row has key " + describeKey(key)
            + "; use find(...) or exists(...) to check first, or insert/upsert it");
  }

  private String describeKey(K key) {
    return definition.numericKey() ? String.valueOf(key) : "'" + key + "'";
  }

  private K keyOf(T row) {
    Objects.requireNonNull(row, "row");
    K key = definition.keyOf(row);
    if (key == null) {
      throw new IllegalArgumentException(
          definition.collectionId() + ": the key component '" + columns.get(definition.keyColumn()).component()
              + "' of " + row + " is null; every row needs a key");
    }
    return key;
  }

  private void bindAll(PreparedStatement statement, T row) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      definition.bindColumn(statement, i + 1, row, i);
    }
  }

  /**
   * Logs the event of a local mutation whose state change is written, and tells listeners. With a
   * custom resolver the visible row is the resolver's fold of this event onto {@code previous}
   * (pending events fold last, in local order), as a later recompute would give.
   */
  private void logLocal(Tx tx, Conn conn, EventType type, K key, T row, List<String> fields, T previous) {
    T visible = type == EventType.DELETE ? null : row;
    try {
      long timestamp = engine.eventLog().appendLocal(
          conn, definition.collectionId(), type, definition.keyToString(key), payload(row),
          fields, definition.schemaVersion());
      if (resolver != null) {
        visible = resolveLocal(conn, key, previous, visible, new ConflictResolver.Applied<>(
            type, row, fields == null ? List.of() : fields, Origin.LOCAL, null, timestamp));
      }
    } catch (SQLException | RuntimeException e) {
      // The state row is written but its event is not: the transaction must not commit.
      tx.markRollbackOnly("logging the " + type.wireName() + " event of " + definition.collectionId()
          + " key " + describeKey(key) + " failed: " + e.getMessage());
      throw e instanceof RuntimeException ? (RuntimeException) e : SqlErrors.wrap("logging an event", (SQLException) e);
    }
    tx.changed(new Change(definition.collectionId(), key, type, visible, Origin.LOCAL, false));
  }

  private T resolveLocal(Conn conn, K key, T previous, T written, ConflictResolver.Applied<T> event)
      throws SQLException {
    T resolved = resolver.resolve(previous, event);
    if (java.util.Objects.equals(resolved, written)) return written;
    if (resolved == null) {
      remove(conn, key);
    } else {
      put(conn, resolved, Origin.LOCAL);
      setPending(conn, key, countPending(conn, definition.keyToString(key)));
    }
    return resolved;
  }


  /** {@code row} as an event payload. */
  public String payload(T row) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      definition.writePayload(json, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  // ---- replay: applying logged events to the state table; never logs -----------------------

  /** Decodes an event payload into a row. */
  public T decode(String payload) throws IOException {
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      json.nextToken();
      return definition.readPayload(json);
    }
  }

  /**
   * Applies one logged event to the row of {@code key}, marking the row as written by {@code
   * origin}. Rows it creates start with no pending events; the caller sets {@code _pending}.
   */
  public void apply(Conn conn, Event event, K key) throws SQLException, IOException {
    if (resolver != null) {
      applyResolved(conn, event, key);
      return;
    }
    switch (event.type()) {
      case INSERT:
        put(conn, checkedRow(event, key), event.origin());
        break;
      case UPDATE:
        T row = checkedRow(event, key);
        long mask = fieldMask(event.fields());
        if (mask == 0) return;
        PreparedStatement update = conn.prepare(replayUpdateSql(mask));
        int parameter = 1;
        for (int i = 0; i < columns.size(); i++) {
          if (i < 64 ? (mask & (1L << i)) != 0 : mask == -1L) {
            definition.bindColumn(update, parameter++, row, i);
          }
        }
        update.setString(parameter++, event.origin().wireName());
        definition.bindKey(update, parameter, key);
        update.executeUpdate();
        break;
      case DELETE:
        remove(conn, key);
        break;
    }
  }

  private void applyResolved(Conn conn, Event event, K key) throws SQLException, IOException {
    T current = find(conn, key).orElse(null);
    T row = decode(event.payload());
    T next = resolver.resolve(current, new ConflictResolver.Applied<>(
        event.type(), row, event.fields(), event.origin(), event.globalSeq(), event.timestamp()));
    if (next == null) {
      remove(conn, key);
    } else {
      put(conn, next, event.origin());
    }
  }

  private void put(Conn conn, T row, Origin origin) throws SQLException {
    PreparedStatement put = conn.prepare(replayPutSql);
    bindAll(put, row);
    put.setString(columns.size() + 1, origin.wireName());
    put.executeUpdate();
  }

  private T checkedRow(Event event, K key) throws IOException {
    T row = decode(event.payload());
    K payloadKey = definition.keyOf(row);
    if (!key.equals(payloadKey)) {
      throw new IOException("the payload's key " + payloadKey + " differs from the event's key " + key);
    }
    return row;
  }

  /** The columns an update with {@code fields} sets: all non-key columns when empty; unknown names are ignored. */
  private long fieldMask(List<String> fields) {
    if (fields.isEmpty()) {
      if (columns.size() > 64) return -1L;
      long all = (columns.size() == 64 ? -1L : (1L << columns.size()) - 1);
      return all & ~(1L << definition.keyColumn());
    }
    long mask = 0;
    for (String field : fields) {
      int column = definition.columnIndex(field);
      if (column >= 0 && column != definition.keyColumn()) {
        if (column >= 64) return fieldMask(List.of());
        mask |= 1L << column;
      }
    }
    return mask;
  }

  private String replayUpdateSql(long mask) {
    return replayUpdates.computeIfAbsent(mask, m -> {
      StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
      for (int i = 0; i < columns.size(); i++) {
        if (i < 64 ? (m & (1L << i)) != 0 : m == -1L) {
          sql.append(quote(columns.get(i).column())).append(" = ?, ");
        }
      }
      return sql.append("\"_origin\" = ? WHERE ").append(keyColumn).append(" = ?").toString();
    });
  }

  private static final String ROW_EVENTS =
      "SELECT " + EventLogStore.COLUMNS + " FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? "
          + "AND (\"global_seq\" IS NOT NULL OR \"sync_status\" = 'pending') "
          + "ORDER BY \"global_seq\" IS NULL, \"global_seq\", \"local_seq\"";
  private static final String COUNT_PENDING =
      "SELECT count(*) FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? AND \"sync_status\" = 'pending'";
  private static final String LOGGED_KEYS =
      "SELECT DISTINCT \"key\" FROM \"_events\" WHERE \"collection_id\" = ?";

  /**
   * Rebuilds the row of {@code keyText} from its events: global ones in global order, then pending
   * local ones in local order (rejected events are left out). Events that cannot be applied (a
   * payload this version cannot read) are skipped; they were reported when they arrived.
   *
   * @return the row's change, for listeners
   */
  public Change recompute(Conn conn, String keyText, EventType cause) throws SQLException {
    K key = definition.keyFromString(keyText);
    remove(conn, key);
    PreparedStatement select = conn.prepare(ROW_EVENTS);
    select.setString(1, definition.collectionId());
    select.setString(2, keyText);
    List<Event> events = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) events.add(EventLogStore.read(rs));
    }
    int pending = 0;
    for (Event event : events) {
      try {
        apply(conn, event, key);
      } catch (IOException | IllegalArgumentException e) {
        // The fold goes on without it.
      }
      if (event.syncStatus() == SyncStatus.PENDING) pending++;
    }
    setPending(conn, key, pending);
    return changeOf(conn, key, cause);
  }

  /**
   * Folds the events already in the log into this collection's (new) table: a collection a
   * database did not have when it pulled them gets their rows when it is added.
   *
   * @return the changes, one per key
   */
  public List<Change> replayLogged(Conn conn) throws SQLException {
    PreparedStatement select = conn.prepare(LOGGED_KEYS);
    select.setString(1, definition.collectionId());
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) keys.add(rs.getString(1));
    }
    List<Change> changes = new ArrayList<>(keys.size());
    for (String key : keys) {
      try {
        changes.add(recompute(conn, key, EventType.INSERT));
      } catch (IllegalArgumentException e) {
        // A key this version of the record cannot read: left in the log.
      }
    }
    return changes;
  }

  /** The number of pending local events of the row {@code keyText}. */
  public int countPending(Conn conn, String keyText) throws SQLException {
    PreparedStatement select = conn.prepare(COUNT_PENDING);
    select.setString(1, definition.collectionId());
    select.setString(2, keyText);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Sets the row's count of unconfirmed local events. */
  public void setPending(Conn conn, K key, int pending) throws SQLException {
    PreparedStatement update = conn.prepare(setPendingSql);
    update.setInt(1, pending);
    definition.bindKey(update, 2, key);
    update.executeUpdate();
  }

  /** Removes the row of {@code key}, if any, without logging (before a recompute). */
  public void remove(Conn conn, K key) throws SQLException {
    PreparedStatement delete = conn.prepare(deleteSql);
    definition.bindKey(delete, 1, key);
    delete.executeUpdate();
  }

  /** The row of {@code key} as a {@link Change}, read after the transaction's writes. */
  public Change changeOf(Conn conn, K key, EventType type) throws SQLException {
    PreparedStatement select = conn.prepare(selectWithMetaSql);
    definition.bindKey(select, 1, key);
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        return new Change(definition.collectionId(), key, type, null, null, true);
      }
      T row = definition.readRow(rs, 1);
      Origin origin = Origin.fromWireName(rs.getString(columns.size() + 1));
      boolean synced = rs.getInt(columns.size() + 2) == 0;
      return new Change(definition.collectionId(), key, type, row, origin, synced);
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The row with {@code key} on {@code conn}. */
  public Optional<T> find(Conn conn, K key) throws SQLException {
    PreparedStatement select = conn.prepare(selectByKeySql);
    definition.bindKey(select, 1, key);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? Optional.of(definition.readRow(rs, 1)) : Optional.empty();
    }
  }

  public boolean exists(Conn conn, K key) throws SQLException {
    PreparedStatement select = conn.prepare(existsSql);
    definition.bindKey(select, 1, key);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next();
    }
  }

  /** Runs a SELECT of {@link #selectColumns()} with the given parameters and reads every row. */
  public List<T> list(Conn conn, String sql, List<Object> parameters) throws SQLException {
    PreparedStatement select = conn.prepare(sql);
    bindParameters(select, parameters);
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows.add(definition.readRow(rs, 1));
      }
    }
    return rows;
  }

  /**
   * Runs a SELECT of {@link #selectColumns()} followed by {@code "_origin", "_pending"} and hands
   * each row with its metadata to {@code factory} (for live queries, whose filters may read the
   * SYNCED and ORIGIN columns).
   */
  public <E> List<E> listWithMetadata(Conn conn, String sql, List<Object> parameters, RowWithMetadata<T, E> factory)
      throws SQLException {
    PreparedStatement select = conn.prepare(sql);
    bindParameters(select, parameters);
    List<E> rows = new ArrayList<>();
    int metadata = columns.size() + 1;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        T row = definition.readRow(rs, 1);
        rows.add(factory.create(row, Origin.fromWireName(rs.getString(metadata)), rs.getLong(metadata + 1) == 0));
      }
    }
    return rows;
  }

  /** Makes an element of {@link #listWithMetadata} from a row and its metadata. */
  @FunctionalInterface
  public interface RowWithMetadata<T, E> {
    E create(T row, Origin origin, boolean synced);
  }

  /** Runs a SELECT returning one number. */
  public long scalar(Conn conn, String sql, List<Object> parameters) throws SQLException {
    PreparedStatement select = conn.prepare(sql);
    bindParameters(select, parameters);
    try (ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void bindParameters(PreparedStatement statement, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }
}
