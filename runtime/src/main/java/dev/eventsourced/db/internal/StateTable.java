package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.protocol.EventType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL of one collection's state table, built once from its {@link CollectionDefinition}: the
 * statements that write a row (for a local mutation, or for folding a logged event) and read it. It
 * knows nothing of events; {@link Fold} decides what to write.
 *
 * <p>A row's metadata columns: {@code _origin} says who wrote the visible value ({@code local} or
 * {@code remote}); {@code _pending} counts the local events touching the row that the server has
 * not confirmed (the row is SYNCED when it is 0). It is exact when a row is folded from the log or
 * recounted after a confirmation; a local write only adds its own event, so a row re-inserted after
 * a pending delete may count fewer: never 0 while one is pending, which is what SYNCED needs.
 *
 * <p>It holds every statement of one table, built once; splitting reads from writes would build the
 * same column lists twice.
 */
public final class StateTable<T extends Record, K> {

  private final CollectionDefinition<T, K> definition;
  private final List<ColumnInfo> columns;
  private final String table;
  private final String keyColumn;
  private final String selectColumns;
  private final String insertLocalSql;
  private final String upsertLocalSql;
  private final String deleteSql;
  private final String selectByKeySql;
  private final String existsSql;
  private final String putSql;
  private final String setPendingSql;
  private final String insertFoldedSql;
  private final String selectWithMetaSql;
  private final String selectAllWithMetaSql;
  private final Map<BitSet, String> patchSql = new ConcurrentHashMap<>();

  /** How many pending events a local write adds: none in a collection that never syncs. */
  private final int pendingPerWrite;

  StateTable(CollectionDefinition<T, K> definition) {
    this.definition = definition;
    this.columns = definition.columns();
    this.table = quote(definition.tableName());
    this.keyColumn = quote(columns.get(definition.keyColumn()).column());
    this.pendingPerWrite = definition.synced() ? 1 : 0;
    StringBuilder names = new StringBuilder();
    StringBuilder placeholders = new StringBuilder();
    StringBuilder upsertAssignments = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      String column = quote(columns.get(i).column());
      names.append(i == 0 ? "" : ", ").append(column);
      placeholders.append(i == 0 ? "?" : ", ?");
      if (i != definition.keyColumn()) {
        upsertAssignments.append(column).append(" = excluded.").append(column).append(", ");
      }
    }
    this.selectColumns = names.toString();
    this.insertLocalSql =
        "INSERT INTO "
            + table
            + " ("
            + names
            + ", \"_origin\", \"_pending\") VALUES ("
            + placeholders
            + ", 'local', "
            + pendingPerWrite
            + ")";
    this.upsertLocalSql =
        insertLocalSql
            + " ON CONFLICT ("
            + keyColumn
            + ") DO UPDATE SET "
            + upsertAssignments
            + "\"_origin\" = 'local', \"_pending\" = \"_pending\" + "
            + pendingPerWrite;
    this.deleteSql = "DELETE FROM " + table + " WHERE " + keyColumn + " = ?";
    this.selectByKeySql =
        "SELECT " + selectColumns + " FROM " + table + " WHERE " + keyColumn + " = ?";
    this.existsSql = "SELECT 1 FROM " + table + " WHERE " + keyColumn + " = ?";
    this.putSql =
        "INSERT INTO "
            + table
            + " ("
            + names
            + ", \"_origin\", \"_pending\") VALUES ("
            + placeholders
            + ", ?, 0) ON CONFLICT ("
            + keyColumn
            + ") DO UPDATE SET "
            + upsertAssignments
            + "\"_origin\" = excluded.\"_origin\"";
    this.insertFoldedSql =
        "INSERT INTO "
            + table
            + " ("
            + names
            + ", \"_origin\", \"_pending\") VALUES ("
            + placeholders
            + ", ?, ?)";
    this.setPendingSql = "UPDATE " + table + " SET \"_pending\" = ? WHERE " + keyColumn + " = ?";
    this.selectWithMetaSql =
        "SELECT "
            + selectColumns
            + ", \"_origin\", \"_pending\" FROM "
            + table
            + " WHERE "
            + keyColumn
            + " = ?";
    this.selectAllWithMetaSql =
        "SELECT " + selectColumns + ", \"_origin\", \"_pending\" FROM " + table;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The quoted table name. */
  public String table() {
    return table;
  }

  /** The quoted key column. */
  public String keyColumn() {
    return keyColumn;
  }

  /**
   * The quoted, comma-separated component columns, in {@link CollectionDefinition#columns()} order.
   */
  public String selectColumns() {
    return selectColumns;
  }

  // ---- writes of local mutations: the row counts one more pending event -----------------------

  /** Inserts a new row; fails with a unique-constraint violation when the key exists. */
  void insertLocal(Conn conn, T row) throws SQLException {
    PreparedStatement insert = conn.prepare(insertLocalSql);
    bindAll(insert, row);
    insert.executeUpdate();
  }

  /** Inserts or replaces a row. */
  void upsertLocal(Conn conn, T row) throws SQLException {
    PreparedStatement upsert = conn.prepare(upsertLocalSql);
    bindAll(upsert, row);
    upsert.executeUpdate();
  }

