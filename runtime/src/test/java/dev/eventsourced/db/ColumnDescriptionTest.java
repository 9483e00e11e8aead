package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.TodoDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each collection's column description in {@code _meta} ({@code columns:<id>}), which tools that
 * lack the app's classes (the devtools command line) read to compare a row with its events.
 */
class ColumnDescriptionTest {

  @TempDir Path dir;

  private static final String TODOS =
      "{\"table\":\"todos\",\"columns\":[{\"component\":\"id\",\"column\":\"id\",\"type\":\"STRING\",\"nullable\":false,\"key\":true},"
          + "{\"component\":\"title\",\"column\":\"title\",\"type\":\"STRING\",\"nullable\":true,\"key\":false},"
          + "{\"component\":\"status\",\"column\":\"status\",\"type\":\"ENUM\",\"nullable\":true,\"key\":false},"
          + "{\"component\":\"createdAt\",\"column\":\"created_at\",\"type\":\"INTEGER\",\"nullable\":false,\"key\":false},"
          + "{\"component\":\"priority\",\"column\":\"priority\",\"type\":\"INTEGER\",\"nullable\":true,\"key\":false}]}";

  private Path file() {
    return dir.resolve("app.sqlite");
  }

  private void open() {
    EventSourcedDb.builder().path(file()).collections(TodoDefinition.INSTANCE).open().close();
  }

  private String meta(String key) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file());
        PreparedStatement select = conn.prepareStatement("SELECT value FROM _meta WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Test
  void newTable_storesItsColumnsInTableOrder() throws SQLException {
    open();

    assertThat(meta("columns:todos")).isEqualTo(TODOS);
  }

  @Test
  void fileFromBeforeTheDescription_getsItOnOpen_rowsUntouched() throws SQLException {
    open();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      conn.createStatement().executeUpdate("DELETE FROM _meta WHERE key = 'columns:todos'");
      conn.createStatement()
          .executeUpdate("INSERT INTO todos (id, created_at) VALUES ('kept', 1)"); // no event
    }

    open();

    assertThat(meta("columns:todos")).isEqualTo(TODOS);
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file());
        ResultSet rs = conn.createStatement().executeQuery("SELECT count(*) FROM todos")) {
      rs.next();
      assertThat(rs.getInt(1)).as("not rebuilt").isEqualTo(1);
    }
  }
}
