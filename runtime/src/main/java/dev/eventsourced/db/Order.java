package dev.eventsourced.db;

import dev.eventsourced.db.internal.sqlite.Sqlite;

/**
 * One ordering term of a query: a column, a direction and where NULLs go. Made with {@link
 * Column#asc()} or {@link Column#desc()}, refined with {@link #nullsFirst()} / {@link
 * #nullsLast()}.
 *
 * @param <R> the record type
 */
public final class Order<R> {

  /** Where NULL values sort. */
  public enum Nulls {
    FIRST,
    LAST
  }

  private final Column<R, ?> column;
  private final boolean ascending;
  private final Nulls nulls;

  Order(Column<R, ?> column, boolean ascending, Nulls nulls) {
    this.column = column;
    this.ascending = ascending;
    this.nulls = nulls;
  }

  /** The same order with NULLs first. */
  public Order<R> nullsFirst() {
    return new Order<>(column, ascending, Nulls.FIRST);
  }

  /** The same order with NULLs last. */
  public Order<R> nullsLast() {
    return new Order<>(column, ascending, Nulls.LAST);
  }

  /** The column ordered by. */
  public Column<R, ?> column() {
    return column;
  }

  /** Whether the order is ascending. */
  public boolean ascending() {
    return ascending;
  }

  /** Where NULLs go. */
  public Nulls nulls() {
    return nulls;
  }

  /**
   * Compares two values of {@link Column#sqlValue} as this ORDER BY term does: NULLs where {@link
   * #nulls()} says, others in SQLite's order, reversed when descending.
   */
  int compareSqlValues(Object a, Object b) {
    if (a == null || b == null) {
      if (a == b) return 0;
      return (a == null) == (nulls == Nulls.FIRST) ? -1 : 1;
    }
    int c = Sqlite.compare(a, b);
    return ascending ? c : -c;
  }

  void render(StringBuilder sql) {
    sql.append(column.sqlExpression())
        .append(ascending ? " ASC" : " DESC")
        .append(nulls == Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
  }

  @Override
  public String toString() {
    return column.name() + (ascending ? " asc" : " desc") + " nulls " + nulls.name().toLowerCase();
  }
}
