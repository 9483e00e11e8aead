package dev.eventsourced.db;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import dev.eventsourced.db.spi.ColumnType;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A column whose values have an order: numbers, strings, dates, instants, UUIDs, decimals.
 * Comparisons follow SQLite's order of the stored representation: numbers numerically, text by code
 * point (so {@code UUID}s by their canonical text, {@code LocalDate}s chronologically within years
 * 0000 to 9999), {@code BigDecimal} numerically as SQLite's {@code CAST(text AS REAL)}: two
 * decimals that convert to the same double compare equal.
 *
 * @param <R> the record type
 * @param <V> the value type
 */
public class ComparableColumn<R, V extends Comparable<? super V>> extends Column<R, V> {

  /** Used by generated metamodels; see {@link Column#Column}. */
  public ComparableColumn(
      String name, String column, ColumnType type, Function<? super R, ? extends V> getter) {
    super(name, column, type, getter);
  }

  /** {@code column < value}. */
  public final Condition<R> lt(V value) {
    return Condition.compare(this, Condition.Op.LT, value);
  }

  /** {@code column <= value}. */
  public final Condition<R> le(V value) {
    return Condition.compare(this, Condition.Op.LE, value);
  }

  /** {@code column > value}. */
  public final Condition<R> gt(V value) {
    return Condition.compare(this, Condition.Op.GT, value);
  }

  /** {@code column >= value}. */
  public final Condition<R> ge(V value) {
    return Condition.compare(this, Condition.Op.GE, value);
  }

  /** {@code column BETWEEN low AND high}, both ends included. */
  public final Condition<R> between(V low, V high) {
    return ge(low).and(le(high));
  }

  @Override
  String sqlExpression() {
    // Decimals are stored as exact text; compare them as numbers.
    return isDecimal() ? "CAST(" + super.sqlExpression() + " AS REAL)" : super.sqlExpression();
  }

  /**
   * A decimal parameter is bound as its text and cast like the column, so that a stored value
   * equals itself even where SQLite's text-to-REAL conversion differs from {@link
   * BigDecimal#doubleValue()} (more than about 19 significant digits).
   */
  @Override
  String parameterSql() {
    return isDecimal() ? "CAST(? AS REAL)" : super.parameterSql();
  }

  @Override
  Object sqlParameter(V value) {
    return isDecimal()
        ? (Object) Sqlite.castToReal((String) toSql(value))
        : super.sqlParameter(value);
  }

  @Override
  Object sqlValue(R row, Origin origin, boolean synced) {
    if (!isDecimal()) return super.sqlValue(row, origin, synced);
    V value = valueIn(row);
    return value == null ? null : (Object) Sqlite.castToReal((String) toSql(value));
  }

  private boolean isDecimal() {
    return type() == ColumnType.BIG_DECIMAL;
  }
}
