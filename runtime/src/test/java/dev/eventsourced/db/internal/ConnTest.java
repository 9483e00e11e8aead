package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConnTest {

  @Test
  void statementCache_isBounded_andKeepsTheMostRecentlyUsed() throws Exception {
    try (Conn conn = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"))) {
      PreparedStatement hot = conn.prepare("SELECT 0");
      for (int i = 1; i <= Conn.CACHED_STATEMENTS * 3; i++) {
        conn.prepare("SELECT " + i);
        assertThat(conn.prepare("SELECT 0")).isSameAs(hot);
      }

      assertThat(conn.cachedStatements()).isEqualTo(Conn.CACHED_STATEMENTS);
      assertThat(hot.isClosed()).isFalse();
      try (ResultSet rs = conn.prepare("SELECT 1").executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void statementTheDriverFinalizedAfterAnSqliteError_isPreparedAgain() throws SQLException {
    try (Conn conn = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"))) {
      conn.execute("CREATE TABLE t (x TEXT)");
      conn.execute("INSERT INTO t VALUES ('x')");
      String sql = "SELECT count(*) FROM t WHERE x LIKE ?";
      PreparedStatement first = conn.prepare(sql);
      first.setString(1, "x".repeat(50_001));
      assertThatThrownBy(() -> first.executeQuery().next())
          .hasMessageContaining("pattern too complex");

      PreparedStatement again = conn.prepare(sql);
      assertThat(again).isNotSameAs(first);
      again.setString(1, "x");
      try (ResultSet rs = again.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      assertThat(conn.prepare(sql)).isSameAs(again);
    }
  }
}
