package dev.eventsourced.db;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.internal.live.QueryModel;
import dev.eventsourced.db.internal.live.Restriction;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import dev.eventsourced.db.spi.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Query} as live queries see it: its SQL, and its filter and order evaluated in memory.
 */
final class QueryModelAdapter<T extends Record> implements QueryModel<T> {

  private final Query<T> query;
  private final Condition<T> where;
  private final List<Order<T>> orders;
  private final ColumnType keyType;
  private final boolean keyDescending;

  QueryModelAdapter(Query<T> query) {
    this.query = query;
    this.where = query.condition();
    this.orders = query.orders();
    this.keyDescending = query.keyDescending();
    var definition = query.store().definition();
    this.keyType = definition.columns().get(definition.keyColumn()).type();
  }

  @Override
  public CollectionStore<T, ?> store() {
    return query.store();
  }

  @Override
  public long limit() {
    return query.limitValue();
  }

  @Override
  public long offset() {
    return query.offsetValue();
  }

  @Override
  public boolean evaluableInMemory() {
    if (where != null && !where.evaluableInMemory()) return false;
    for (Order<T> order : orders) {
      if (!order.column().evaluableInMemory()) return false;
    }
    return true;
  }

  @Override
  public Restriction<T> restriction() {
    if (where == null) return null;
    List<Restriction<T>> conjuncts = new ArrayList<>();
    where.restrictions(conjuncts);
    return Restriction.narrowest(conjuncts);
  }

  @Override
  public boolean matches(T row, Origin origin, boolean synced) {
    return where == null || where.eval(row, origin, synced) == Sqlite.TRUE;
  }

  @Override
  public Object[] sortKey(T row, Object key, Origin origin, boolean synced) {
    int n = orders.size();
    Object[] values = new Object[n + 1];
    for (int i = 0; i < n; i++) {
      values[i] = sqlValue(orders.get(i).column(), row, origin, synced);
    }
    values[n] = Sqlite.normalize(keyType.toSql(key));
    return values;
  }

  private static <T, V> Object sqlValue(Column<T, V> column, T row, Origin origin, boolean synced) {
    return column.sqlValue(row, origin, synced);
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    int n = orders.size();
    for (int i = 0; i < n; i++) {
      int c = orders.get(i).compareSqlValues(a[i], b[i]);
      if (c != 0) return c;
    }
    int byKey = Sqlite.compare(a[n], b[n]); // the key breaks ties, as the SELECT's ORDER BY
    return keyDescending ? -byKey : byKey;
  }

  @Override
  public String select(List<Object> parameters) {
    return query.selectSql(parameters);
  }

  @Override
  public String selectWithMetadata(long limit, List<Object> parameters) {
    return query.selectSql(parameters, true, limit, 0);
  }
}
