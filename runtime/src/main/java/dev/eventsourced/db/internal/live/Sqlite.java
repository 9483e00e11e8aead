package dev.eventsourced.db.internal.live;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
   * The longest LIKE pattern SQLite accepts, in UTF-8 bytes ({@code SQLITE_MAX_LIKE_PATTERN_LENGTH}):
   * a longer one fails the statement with "LIKE or GLOB pattern too complex" whenever LIKE is
   * evaluated, which memory cannot reproduce, so such a query re-runs in SQL.
   */
  public static final int LIKE_PATTERN_MAX_BYTES = 50_000;

  /** Whether SQLite refuses {@code pattern} as too long (see {@link #LIKE_PATTERN_MAX_BYTES}). */
  public static boolean likePatternTooLong(String pattern) {
    // sqlite-jdbc binds the bytes of String.getBytes(UTF_8), so this counts what SQLite counts.
    return pattern.length() > LIKE_PATTERN_MAX_BYTES / 3
        && pattern.getBytes(StandardCharsets.UTF_8).length > LIKE_PATTERN_MAX_BYTES;
  }

  /**
   * {@code text LIKE pattern ESCAPE '\'} as SQLite's {@code likeFunc} computes it: {@code %}
   * matches any run of characters, {@code _} exactly one character (a code point: a supplementary
   * character is one), {@code \} makes the next character literal (a trailing {@code \} matches
   * nothing); ASCII letters match case-insensitively, every other character only itself. SQLite
   * reads both strings as NUL-terminated C strings, so each ends at its first U+0000 ({@code
   * 'a\0b' LIKE 'a'} is true).
   *
   * <p>Runs in O(pattern × text) at worst: on a mismatch it backtracks only to the last {@code %},
   * which is enough because {@code %} is the only wildcard of variable width.
   */
  public static boolean like(String pattern, String text) {
    int[] p = codePointsBeforeNul(pattern);
    int[] t = codePointsBeforeNul(text);
    int pi = 0;
    int ti = 0;
    int afterPercent = -1; // pattern position after the last % seen
    int retryFrom = 0; // text position where that % will resume
    while (ti < t.length) {
      if (pi < p.length) {
        int c = p[pi];
        if (c == '\\') {
          if (pi + 1 < p.length && same(p[pi + 1], t[ti])) {
            pi += 2;
            ti++;
            continue;
          }
        } else if (c == '%') {
          afterPercent = ++pi;
          retryFrom = ti;
          continue;
        } else if (c == '_' || same(c, t[ti])) {
          pi++;
          ti++;
          continue;
        }
      }
      if (afterPercent < 0) return false;
      pi = afterPercent; // let the last % swallow one more character
      ti = ++retryFrom;
    }
    while (pi < p.length && p[pi] == '%') pi++;
    return pi == p.length;
  }

  private static boolean same(int patternChar, int textChar) {
    return patternChar == textChar || (patternChar < 0x80 && textChar < 0x80 && lower(patternChar) == lower(textChar));
  }

  private static int[] codePointsBeforeNul(String text) {
    int nul = text.indexOf('\0');
    return (nul < 0 ? text : text.substring(0, nul)).codePoints().toArray();
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
