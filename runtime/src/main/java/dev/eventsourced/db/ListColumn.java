package dev.eventsourced.db;

import dev.eventsourced.db.spi.ColumnType;
import dev.eventsourced.db.spi.Values;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@code List} or {@code Set} component of scalar elements (stored as a JSON array): equality and
 * nullness like any column, plus {@link #contains}.
 *
 * @param <R> the record type
 * @param <V> the component's type, e.g. {@code List<String>}
 * @param <E> the element type
 */
public final class ListColumn<R, V, E> extends Column<R, V> {

  /** Used by generated metamodels; see {@link Column#Column}. */
  public ListColumn(String name, String column, Function<? super R, V> getter) {
    super(name, column, ColumnType.JSON, getter);
  }

  /**
   * Rows whose list holds {@code element} (compared as stored: enums by name, {@code Instant} by
   * epoch millisecond, numbers by value). Live queries with it re-run once per commit that touches
   * the table, as every condition on a JSON column does.
   *
   * @throws IllegalArgumentException when {@code element} is null (a list holding nulls matches
   *     nothing: test for it in Java)
   */
  public Condition<R> contains(E element) {
    if (element == null) {
      throw new IllegalArgumentException(
          "contains(null) on " + name() + ": an element is never NULL in SQL; filter in Java");
    }
    return new Condition.Contains<>(this, stored(element));
  }

  /** The element as {@code json_each} yields it from the stored JSON array. */
  private static Object stored(Object element) {
    if (element instanceof Enum<?> constant) return constant.name();
    if (element instanceof Instant instant) return Values.epochMillis(instant);
    if (element instanceof Boolean bool) return bool ? 1L : 0L;
    if (element instanceof Byte || element instanceof Short || element instanceof Integer) {
      return ((Number) element).longValue();
    }
    if (element instanceof Float || element instanceof Double) {
      double value = ((Number) element).doubleValue();
      return value == 0.0 ? 0.0 : value; // -0.0 is stored as 0.0
    }
    if (element instanceof Long) return element;
    return Objects.toString(element); // String, Character, UUID, LocalDate, BigDecimal
  }
}
