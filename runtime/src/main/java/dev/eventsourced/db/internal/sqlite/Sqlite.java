package dev.eventsourced.db.internal.sqlite;

import java.math.BigDecimal;
import java.math.BigInteger;
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
 *
 * <p>It is one specification, SQLite's comparison, text and LIKE semantics; splitting it would
 * scatter that specification.
 */
public final class Sqlite {

  /** Truth values of SQL's three-valued logic. */
  public static final int FALSE = 0;

  public static final int TRUE = 1;
  public static final int UNKNOWN = 2;

  private Sqlite() {}

  /**
   * A stored value in its storage class: integers (and booleans) as {@code Long}, floating point as
   * {@code Double} (NaN as the text {@code 'NaN'}, how {@code SqlValues.bindDouble} stores it),
   * {@code BigDecimal} as its text, characters as text (see {@link #text}).
   */
  public static Object normalize(Object value) {
    if (value == null || value instanceof Long || value instanceof byte[]) {
      return value;
    }
    if (value instanceof String) {
      return text((String) value);
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
    return text(value.toString());
  }

  /**
   * {@code text} as SQLite holds it once bound: the driver encodes it with {@code
   * String.getBytes(UTF_8)}, which turns each unpaired surrogate (not well-formed UTF-16) into
   * {@code '?'}. Well-formed text, the usual case, is returned as it is after one scan.
   */
  public static String text(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
      }
    }
    return text;
  }

  /**
   * A query parameter as SQLite sees it once bound: like {@link #normalize}, except that a NaN
   * binds as NULL.
   */
  public static Object parameter(Object value) {
    if ((value instanceof Double || value instanceof Float)
        && Double.isNaN(((Number) value).doubleValue())) {
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

  /** Where SQLite stops accumulating significand digits: {@code (2^64 - 1 - 9) / 10}, unsigned. */
  private static final long SIGNIFICAND_LIMIT = 1844674407370955160L;

  private static final double[] POWERS_OF_TEN = new double[23]; // exact as doubles

  static {
    double power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  /**
   * {@code CAST(text AS REAL)} for decimal text such as {@code BigDecimal.toString()} writes
   * ({@code [+-]digits[.digits][E[+-]digits]}), exactly as SQLite computes it, which is not always
   * the double nearest to the text: SQLite keeps only the leading digits that fit an unsigned
   * 64-bit significand (about 19; later integer digits only scale it, later fraction digits are
   * dropped), caps the exponent's digits near 10,000, and then rounds the significand times the
   * power of ten correctly. So {@code '9007199254740993.0000000000001'} is {@code
   * 9007199254740992.0} in SQLite (the digits past the 19th, which would round it up, are ignored)
   * while {@code BigDecimal.doubleValue()} gives {@code 9007199254740994.0}. Text that stops being
   * a number early converts its numeric prefix, as SQLite does.
   */
  public static double castToReal(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && isSpace(text.charAt(i))) i++;
    boolean negative = false;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+'))
      negative = text.charAt(i++) == '-';
    long significand = 0; // unsigned
    int exponent = 0; // the value is significand * 10^exponent
    boolean full = false;
    for (; i < n && isDigit(text.charAt(i)); i++) {
      if (full) {
        exponent++;
      } else {
        significand = significand * 10 + (text.charAt(i) - '0');
        full = Long.compareUnsigned(significand, SIGNIFICAND_LIMIT) >= 0;
      }
    }
    if (i < n && text.charAt(i) == '.') {
      for (i++; i < n && isDigit(text.charAt(i)); i++) {
        if (Long.compareUnsigned(significand, SIGNIFICAND_LIMIT) < 0) {
          significand = significand * 10 + (text.charAt(i) - '0');
          exponent--;
        }
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      int sign = 1;
      if (j < n && (text.charAt(j) == '-' || text.charAt(j) == '+'))
        sign = text.charAt(j++) == '-' ? -1 : 1;
      if (j < n && isDigit(text.charAt(j))) {
        int digits = 0;
        for (; j < n && isDigit(text.charAt(j)); j++) {
          digits = digits < 10_000 ? digits * 10 + (text.charAt(j) - '0') : 10_000;
        }
        exponent += sign * digits;
      }
    }
    double magnitude = scale(significand, exponent);
    return negative ? -magnitude : magnitude;
  }

  /**
   * The double nearest to {@code significand * 10^exponent} (significand unsigned), ties to even.
   */
  private static double scale(long significand, int exponent) {
    if (significand == 0 || exponent < -400) return 0.0; // below half the smallest subnormal
    if (exponent > 400) return Double.POSITIVE_INFINITY;
    if (significand > 0 && significand < 1L << 53 && exponent >= -22 && exponent <= 22) {
      // Both operands are exact, so the one rounding of the operation is the correct one.
      return exponent >= 0
          ? significand * POWERS_OF_TEN[exponent]
          : significand / POWERS_OF_TEN[-exponent];
    }
    BigInteger digits =
        significand >= 0
            ? BigInteger.valueOf(significand)
            : BigInteger.valueOf(significand >>> 1)
                .shiftLeft(1)
                .or(BigInteger.valueOf(significand & 1));
    return new BigDecimal(digits, -exponent)
        .doubleValue(); // correctly rounded (Double.parseDouble)
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /**
   * A stored value as a hash key with SQL {@code =} semantics: integral REALs equal the INTEGER of
   * the same value, blobs compare by content.
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
   * The longest LIKE pattern SQLite accepts, in UTF-8 bytes ({@code
   * SQLITE_MAX_LIKE_PATTERN_LENGTH}): a longer one fails the statement with "LIKE or GLOB pattern
   * too complex" whenever LIKE is evaluated, which memory cannot reproduce, so such a query re-runs
   * in SQL.
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
   * reads both strings as NUL-terminated C strings, so each ends at its first U+0000 ({@code 'a\0b'
   * LIKE 'a'} is true).
   *
   * <p>Runs in O(pattern × text) at worst: on a mismatch it backtracks only to the last {@code %},
   * which is enough because {@code %} is the only wildcard of variable width.
   */
  public static boolean like(String pattern, String text) {
    return like(likePattern(pattern), text);
  }

  /** {@code pattern} prepared for {@link #like(int[], String)}: its code points before any NUL. */
  public static int[] likePattern(String pattern) {
    return codePointsBeforeNul(pattern);
  }

  /** {@link #like(String, String)} with a pattern prepared once by {@link #likePattern}. */
  public static boolean like(int[] pattern, String text) {
    int end = text.indexOf('\0');
    if (end < 0) end = text.length();
    int pi = 0;
    int ti = 0; // a char index: the text is walked by code point without copying it
    int afterPercent = -1; // pattern position after the last % seen
    int retryFrom = 0; // text position where that % will resume
    while (ti < end) {
      int t = text.codePointAt(ti);
      if (pi < pattern.length) {
        int c = pattern[pi];
        if (c == '\\') {
          if (pi + 1 < pattern.length && same(pattern[pi + 1], t)) {
            pi += 2;
            ti += Character.charCount(t);
            continue;
          }
        } else if (c == '%') {
          afterPercent = ++pi;
          retryFrom = ti;
          continue;
        } else if (c == '_' || same(c, t)) {
          pi++;
          ti += Character.charCount(t);
          continue;
        }
      }
      if (afterPercent < 0) return false;
      pi = afterPercent; // let the last % swallow one more character
      retryFrom += Character.charCount(text.codePointAt(retryFrom));
      ti = retryFrom;
    }
    while (pi < pattern.length && pattern[pi] == '%') pi++;
    return pi == pattern.length;
  }

  private static boolean same(int patternChar, int textChar) {
    return patternChar == textChar
        || (patternChar < 0x80 && textChar < 0x80 && lower(patternChar) == lower(textChar));
  }

  private static int[] codePointsBeforeNul(String text) {
    int nul = text.indexOf('\0');
    return (nul < 0 ? text : text.substring(0, nul)).codePoints().toArray();
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
