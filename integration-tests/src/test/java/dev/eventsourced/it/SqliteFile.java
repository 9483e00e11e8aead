package dev.eventsourced.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database file read and changed behind the runtime's back, over plain JDBC. */
final class SqliteFile {

  private final Path file;

  SqliteFile(Path file) {
    this.file = file;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /** Runs one statement; returns the changed row count. */
  int execute(String sql) throws SQLException {
    try (Connection conn = connect();
        Statement st = conn.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  /** Runs statements in order on one connection (so that they may form a transaction). */
  void executeAll(String... statements) throws SQLException {
    try (Connection conn = connect();
        Statement st = conn.createStatement()) {
      for (String sql : statements) st.execute(sql);
    }
  }

  /** The first column of every row {@code sql} returns, as strings. */
  List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection conn = connect();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) values.add(rs.getString(1));
    }
    return values;
  }

  /** The single number {@code sql} returns. */
  long number(String sql) throws SQLException {
    try (Connection conn = connect();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) throw new IllegalStateException("no row: " + sql);
      return rs.getLong(1);
    }
  }

  /** The column names of {@code table}, in order. */
  List<String> columns(String table) throws SQLException {
    return strings("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
  }

  /** The names of the declared (not automatic) indexes of {@code table}, sorted. */
  List<String> indexes(String table) throws SQLException {
    return strings(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = '"
            + table
            + "' ORDER BY name");
  }

  /** The names of all tables, sorted. */
  List<String> tables() throws SQLException {
    return strings("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  }
}
