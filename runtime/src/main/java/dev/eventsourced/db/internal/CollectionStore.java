package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventsourced.db.DuplicateKeyException;
import dev.eventsourced.db.EventSourcedException;
import dev.eventsourced.db.EventType;
import dev.eventsourced.db.NotFoundException;
import dev.eventsourced.db.Origin;
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
import java.util.Objects;
import java.util.Optional;

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

  CollectionStore(Engine engine, CollectionDefinition<T, K> definition) {
    this.engine = engine;
    this.definition = definition;
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
    logLocal(tx, conn, EventType.INSERT, key, row, null);
  }

  /** Inserts or replaces a row and logs an insert event. */
  public void upsert(Tx tx, T row) throws SQLException {
    Conn conn = engine.writer();
    K key = keyOf(row);
    PreparedStatement upsert = conn.prepare(upsertSql);
    bindAll(upsert, row);
    upsert.executeUpdate();
    logLocal(tx, conn, EventType.INSERT, key, row, null);
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
    logLocal(tx, conn, EventType.UPDATE, key, updated, changed);
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
    logLocal(tx, conn, EventType.DELETE, key, current.get(), null);
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

  private void logLocal(Tx tx, Conn conn, EventType type, K key, T row, List<String> fields) {
    try {
      engine.eventLog().appendLocal(
          conn, definition.collectionId(), type, definition.keyToString(key), payload(row),
          fields, definition.schemaVersion());
    } catch (SQLException | RuntimeException e) {
      // The state row is written but its event is not: the transaction must not commit.
      tx.markRollbackOnly("logging the " + type.wireName() + " event of " + definition.collectionId()
          + " key " + describeKey(key) + " failed: " + e.getMessage());
      throw e instanceof RuntimeException ? (RuntimeException) e : SqlErrors.wrap("logging an event", (SQLException) e);
    }
    tx.changed(new Change(definition.collectionId(), key, type, type == EventType.DELETE ? null : row, Origin.LOCAL, false));
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

  /** Wraps an SQLException from this collection's table. */
  public EventSourcedException wrap(String what, SQLException e) {
    return SqlErrors.wrap(what + " " + definition.collectionId(), e);
  }
}
