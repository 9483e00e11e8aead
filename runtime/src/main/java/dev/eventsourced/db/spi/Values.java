package dev.eventsourced.db.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The value rules that are not "stored exactly" (invariant 7), in one place: every copy of a
 * component value (the repository's, the event payload's, the state table's, a live row's) holds
 * the value these rules give.
 *
 * <ul>
 *   <li>{@code Instant}: truncated to milliseconds (toward the past, as {@link Instant#truncatedTo}
 *       does); refused outside the range of epoch milliseconds in a {@code long} (about ±292
 *       million years).
 *   <li>{@code float}/{@code double}: {@code -0.0} becomes {@code 0.0} (SQLite's REAL does not keep
 *       the sign of zero); NaN and the infinities are kept.
 *   <li>{@code String}/{@code char}: stored exactly, but text that is not well-formed UTF-16 (an
 *       unpaired surrogate) is refused: SQLite stores UTF-8, which cannot hold it.
 * </ul>
 *
 * <p>Part of the SPI: called by generated code; not meant for hand use.
 */
public final class Values {

  private Values() {}

  /** {@code value} truncated to milliseconds. */
  public static Instant instant(Instant value) {
    return value == null ? null : value.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * {@code value} as epoch milliseconds (truncated toward the past).
   *
   * @throws IllegalArgumentException when it does not fit a {@code long}
   */
  public static long epochMillis(Instant value) {
    try {
      return value.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "the Instant "
              + value
              + " is outside the range of epoch milliseconds in a long "
              + "("
              + Instant.ofEpochMilli(Long.MIN_VALUE)
              + " to "
              + Instant.ofEpochMilli(Long.MAX_VALUE)
              + ") that Instant components can hold");
    }
  }

  /**
   * {@code value} as epoch milliseconds, or the nearest {@code long} when it is beyond them: for
   * query parameters, which compare with stored values that are all within that range, so a
   * condition such as {@code AT.lt(Instant.MAX)} keeps its meaning instead of failing.
   */
  public static long epochMillisClamped(Instant value) {
    try {
      return value.toEpochMilli();
    } catch (ArithmeticException e) {
      return value.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The index of the first unpaired surrogate in {@code text}, or -1 when it is well-formed UTF-16.
   */
  public static int firstUnpairedSurrogate(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
