package dev.eventsourced.db.internal.live;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * SQLite's value semantics, reproduced in Java so that live queries can evaluate a filter and an
 * order on a changed row without asking SQLite, and get exactly the answer SQLite would give.
 *
 * <p>Values are in their stored form (see {@link #normalize}): {@code null}, {@code Long}
 * (INTEGER), {@code Double} (REAL), {@code String} (TEXT) or {@code byte[]} (BLOB). Comparisons
 * follow SQLite: NULL is handled by the caller (three-valued logic), numbers compare numerically
 * across INTEGER and REAL, numbers sort before text and text before blobs, text compares with the
 * BINARY collation (UTF-8 bytes, i.e. code points), blobs with {@code memcmp}.
 */
public final class Sqlite {

  /** Truth values of SQL's three-valued logic. */
  public static final int FALSE = 0;
  public static final int TRUE = 1;
  public static final int UNKNOWN = 2;

  private Sqlite() {}

  /**
   * A stored value in its storage class: integers (and booleans) as {@code Long}, floating point
   * as {@code Double} (NaN as the text {@code 'NaN'}, how {@code SqlValues.bindDouble} stores it),
   * {@code BigDecimal} as its text, characters as text.
   */
  public static Object normalize(Object value) {
    if (value == null || value instanceof Long || value instanceof String || value instanceof byte[]) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isNaN(d) ? "NaN" : (Object) d;
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? 1L : 0L;
    }
    if (value instanceof BigDecimal) {
      return value.toString();
    }
    return value.toString();
  }

  /**
   * A query parameter as SQLite sees it once bound: like {@link #normalize}, except that a NaN
   * binds as NULL.
   */
  public static Object parameter(Object value) {
    if ((value instanceof Double || value instanceof Float) && Double.isNaN(((Number) value).doubleValue())) {
      return null;
    }
    return normalize(value);
  }

  /** Compares two non-null stored values as SQLite does ({@code <}, {@code =}, ORDER BY). */
  public static int compare(Object a, Object b) {
    int classA = storageClass(a);
    int classB = storageClass(b);
    if (classA != classB) return Integer.compare(classA, classB);
    switch (classA) {
      case 1:
        return compareNumbers(a, b);
      case 2:
        return compareText((String) a, (String) b);
      default:
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    }
  }

  private static int storageClass(Object value) {
    if (value instanceof String) return 2;
    if (value instanceof byte[]) return 3;
    return 1;
  }

  private static int compareNumbers(Object a, Object b) {
    if (a instanceof Long && b instanceof Long) return Long.compare((Long) a, (Long) b);
    if (a instanceof Long) return compareLongDouble((Long) a, (Double) b);
    if (b instanceof Long) return -compareLongDouble((Long) b, (Double) a);
    double x = (Double) a;
    double y = (Double) b;
    return x < y ? -1 : x > y ? 1 : 0; // -0.0 equals 0.0, as in SQLite
  }

  /** Exact comparison of an INTEGER with a REAL, as {@code sqlite3IntFloatCompare}. */
  static int compareLongDouble(long l, double d) {
    if (d >= 9.223372036854775807E18) return -1;
    if (d < -9.223372036854775808E18) return 1;
    double ld = l;
    if (ld < d) return -1;
    if (ld > d) return 1;
    return Long.compare(l, (long) d); // d is integral here
  }

  /** BINARY collation: UTF-8 byte order, which is code point order (not UTF-16 unit order). */
  public static int compareText(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointOrder(x) - codePointOrder(y);
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units sort in code point order. */
  private static int codePointOrder(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }

  /**
   * A stored value as a hash key with SQL {@code =} semantics: integral REALs equal the INTEGER
   * of the same value, blobs compare by content.
   */
  public static Object equalityKey(Object value) {
    if (value instanceof Double) {
      double d = (Double) value;
      if (d == Math.rint(d) && d >= -9.223372036854775808E18 && d < 9.223372036854775807E18) {
        return (long) d;
      }
      return value;
    }
    if (value instanceof byte[]) return ByteBuffer.wrap((byte[]) value);
    return value;
  }

  /** {@code NOT}. */
  public static int not(int truth) {
    return truth == UNKNOWN ? UNKNOWN : 1 - truth;
  }

  /**
   * {@code text LIKE pattern ESCAPE '\'}: {@code %} matches any run of characters, {@code _} one
   * character, {@code \} makes the next character literal (a trailing {@code \} matches nothing);
   * ASCII letters match case-insensitively, other characters exactly. A port of SQLite's
   * {@code patternCompare}.
   */
  public static boolean like(String pattern, String text) {
    return like(pattern.codePoints().toArray(), 0, text.codePoints().toArray(), 0);
  }

  private static boolean like(int[] pattern, int p, int[] text, int t) {
    while (p < pattern.length) {
      int c = pattern[p++];
      if (c == '%') {
        while (p < pattern.length && (pattern[p] == '%' || pattern[p] == '_')) {
          if (pattern[p++] == '_') {
            if (t >= text.length) return false;
            t++;
          }
        }
        if (p >= pattern.length) return true;
        // Try the rest of the pattern at every position of the text.
        for (int start = t; start <= text.length; start++) {
          if (like(pattern, p, text, start)) return true;
        }
        return false;
      }
      boolean escaped = false;
      if (c == '\\') {
        if (p >= pattern.length) return false;
        c = pattern[p++];
        escaped = true;
      }
      if (t >= text.length) return false;
      int d = text[t++];
      if (c == d || (c < 0x80 && d < 0x80 && lower(c) == lower(d))) continue;
      if (c == '_' && !escaped) continue;
      return false;
    }
    return t >= text.length;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
