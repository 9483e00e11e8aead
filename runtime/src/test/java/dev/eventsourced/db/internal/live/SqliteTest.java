package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.internal.sqlite.Sqlite;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory SQLite semantics agree with SQLite itself (the driver's bundled library, asked
 * through JDBC) on comparisons, LIKE and text-to-REAL conversion. Random cases print their seed;
 * replay one with {@code -Dseed=N}.
 */
class SqliteTest {

  private static final List<String> PIECES =
      List.of(
          "a", "A", "b", "é", "É", "😀", "\uE000", "\uFFFD", "\uFFFF", "%", "_", "\\", "z", "Z",
          " ", "ß", "\u0000", "\uD800", "?", "\u007f", "\u0080");

  private Connection conn;
  private Random random;
  private long seed;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:sqlite::memory:");
    seed = Long.getLong("seed", System.nanoTime());
    random = new Random(seed);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private String random(int max) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(max + 1); i > 0; i--)
      text.append(PIECES.get(random.nextInt(PIECES.size())));
    return text.toString();
  }

  @Test
  void likeAndTextOrder_matchSqliteOnRandomStrings() throws SQLException {
    try (PreparedStatement sql =
        conn.prepareStatement("SELECT ? LIKE ? ESCAPE '\\', ? < ?, ? = ?")) {
      for (int i = 0; i < 5000; i++) {
        String text = random(5);
        String pattern = random(5);
        sql.setString(1, text);
        sql.setString(2, pattern);
        sql.setString(3, text);
        sql.setString(4, pattern);
        sql.setString(5, text);
        sql.setString(6, pattern);
        try (ResultSet rs = sql.executeQuery()) {
          rs.next();
          String what = "seed " + seed + ": " + escape(text) + " vs " + escape(pattern);
          String storedText = Sqlite.text(text);
          String storedPattern = Sqlite.text(pattern);
          assertThat(Sqlite.like(storedPattern, storedText))
              .as("LIKE " + what)
              .isEqualTo(rs.getInt(1) == 1);
          assertThat(Sqlite.compare(storedText, storedPattern) < 0)
              .as("< " + what)
              .isEqualTo(rs.getInt(2) == 1);
          assertThat(Sqlite.compare(storedText, storedPattern) == 0)
              .as("= " + what)
              .isEqualTo(rs.getInt(3) == 1);
        }
      }
    }
  }

  @Test
  void like_endsBothStringsAtTheFirstNul() {
    assertThat(Sqlite.like("ab", "ab\u0000cd")).isTrue();
    assertThat(Sqlite.like("ab\u0000zz", "ab")).isTrue();
    assertThat(Sqlite.like("\u0000x", "")).isTrue();
    assertThat(Sqlite.like("\u0000x", "\u0000anything")).isTrue();
    assertThat(Sqlite.like("%", "\u0000")).isTrue();
    assertThat(Sqlite.like("_", "\u0000")).isFalse();
  }

  @Test
  void like_countsASupplementaryCharacterAsOneAndFoldsOnlyAscii() {
    assertThat(Sqlite.like("_", "😀")).isTrue();
    assertThat(Sqlite.like("__", "😀")).isFalse();
    assertThat(Sqlite.like("a_c", "A😀C")).isTrue();
    assertThat(Sqlite.like("é", "É")).isFalse();
    assertThat(Sqlite.like("\\%\\_\\\\", "%_\\")).isTrue();
    assertThat(Sqlite.like("x\\", "x")).as("a trailing escape matches nothing").isFalse();
    assertThat(Sqlite.like("%\\", "x\\")).isFalse();
  }

  @Test
  void like_isFastOnPatternsThatBacktrackATreeWouldExplore() {
    String text = "a".repeat(5_000);
    assertThat(Sqlite.like("%a%a%a%a%a%a%a%a%b", text)).isFalse();
    assertThat(Sqlite.like("%a%a%a%a%a%a%a%a%a", text)).isTrue();
  }

  @Test
  void likePatternTooLong_agreesWithSqlitesLimit() throws SQLException {
    String atLimit = "é".repeat(Sqlite.LIKE_PATTERN_MAX_BYTES / 2);
    String overLimit = atLimit + "a";
    assertThat(Sqlite.likePatternTooLong(atLimit)).isFalse();
    assertThat(Sqlite.likePatternTooLong(overLimit)).isTrue();
    try (PreparedStatement sql = conn.prepareStatement("SELECT 'x' LIKE ? ESCAPE '\\'")) {
      sql.setString(1, atLimit);
      sql.executeQuery().close();
      sql.setString(1, overLimit);
      assertThatThrownBy(sql::executeQuery).hasMessageContaining("pattern too complex");
    }
  }

  @Test
  void text_replacesUnpairedSurrogatesAsTheDriverDoes() throws SQLException {
    String wellFormed = "a😀b\uFFFF";
    assertThat(Sqlite.text(wellFormed)).isSameAs(wellFormed);
    for (String text : List.of("x\uD800y", "\uDFFF", "\uD800\uD800\uDC00", "a\uDC00\uD800")) {
      try (PreparedStatement sql = conn.prepareStatement("SELECT ?")) {
        sql.setString(1, text);
        try (ResultSet rs = sql.executeQuery()) {
          rs.next();
          assertThat(Sqlite.text(text)).as(escape(text)).isEqualTo(rs.getString(1));
        }
      }
    }
  }

  @Test
  void castToReal_matchesSqliteOnRandomDecimals() throws SQLException {
    try (PreparedStatement sql = conn.prepareStatement("SELECT CAST(? AS REAL)")) {
      for (int i = 0; i < 10_000; i++) {
        String text = decimal().toString();
        sql.setString(1, text);
        try (ResultSet rs = sql.executeQuery()) {
          rs.next();
          double expected = rs.getDouble(1);
          assertThat(Sqlite.castToReal(text))
              .as("CAST('%s' AS REAL), seed %d", text, seed)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void castToReal_keepsAbout19DigitsAsSqliteDoes() {
    assertThat(Sqlite.castToReal("9007199254740993.0000000000001")).isEqualTo(9007199254740992.0);
    assertThat(new BigDecimal("9007199254740993.0000000000001").doubleValue())
        .isEqualTo(9007199254740994.0);
    assertThat(Sqlite.castToReal("3500000000000000.2500001")).isEqualTo(3500000000000000.0);
    assertThat(Sqlite.castToReal("1E+400")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Sqlite.castToReal("-1E+2147483647")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Sqlite.castToReal("1E-400")).isZero();
    assertThat(Sqlite.castToReal("184467440737095516150")).isEqualTo(1.8446744073709552E20);
    assertThat(Sqlite.castToReal("0.1")).isEqualTo(0.1);
    assertThat(Sqlite.castToReal("12abc")).isEqualTo(12.0);
  }

  private BigDecimal decimal() {
    switch (random.nextInt(5)) {
      case 0:
        {
          // Near a tie between two doubles, rounded to some number of digits.
          double x = Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
          BigDecimal tie =
              new BigDecimal(x).add(new BigDecimal(Math.ulp(x)).divide(BigDecimal.valueOf(2)));
          BigDecimal value =
              tie.round(
                  new MathContext(
                      1 + random.nextInt(40), RoundingMode.values()[random.nextInt(3)]));
          return random.nextBoolean() ? value.negate() : value;
        }
      case 1:
        return new BigDecimal(
            new BigInteger(1 + random.nextInt(100), random), random.nextInt(800) - 400);
      case 2:
        return new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(40) - 20);
      case 3:
        return new BigDecimal(new BigInteger(64, random), random.nextInt(700) - 350);
      default:
        {
          double x = Double.longBitsToDouble(random.nextLong());
          return Double.isFinite(x)
              ? new BigDecimal(x).round(new MathContext(1 + random.nextInt(25)))
              : BigDecimal.ONE;
        }
    }
  }

  @Test
  void numbers_compareExactlyAcrossIntegerAndReal() throws SQLException {
    assertThat(Sqlite.compare(1L, 1.0)).isZero();
    assertThat(Sqlite.compare(9007199254740993L, 9007199254740992.0)).isPositive();
    assertThat(Sqlite.compare(Long.MAX_VALUE, 9.3e18)).isNegative();
    assertThat(Sqlite.compare(Long.MAX_VALUE, 9.223372036854775807E18)).isNegative();
    assertThat(Sqlite.compare(Long.MIN_VALUE, -9.223372036854775808E18)).isZero();
    assertThat(Sqlite.compare(-0.0, 0.0)).isZero();
    assertThat(Sqlite.compare(5L, "1")).isNegative();
    assertThat(Sqlite.compare("z", new byte[] {0})).isNegative();
    assertThat(Sqlite.equalityKey(2.0)).isEqualTo(2L);
    long[] longs = {
      0,
      1,
      -1,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      1L << 53,
      (1L << 53) + 1,
      -(1L << 53) - 1,
      (1L << 62) + 1
    };
    double[] doubles = {
      0.0,
      0.5,
      -0.5,
      9007199254740992.0,
      9007199254740994.0,
      9.223372036854775807E18,
      -9.223372036854775808E18,
      4.611686018427388E18,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      1e300
    };
    try (PreparedStatement sql = conn.prepareStatement("SELECT ? < ?, ? = ?")) {
      for (long l : longs) {
        for (double d : doubles) {
          sql.setLong(1, l);
          sql.setDouble(2, d);
          sql.setLong(3, l);
          sql.setDouble(4, d);
          try (ResultSet rs = sql.executeQuery()) {
            rs.next();
            assertThat(Sqlite.compare(l, d) < 0).as(l + " < " + d).isEqualTo(rs.getInt(1) == 1);
            assertThat(Sqlite.compare(l, d) == 0).as(l + " = " + d).isEqualTo(rs.getInt(2) == 1);
            assertThat(Sqlite.equalityKey(l).equals(Sqlite.equalityKey(d)))
                .as(l + " key " + d)
                .isEqualTo(rs.getInt(2) == 1);
          }
        }
      }
    }
  }

  @Test
  void normalize_givesTheStorageClassOfEachComponentType() {
    assertThat(Sqlite.normalize((byte) -1)).isEqualTo(-1L);
    assertThat(Sqlite.normalize(true)).isEqualTo(1L);
    assertThat(Sqlite.normalize(1.5f)).isEqualTo(1.5);
    assertThat(Sqlite.normalize(Float.NaN)).isEqualTo("NaN");
    assertThat(Sqlite.normalize(new BigDecimal("1E+3"))).isEqualTo("1E+3");
    assertThat(Sqlite.normalize('x')).isEqualTo("x");
    assertThat(Sqlite.parameter(Double.NaN)).isNull();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder("'");
    text.chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
    return out.append('\'').toString();
  }
}
