package dev.eventsourced.db;

import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.internal.live.LiveQueries;
import dev.eventsourced.db.live.LiveQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A query over one collection, compiled to one SQL statement with bound parameters. Immutable: each
 * method returns a new query, so a query can be kept and run again.
 *
 * <pre>{@code
 * List<Todo> pending = todos.query()
 *     .where(Todo_.STATUS.eq(Status.PENDING))
 *     .orderBy(Todo_.CREATED_AT.desc())
 *     .limit(50)
 *     .list();
 * }</pre>
 *
 * <p>Declared {@code @Index}es are used by SQLite's planner for filters and orders on their
 * columns. Results read the last committed state, or the calling thread's open transaction. {@link
 * #live()} keeps the result up to date as commits happen; {@link #include} nests another
 * collection's rows under each row.
 *
 * @param <T> the record type
 */
public final class Query<T extends Record> {

  private final CollectionStore<T, ?> store;
  private final Condition<T> where;
  private final List<Order<T>> orderBy;
  private final long limit;
  private final long offset;

  Query(CollectionStore<T, ?> store) {
    this(store, null, List.of(), -1, 0);
  }

  private Query(
      CollectionStore<T, ?> store,
      Condition<T> where,
      List<Order<T>> orderBy,
      long limit,
      long offset) {
    this.store = store;
    this.where = where;
    this.orderBy = orderBy;
    this.limit = limit;
    this.offset = offset;
  }

  /**
   * Narrows the query to rows matching {@code condition}, and-ed with any earlier {@code where}.
   */
  public Query<T> where(Condition<T> condition) {
    Objects.requireNonNull(condition, "condition");
    return new Query<>(
        store, where == null ? condition : where.and(condition), orderBy, limit, offset);
  }

  /**
   * Orders the result by {@code orders}, after any earlier ones. Without an order the result is
   * ordered by key, so that limits and offsets are deterministic; ties of an explicit order are
   * broken by key too, in the direction of the last order (so that SQLite walks an index of the
   * ordered columns, which ends with the key, either way without sorting).
   */
  @SafeVarargs
  public final Query<T> orderBy(Order<T>... orders) {
    List<Order<T>> all = new ArrayList<>(orderBy);
    for (Order<T> order : orders) all.add(Objects.requireNonNull(order, "order"));
    return new Query<>(store, where, List.copyOf(all), limit, offset);
  }

  /**
   * Returns at most {@code limit} rows.
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  public Query<T> limit(long limit) {
    if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    return new Query<>(store, where, orderBy, limit, offset);
  }

  /**
   * Skips the first {@code offset} rows of the ordered result.
   *
   * @throws IllegalArgumentException when {@code offset} is negative
   */
  public Query<T> offset(long offset) {
    if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    return new Query<>(store, where, orderBy, limit, offset);
  }

  /** The matching rows, in order. */
  public List<T> list() {
    List<Object> parameters = new ArrayList<>();
    String sql = selectSql(parameters);
    return store.engine().read(conn -> store.list(conn, sql, parameters));
  }

  /** The first matching row in order, if any (ignores the limit). */
  public Optional<T> first() {
    List<T> rows = limit(1).list();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The number of matching rows, after offset and limit. */
  public long count() {
    List<Object> parameters = new ArrayList<>();
    String sql;
    if (limit < 0 && offset == 0) {
      StringBuilder count = new StringBuilder("SELECT count(*) FROM ").append(store.table());
      appendWhere(count, parameters);
      sql = count.toString();
    } else {
      sql = "SELECT count(*) FROM (" + selectSql(parameters) + ")";
    }
    return store.engine().read(conn -> store.scalar(conn, sql, parameters));
  }

  /** Whether any row matches. */
  public boolean exists() {
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT EXISTS (" + limit(limit < 0 ? 1 : limit).selectSql(parameters) + ")";
    return store.engine().read(conn -> store.scalar(conn, sql, parameters)) != 0;
  }

  /**
   * A live version of this query: a result kept up to date after every commit, with notifications
   * to subscribers. A query on one collection is maintained from each commit's changed rows without
   * re-running SQL (a limited window that lost rows is refilled with one query), with SQLite's
   * semantics for every value; one that orders or filters on a JSON column (or uses a LIKE pattern
   * longer than SQLite accepts) re-runs per commit touching the collection. Close it when done, or
   * drop every reference once its subscriptions are closed.
   *
   * @throws IllegalStateException when called inside a transaction (its rows are not committed)
   */
  public LiveQuery<T> live() {
    return LiveQueries.of(new QueryModelAdapter<>(this));
  }

  /**
   * This query with each row's children from another collection: the rows of {@code children} whose
   * {@code childColumn} equals the row's {@code parentColumn}, in {@code children}'s order. Loading
   * takes one query for the parents and one for all their children.
   *
   * <pre>{@code
   * List<WithChildren<Project, Task>> board = projects.query()
   *     .where(Project_.ARCHIVED.isFalse())
   *     .orderBy(Project_.NAME.asc())
   *     .include(Project_.ID, tasks.query().orderBy(Task_.RANK.asc()), Task_.PROJECT_ID)
   *     .list();
   * }</pre>
   *
   * @param parentColumn the column of this query's rows that children point to (often the key)
   * @param children the child query; its filter and order apply to each parent's children
   * @param childColumn the column of the children that holds the parent's value
   * @throws IllegalArgumentException when {@code children} has a limit or an offset (they would
   *     apply to all children together, not per parent), or a column is virtual or cannot link
   */
  public <V, C extends Record> IncludeQuery<T, C> include(
      Column<T, V> parentColumn, Query<C> children, Column<C, V> childColumn) {
    return new IncludeQuery<>(this, parentColumn, children, childColumn);
  }

  /** The SQL this query runs, with {@code ?} placeholders. */
  public String toSql() {
    return selectSql(new ArrayList<>());
  }

  String selectSql(List<Object> parameters) {
    return selectSql(parameters, false, limit, offset);
  }

  /**
   * The SELECT of this query's filter and order with the given limit and offset; {@code
   * withMetadata} adds the {@code "_origin", "_pending"} columns after the record's.
   */
  String selectSql(List<Object> parameters, boolean withMetadata, long limit, long offset) {
    StringBuilder sql = new StringBuilder("SELECT ").append(store.selectColumns());
    if (withMetadata) sql.append(", \"_origin\", \"_pending\"");
    sql.append(" FROM ").append(store.table());
    appendWhere(sql, parameters);
    sql.append(" ORDER BY ");
    for (Order<T> order : orderBy) {
      order.render(sql);
      sql.append(", ");
    }
    sql.append(store.keyColumn());
    if (keyDescending()) sql.append(" DESC");
    if (limit >= 0 || offset > 0) {
      sql.append(" LIMIT ? OFFSET ?");
      parameters.add(limit < 0 ? -1 : limit);
      parameters.add(offset);
    }
    return sql.toString();
  }

  /** Whether ties are broken by descending key: the last explicit order is descending. */
  boolean keyDescending() {
    return !orderBy.isEmpty() && !orderBy.get(orderBy.size() - 1).ascending();
  }

  private void appendWhere(StringBuilder sql, List<Object> parameters) {
    if (where != null) {
      sql.append(" WHERE ");
      where.render(sql, parameters);
    }
  }

  CollectionStore<T, ?> store() {
    return store;
  }

  Condition<T> condition() {
    return where;
  }

  List<Order<T>> orders() {
    return orderBy;
  }

  long limitValue() {
    return limit;
  }

  long offsetValue() {
    return offset;
  }

  @Override
  public String toString() {
    return toSql();
  }
}
