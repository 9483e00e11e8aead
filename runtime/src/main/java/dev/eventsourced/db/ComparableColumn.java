package dev.eventsourced.db;

import dev.eventsourced.db.spi.ColumnType;
import java.util.function.Function;

/**
 * A column whose values have an order: numbers, strings, dates, instants, UUIDs, decimals.
 * Comparisons follow SQLite's order of the stored representation: numbers numerically, text by
 * code point, {@code LocalDate} chronologically, {@code BigDecimal} numerically.
 *
 * @param <R> the record type
 * @param <V> the value type
 */
public class ComparableColumn<R, V extends Comparable<? super V>> extends Column<R, V> {

  /** Used by generated metamodels; see {@link Column#Column}. */
  public ComparableColumn(String name, String column, ColumnType type, Function<? super R, ? extends V> getter) {
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
    return type() == ColumnType.BIG_DECIMAL ? "CAST(" + super.sqlExpression() + " AS REAL)" : super.sqlExpression();
  }

  @Override
  Object toSql(V value) {
    return type() == ColumnType.BIG_DECIMAL ? ((java.math.BigDecimal) value).doubleValue() : super.toSql(value);
  }
}
