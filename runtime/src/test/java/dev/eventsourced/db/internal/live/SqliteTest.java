package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-memory SQLite semantics agree with SQLite itself on comparisons and LIKE. */
class SqliteTest {

  private static final List<String> PIECES =
      List.of("a", "A", "b", "é", "É", "😀", "\uE000", "\uFFFD", "%", "_", "\\", "z", "Z", " ", "ß");

  private static String random(Random random, int max) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(max + 1); i > 0; i--) text.append(PIECES.get(random.nextInt(PIECES.size())));
    return text.toString();
  }

  @Test
  void likeAndTextOrder_matchSqliteOnRandomStrings() throws SQLException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite::memory:");
        PreparedStatement sql = conn.prepareStatement("SELECT ? LIKE ? ESCAPE '\\', ? < ?, ? = ?")) {
      for (int i = 0; i < 3000; i++) {
        String text = random(random, 4);
        String pattern = random(random, 4);
        sql.setString(1, text);
        sql.setString(2, pattern);
        sql.setString(3, text);
        sql.setString(4, pattern);
        sql.setString(5, text);
        sql.setString(6, pattern);
        try (ResultSet rs = sql.executeQuery()) {
          rs.next();
          String what = "seed " + seed + ": '" + text + "' vs '" + pattern + "'";
          assertThat(Sqlite.like(pattern, text)).as("LIKE " + what).isEqualTo(rs.getInt(1) == 1);
          assertThat(Sqlite.compare(text, pattern) < 0).as("< " + what).isEqualTo(rs.getInt(2) == 1);
          assertThat(Sqlite.compare(text, pattern) == 0).as("= " + what).isEqualTo(rs.getInt(3) == 1);
        }
      }
    }
  }

  @Test
  void numbers_compareExactlyAcrossIntegerAndReal() {
    assertThat(Sqlite.compare(1L, 1.0)).isZero();
    assertThat(Sqlite.compare(9007199254740993L, 9007199254740992.0)).isPositive();
    assertThat(Sqlite.compare(Long.MAX_VALUE, 9.3e18)).isNegative();
    assertThat(Sqlite.compare(-0.0, 0.0)).isZero();
    assertThat(Sqlite.compare(5L, "1")).isNegative();
    assertThat(Sqlite.compare("z", new byte[] {0})).isNegative();
    assertThat(Sqlite.equalityKey(2.0)).isEqualTo(2L);
  }
}
