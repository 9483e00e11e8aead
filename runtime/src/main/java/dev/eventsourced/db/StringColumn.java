package dev.eventsourced.db;

import dev.eventsourced.db.spi.ColumnType;
import java.util.function.Function;

/**
 * A {@code String} column: comparisons by code point, plus {@link #like}.
 *
 * @param <R> the record type
 */
public final class StringColumn<R> extends ComparableColumn<R, String> {

  /** Used by generated metamodels; see {@link Column#Column}. */
  public StringColumn(String name, String column, Function<? super R, String> getter) {
    super(name, column, ColumnType.STRING, getter);
  }

  /**
   * {@code column LIKE pattern ESCAPE '\'}: {@code %} matches any run of characters, {@code _} one
   * character (a code point), {@code \} escapes them. Case-insensitive for ASCII letters only, as
   * in SQLite, which also reads the value and the pattern only up to their first U+0000.
   */
  public Condition<R> like(String pattern) {
    return Condition.like(this, pattern);
  }

  /** Rows whose value starts with {@code prefix} (taken literally, no wildcards). */
  public Condition<R> startsWith(String prefix) {
    return Condition.like(this, escapeLike(prefix) + "%");
  }

  /** Rows whose value contains {@code text} (taken literally, no wildcards). */
  public Condition<R> contains(String text) {
    return Condition.like(this, "%" + escapeLike(text) + "%");
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
