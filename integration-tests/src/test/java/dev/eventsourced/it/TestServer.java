package dev.eventsourced.it;

import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.PostgresOptions;
import dev.eventsourced.server.SyncServer;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real sync server on a free port, restartable on the same port: on its embedded SQLite store,
 * or on PostgreSQL in a fresh schema that closing drops.
 */
final class TestServer implements AutoCloseable {

  /** The PostgreSQL the tests use (as the server module's tests do). */
  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  static final String POSTGRES_USER = "postgres";

  /** With this environment variable at 1 (CI), a missing PostgreSQL fails the test. */
  static final String REQUIRE_POSTGRES = "EVENTSOURCED_REQUIRE_POSTGRES";

  private final Supplier<EventStore> stores;
  private final Runnable cleanUp;
  private SyncServer server;
  private int port;

  TestServer(Path store) {
    this(() -> EventStore.sqlite(store), () -> {});
  }

  private TestServer(Supplier<EventStore> stores, Runnable cleanUp) {
    this.stores = stores;
    this.cleanUp = cleanUp;
    this.server = SyncServer.builder().store(stores.get()).host("127.0.0.1").port(0).start();
    this.port = server.port();
  }

  /**
   * The server on PostgreSQL ({@value #POSTGRES_URL}, user postgres), in a new schema; skips the
   * test when PostgreSQL cannot be reached, unless {@value #REQUIRE_POSTGRES}=1.
   */
  static TestServer postgres() {
    try (Connection ignored = connectPostgres()) {
      // reachable
    } catch (SQLException e) {
      String reason = "PostgreSQL is not reachable at " + POSTGRES_URL + ": " + e.getMessage();
      if ("1".equals(System.getenv(REQUIRE_POSTGRES))) Assertions.fail(reason);
      Assumptions.abort(reason + "; start it, or set " + REQUIRE_POSTGRES + "=1 to fail instead");
    }
    String schema = "es_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    PostgresOptions options =
        PostgresOptions.of(POSTGRES_URL)
            .withCredentials(POSTGRES_USER, null)
            .withSchema(schema)
            .withMaxPoolSize(4);
    return new TestServer(() -> EventStore.postgres(options), () -> dropSchema(schema));
  }

  private static Connection connectPostgres() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", POSTGRES_USER);
    properties.setProperty("connectTimeout", "3");
    properties.setProperty("loginTimeout", "3");
    return DriverManager.getConnection(POSTGRES_URL, properties);
  }

  private static void dropSchema(String schema) {
    try (Connection connection = connectPostgres();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }

  URI events() {
    return URI.create("http://127.0.0.1:" + port + SyncServer.DEFAULT_BASE_PATH);
  }

  /** Stops the server and starts a new one on the same store and port. */
  void restart() {
    server.close();
    server = SyncServer.builder().store(stores.get()).host("127.0.0.1").port(port).start();
  }

  SyncServer server() {
    return server;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      cleanUp.run();
    }
  }
}
