package dev.eventsourced.server.testing;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests use: {@value #URL}, user postgres, no password. When it cannot be
 * reached the PostgreSQL tests are skipped (reported as skipped), unless the environment variable
 * {@value #REQUIRE_ENV}=1 is set (CI), in which case they fail.
 */
public final class Postgres {

  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String USER = "postgres";
  public static final String REQUIRE_ENV = "EVENTSOURCED_REQUIRE_POSTGRES";

  private static volatile String unavailableReason;
  private static volatile boolean checked;

  private Postgres() {}

  /**
   * Skips (or, with {@value #REQUIRE_ENV}=1, fails) the current test when PostgreSQL is not
   * reachable.
   */
  public static void assumeAvailable() {
    if (!checked) {
      synchronized (Postgres.class) {
        if (!checked) {
          try (Connection ignored = connect()) {
            unavailableReason = null;
          } catch (SQLException e) {
            unavailableReason =
                "PostgreSQL is not reachable at " + URL + " as " + USER + ": " + e.getMessage();
          }
          checked = true;
        }
      }
    }
    if (unavailableReason != null) {
      if ("1".equals(System.getenv(REQUIRE_ENV))) {
        fail(
            unavailableReason + " (" + REQUIRE_ENV + "=1, so this fails instead of being skipped)");
      }
      Assumptions.abort(
          unavailableReason + "; start it, or set " + REQUIRE_ENV + "=1 to make this a failure");
    }
  }

  public static Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("connectTimeout", "3");
    properties.setProperty("loginTimeout", "3");
    return DriverManager.getConnection(URL, properties);
  }

  public static void dropSchema(String schema) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }
}