  /**
   * Sets the components at {@code set}'s positions from {@code source}; false when no row has the
   * key.
   */
  boolean patchLocal(Conn conn, K key, T source, BitSet set) throws SQLException {
    return patch(conn, key, source, set, Origin.LOCAL, true);
  }

  // ---- writes of the fold: pending counts are the caller's -------------------------------------

  /**
   * Inserts or replaces the row, marking it as written by {@code origin}; a new row has no pending
   * events.
   */
  void put(Conn conn, T row, Origin origin) throws SQLException {
    PreparedStatement put = conn.prepare(putSql);
    bindAll(put, row);
    put.setString(columns.size() + 1, origin.wireName());
    put.executeUpdate();
  }

  /** Sets the components at {@code set}'s positions from {@code source}, if the row exists. */
  void patch(Conn conn, K key, T source, BitSet set, Origin origin) throws SQLException {
    patch(conn, key, source, set, origin, false);
  }

  private boolean patch(Conn conn, K key, T source, BitSet set, Origin origin, boolean countPending)
      throws SQLException {
    PreparedStatement update = conn.prepare(patchSql(set));
    int parameter = 1;
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
      definition.bindColumn(update, parameter++, source, i);
    }
    update.setString(parameter++, origin.wireName());
    update.setInt(parameter++, countPending ? pendingPerWrite : 0);
    definition.bindKey(update, parameter, key);
    return update.executeUpdate() == 1;
  }

  private String patchSql(BitSet set) {
    String sql = patchSql.get(set);
    if (sql == null) {
      StringBuilder text = new StringBuilder("UPDATE ").append(table).append(" SET ");
      for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
        text.append(quote(columns.get(i).column())).append(" = ?, ");
      }
      sql =
          text.append("\"_origin\" = ?, \"_pending\" = \"_pending\" + ? WHERE ")
              .append(keyColumn)
              .append(" = ?")
              .toString();
      patchSql.put((BitSet) set.clone(), sql);
    }
    return sql;
  }

  /** Removes the row of {@code key}, if any. */
  void remove(Conn conn, K key) throws SQLException {
    PreparedStatement delete = conn.prepare(deleteSql);
    definition.bindKey(delete, 1, key);
    delete.executeUpdate();
  }

  /** Inserts a row folded from the log into a table being rebuilt (no row has its key yet). */
  void insertFolded(Conn conn, T row, Origin origin, int pending) throws SQLException {
    PreparedStatement insert = conn.prepare(insertFoldedSql);
    bindAll(insert, row);
    insert.setString(columns.size() + 1, origin.wireName());
    insert.setInt(columns.size() + 2, pending);
    insert.executeUpdate();
  }

  /** Sets the row's count of unconfirmed local events. */
  void setPending(Conn conn, K key, int pending) throws SQLException {
    PreparedStatement update = conn.prepare(setPendingSql);
    update.setInt(1, pending);
    definition.bindKey(update, 2, key);
    update.executeUpdate();
  }

  private void bindAll(PreparedStatement statement, T row) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      definition.bindColumn(statement, i + 1, row, i);
    }
  }

  // ---- reads -----------------------------------------------------------------------------------

  /** The row of {@code key} as a {@link Change}, read after the transaction's writes. */
  Change changeOf(Conn conn, K key, EventType type) throws SQLException {
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

  /**
   * A removal of every row of the table, if it exists: what listeners are told first when it is
   * rebuilt (the rebuilt rows follow).
   */
  List<Change> removals(Conn conn) throws SQLException {
    List<Change> removals = new ArrayList<>();
    PreparedStatement select;
    try {
      select = conn.prepare("SELECT " + keyColumn + " FROM " + table);
    } catch (SQLException e) {
      return removals; // no such table yet
    }
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        K key = definition.keyFromString(rs.getString(1));
        removals.add(
            new Change(definition.collectionId(), key, EventType.DELETE, null, null, true));
      }
    }
    return removals;
  }

  /** Every row with its pending count, for {@code verify()}. */
  void forEachWithPending(Conn conn, RowWithMetadata<T, Void> action) throws SQLException {
    try (ResultSet rs = conn.prepare(selectAllWithMetaSql).executeQuery()) {
      int metadata = columns.size() + 1;
      while (rs.next()) {
        action.create(
            definition.readRow(rs, 1),
            Origin.fromWireName(rs.getString(metadata)),
            rs.getLong(metadata + 1) == 0);
      }
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
  public <E> List<E> listWithMetadata(
      Conn conn, String sql, List<Object> parameters, RowWithMetadata<T, E> factory)
      throws SQLException {
    PreparedStatement select = conn.prepare(sql);
    bindParameters(select, parameters);
    List<E> rows = new ArrayList<>();
    int metadata = columns.size() + 1;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        T row = definition.readRow(rs, 1);
        rows.add(
            factory.create(
                row, Origin.fromWireName(rs.getString(metadata)), rs.getLong(metadata + 1) == 0));
      }
    }
    return rows;
  }

  /** Makes an element of {@link #listWithMetadata} from a row and its metadata. */
  @FunctionalInterface
  public interface RowWithMetadata<T, E> {
    E create(T row, Origin origin, boolean synced) throws SQLException;
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

  private static void bindParameters(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }
}
