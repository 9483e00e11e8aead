package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a query's filter requires of one column in every row it matches: the column's value is one
 * of a set ({@code =}, {@code IN}, {@code IS NULL}) or lies in an interval ({@code <}, {@code <=},
 * {@code >}, {@code >=}, {@code BETWEEN}). It comes from one top-level conjunct of the filter (one
 * that every matching row satisfies), so a row whose value is outside it does not match the query,
 * which is how {@link LiveIndex} skips the query for changes that cannot concern it.
 *
 * <p>Values are SQLite values as {@link Sqlite#normalize} gives them ({@code null}: NULL), read
 * from a row by {@link Reader}, the very function the filter evaluates in memory, and compared with
 * {@link Sqlite#compare}; the index keys equality by {@link Sqlite#equalityKey}, which is equal for
 * two values exactly when {@code Sqlite.compare} says they are.
 *
 * @param <T> the record type
 */
public final class Restriction<T> {

  /** Reads a column's SQLite value from a row (the row's metadata for virtual columns). */
  @FunctionalInterface
  public interface Reader<T> {
    Object value(T row, Origin origin, boolean synced);
  }

  /** The equality key of NULL, for {@code IS NULL}. */
  static final Object NULL = new Object();

  final Object column;
  final Reader<T> reader;
  final Set<Object> keys; // equality keys (NULL for IS NULL); null for an interval
  final Object low; // null: unbounded
  final boolean lowInclusive;
  final Object high; // null: unbounded
  final boolean highInclusive;

  private Restriction(
      Object column,
      Reader<T> reader,
      Set<Object> keys,
      Object low,
      boolean lowInclusive,
      Object high,
      boolean highInclusive) {
    this.column = Objects.requireNonNull(column, "column");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.keys = keys;
    this.low = low;
    this.lowInclusive = lowInclusive;
    this.high = high;
    this.highInclusive = highInclusive;
  }

  /**
   * The column's value is one of {@code values} (non-null SQLite values); none: no row matches.
   *
   * @param column identifies the column: equal for two restrictions on the same column of a
   *     collection, whose readers must then read the same value
   */
  public static <T> Restriction<T> oneOf(
      Object column, Reader<T> reader, Collection<Object> values) {
    Set<Object> keys = new HashSet<>(values.size() * 2);
    for (Object value : values) keys.add(Sqlite.equalityKey(Objects.requireNonNull(value)));
    return new Restriction<>(column, reader, Set.copyOf(keys), null, false, null, false);
  }

  /** The column is NULL. */
  public static <T> Restriction<T> isNull(Object column, Reader<T> reader) {
    return new Restriction<>(column, reader, Set.of(NULL), null, false, null, false);
  }

  /**
   * The column's value lies between {@code low} and {@code high} (non-null SQLite values, or null
   * where the interval is unbounded).
   */
  public static <T> Restriction<T> between(
      Object column,
      Reader<T> reader,
      Object low,
      boolean lowInclusive,
      Object high,
      boolean highInclusive) {
    return new Restriction<>(column, reader, null, low, lowInclusive, high, highInclusive);
  }

  /**
   * The narrowest of the restrictions of a filter's top-level conjuncts, or null when there are
   * none: a set of values before an interval (the smaller set first), intervals on one column
   * intersected, an interval bounded on both sides before one bounded on one.
   */
  public static <T> Restriction<T> narrowest(List<Restriction<T>> conjuncts) {
    Restriction<T> best = null;
    Map<Object, Restriction<T>> intervals = new HashMap<>();
    for (Restriction<T> restriction : conjuncts) {
      if (restriction.isInterval()) {
        restriction = intervals.merge(restriction.column, restriction, Restriction::intersect);
      }
      if (restriction.narrowerThan(best)
          || (best != null
              && best.column.equals(restriction.column)
              && best.isInterval()
              && restriction.isInterval())) {
        best = restriction;
      }
    }
    return best;
  }

  /** The equality key of a value {@link #reader} read. */
  static Object key(Object value) {
    return value == null ? NULL : Sqlite.equalityKey(value);
  }

  boolean isInterval() {
    return keys == null;
  }

  /** Whether the interval holds the non-null {@code value}. */
  boolean holds(Object value) {
    if (low != null) {
      int c = Sqlite.compare(value, low);
      if (c < 0 || (c == 0 && !lowInclusive)) return false;
    }
    if (high != null) {
      int c = Sqlite.compare(value, high);
      if (c > 0 || (c == 0 && !highInclusive)) return false;
    }
    return true;
  }

  /** Whether this restriction is narrower than {@code other}, as a guess of selectivity. */
  boolean narrowerThan(Restriction<?> other) {
    if (other == null) return true;
    if (!isInterval()) return other.isInterval() || keys.size() < other.keys.size();
    if (!other.isInterval()) return false;
    return bounds() > other.bounds();
  }

  private int bounds() {
    return (low == null ? 0 : 1) + (high == null ? 0 : 1);
  }

  /**
   * This interval narrowed by {@code other}, an interval on the same column: every row matching
   * both lies in the result.
   */
  Restriction<T> intersect(Restriction<?> other) {
    Object newLow = low;
    boolean newLowInclusive = lowInclusive;
    if (other.low != null) {
      int c = newLow == null ? -1 : Sqlite.compare(newLow, other.low);
      if (c < 0 || (c == 0 && !other.lowInclusive)) {
        newLow = other.low;
        newLowInclusive = other.lowInclusive;
      }
    }
    Object newHigh = high;
    boolean newHighInclusive = highInclusive;
    if (other.high != null) {
      int c = newHigh == null ? 1 : Sqlite.compare(newHigh, other.high);
      if (c > 0 || (c == 0 && !other.highInclusive)) {
        newHigh = other.high;
        newHighInclusive = other.highInclusive;
      }
    }
    return new Restriction<>(
        column, reader, null, newLow, newLowInclusive, newHigh, newHighInclusive);
  }

  @Override
  public String toString() {
    if (!isInterval()) return column + " in " + keys;
    return column
        + " in "
        + (low == null ? "(-inf" : (lowInclusive ? "[" : "(") + low)
        + ", "
        + (high == null ? "+inf)" : high + (highInclusive ? "]" : ")"));
  }
}
