package dev.eventsourced.db;

import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.internal.Conn;
import dev.eventsourced.db.internal.live.IncludeModel;
import dev.eventsourced.db.internal.live.LiveQueries;
import dev.eventsourced.db.internal.live.QueryModel;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.WithChildren;
import dev.eventsourced.db.spi.ColumnType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parent query whose rows carry their children from another collection, made with {@link
 * Query#include}. It loads with one query per level (the parents, then the children of all of
 * them), never one per parent, and its {@linkplain #live() live} version updates the right parent's
 * list when a child changes.
 *
 * @param <P> the parent record type
 * @param <C> the child record type
 */
public final class IncludeQuery<P extends Record, C extends Record> {

  private final Query<P> parents;
  private final Column<P, ?> parentColumn;
  private final Query<C> children;
  private final Column<C, ?> childColumn;

  <V> IncludeQuery(
      Query<P> parents, Column<P, V> parentColumn, Query<C> children, Column<C, V> childColumn) {
    this.parents = Objects.requireNonNull(parents, "parents");
    this.parentColumn = Objects.requireNonNull(parentColumn, "parentColumn");
    this.children = Objects.requireNonNull(children, "children");
    this.childColumn = Objects.requireNonNull(childColumn, "childColumn");
    if (children.limitValue() >= 0 || children.offsetValue() > 0) {
      throw new IllegalArgumentException(
          "include(...): the child query "
              + children.toSql()
              + " has a limit or an offset, which would apply to the children of all parents together; "
              + "remove it, and limit the parents instead");
    }
    checkLink(parentColumn);
    checkLink(childColumn);
  }

  private static void checkLink(Column<?, ?> column) {
    if (column.isVirtual()
        || column.type() == ColumnType.JSON
        || column.type() == ColumnType.BYTES) {
      throw new IllegalArgumentException(
          "include(...): column "
              + column.name()
              + " cannot link parents and children; use a key-like column (text, number, enum, UUID, date)");
    }
  }

  /** The parents in order, each with its children in the child query's order. */
  public List<WithChildren<P, C>> list() {
    CollectionStore<P, ?> store = parents.store();
    return store.engine().read(this::load);
  }

  /** The first parent in order with its children, if any (ignores the limit). */
  public Optional<WithChildren<P, C>> first() {
    List<WithChildren<P, C>> rows =
        new IncludeQuery<>(parents.limit(1), parentColumn, children, childColumnUnchecked()).list();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  @SuppressWarnings("unchecked")
  private <V> Column<C, V> childColumnUnchecked() {
    return (Column<C, V>) childColumn;
  }

  /**
   * A live version: the result kept up to date after every commit that changes a parent or a child,
   * each parent's children updated in place (see {@link LiveQuery}). Maintained from the changed
   * rows when both queries can be evaluated in memory (children of parents that enter the result
   * are loaded with one query); re-run per commit otherwise.
   *
   * @throws IllegalStateException when called inside a transaction
   */
  public LiveQuery<WithChildren<P, C>> live() {
    Model model = new Model();
    return LiveQueries.of(model, () -> list());
  }

  /** The SQL of the two levels, for diagnostics. */
  public String toSql() {
    return parents.toSql() + "; " + new Model().selectChildren(List.of(), new ArrayList<>());
  }

  @Override
  public String toString() {
    return toSql();
  }

  private List<WithChildren<P, C>> load(Conn conn) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String sql = parents.selectSql(parameters);
    List<P> parentRows = parents.store().list(conn, sql, parameters);
    Set<Object> links = new LinkedHashSet<>();
    for (P parent : parentRows) {
      Object link = link(parentColumn, parent);
      if (link != null) links.add(link);
    }
    Map<Object, List<C>> byLink = new HashMap<>();
    if (!links.isEmpty()) {
      List<Object> childParameters = new ArrayList<>();
      String childSql =
          children.where(new LinkCondition<>(childColumn, links)).selectSql(childParameters);
      for (C child : children.store().list(conn, childSql, childParameters)) {
        byLink.computeIfAbsent(link(childColumn, child), k -> new ArrayList<>()).add(child);
      }
    }
    List<WithChildren<P, C>> result = new ArrayList<>(parentRows.size());
    for (P parent : parentRows) {
      Object link = link(parentColumn, parent);
      result.add(
          new WithChildren<>(
              parent, link == null ? List.of() : byLink.getOrDefault(link, List.of())));
    }
    return result;
  }

  /** A row's link value as a hash key with SQL {@code =} semantics; null when NULL. */
  private static <R> Object link(Column<R, ?> column, R row) {
    Object value = column.sqlValue(row, null, false);
    return value == null ? null : Sqlite.equalityKey(value);
  }

  private final class Model implements IncludeModel<P, C> {
    private final QueryModel<P> parent = new QueryModelAdapter<>(parents);
    private final QueryModel<C> child = new QueryModelAdapter<>(children);

    @Override
    public QueryModel<P> parent() {
      return parent;
    }

    @Override
    public QueryModel<C> child() {
      return child;
    }

    @Override
    public Object parentLink(P row) {
      return link(parentColumn, row);
    }

    @Override
    public Object childLink(C row) {
      return link(childColumn, row);
    }

    @Override
    public String selectChildren(Collection<Object> links, List<Object> parameters) {
      return children
          .where(new LinkCondition<>(childColumn, links))
          .selectSql(parameters, true, -1, 0);
    }
  }
}
