package dev.eventsourced.db;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import dev.eventsourced.db.spi.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed column of a collection, as found in a generated metamodel ({@code Todo_.TITLE}): the
 * building block of query conditions and orderings.
 *
 * <p>This class offers equality tests; {@link ComparableColumn}, {@link StringColumn} and {@link
 * BooleanColumn} add what their types support. Metamodels are generated; applications do not create
 * columns.
 *
 * @param <R> the record type
 * @param <V> the value type (boxed; the element type for {@code Optional} components)
 */
public class Column<R, V> {

  private final String name;
  private final String column;
  private final ColumnType type;
  private final Function<? super R, ? extends V> getter;

  /**
   * Used by generated metamodels.
   *
   * @param name the record component name
   * @param column the SQLite column name
   * @param type how values are stored
   * @param getter reads the value from a record; {@code null} for virtual columns
   */
  public Column(
      String name, String column, ColumnType type, Function<? super R, ? extends V> getter) {
    this.name = Objects.requireNonNull(name, "name");
    this.column = Objects.requireNonNull(column, "column");
    this.type = Objects.requireNonNull(type, "type");
    this.getter = getter;
  }

  /** The {@code SYNCED} virtual column: true when no pending local event touches the row. */
  public static <R> BooleanColumn<R> synced() {
    return new BooleanColumn<>("SYNCED", "_pending", null) {
      @Override
      String sqlExpression() {
        return "(\"_pending\" = 0)";
      }

      @Override
      Object sqlValue(R row, Origin origin, boolean synced) {
        return synced ? 1L : 0L;
      }
    };
  }

  /** The {@code ORIGIN} virtual column: who wrote the row's visible value. */
  public static <R> Column<R, Origin> origin() {
    return new Column<>("ORIGIN", "_origin", ColumnType.STRING, null) {
      @Override
      Object toSql(Origin value) {
        return value.wireName();
      }

      @Override
      Object sqlValue(R row, Origin origin, boolean synced) {
        return origin == null ? null : origin.wireName();
      }
    };
  }

  /** The record component name, or {@code SYNCED}/{@code ORIGIN} for the virtual columns. */
  public final String name() {
    return name;
  }

  /** The SQLite column name. */
  public final String columnName() {
    return column;
  }

  /** How the column stores its values. */
  public final ColumnType type() {
    return type;
  }

  /** Whether the column is virtual (metadata) rather than a record component. */
  public final boolean isVirtual() {
    return getter == null;
  }

  /** The column's value in {@code row}; not available for virtual columns. */
  public final V valueIn(R row) {
    if (getter == null) {
      throw new UnsupportedOperationException(
          name + " is a virtual column with no record component");
    }
    return getter.apply(row);
  }

  /** {@code column = value}; with {@code null} it is {@link #isNull()}. */
  public final Condition<R> eq(V value) {
    return value == null ? isNull() : Condition.compare(this, Condition.Op.EQ, value);
  }

  /**
   * {@code column <> value}; with {@code null} it is {@link #isNotNull()}. NULL rows do not match.
   */
  public final Condition<R> ne(V value) {
    return value == null ? isNotNull() : Condition.compare(this, Condition.Op.NE, value);
  }

  /**
   * {@code column IN (values)}; an empty collection matches nothing. A {@code null} among the
   * values matches nothing either, and makes the test unknown for rows matching none of the others
   * (so that {@code not()} excludes them, as in SQL).
   */
  public final Condition<R> in(Collection<? extends V> values) {
    return Condition.in(this, Collections.unmodifiableList(new ArrayList<>(values)));
  }

  /** {@code column IN (values)}; no values match nothing. */
  @SafeVarargs
  public final Condition<R> in(V... values) {
    return in(Arrays.asList(values));
  }

  /** {@code column IS NULL}. */
  public final Condition<R> isNull() {
    return Condition.nullTest(this, true);
  }

  /** {@code column IS NOT NULL}. */
  public final Condition<R> isNotNull() {
    return Condition.nullTest(this, false);
  }

  /** Ascending order, nulls first (SQLite's default). */
  public final Order<R> asc() {
    return new Order<>(this, true, Order.Nulls.FIRST);
  }

  /** Descending order, nulls last (SQLite's default). */
  public final Order<R> desc() {
    return new Order<>(this, false, Order.Nulls.LAST);
  }

  /** The SQL expression the column reads as, quoted. */
  String sqlExpression() {
    return '"' + column + '"';
  }

  /**
   * The JDBC parameter for {@code value}, in the column's stored representation; {@code byte} and
   * {@code short} are widened to {@code long} (the driver binds a {@code Byte} as text).
   */
  Object toSql(V value) {
    Object stored = type.toSql(value);
    return stored instanceof Byte || stored instanceof Short
        ? (Object) ((Number) stored).longValue()
        : stored;
  }

  /**
   * The SQL of a parameter compared with {@link #sqlExpression()}: {@code ?} holding {@link
   * #toSql}.
   */
  String parameterSql() {
    return "?";
  }

  /**
   * The value {@link #parameterSql()} has in SQLite once {@code value} is bound, normalized like
   * {@link #sqlValue}; {@code null} when it is NULL (a NaN binds as NULL).
   */
  Object sqlParameter(V value) {
    return Sqlite.parameter(toSql(value));
  }

  /**
   * The value {@link #sqlExpression()} has in SQLite for {@code row}, normalized by {@link
   * Sqlite#normalize} (virtual columns read {@code origin} and {@code synced}): what live queries
   * evaluate conditions and orders on.
   */
  Object sqlValue(R row, Origin origin, boolean synced) {
    V value = valueIn(row);
    if (value == null || type == ColumnType.JSON) return value; // JSON: only its nullness is used
    return Sqlite.normalize(toSql(value));
  }

  /** Whether {@link #sqlValue} can reproduce SQLite's view of the column (JSON text cannot be). */
  boolean evaluableInMemory() {
    return type != ColumnType.JSON;
  }

  @Override
  public String toString() {
    return name;
  }
}
