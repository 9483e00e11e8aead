package dev.eventsourced.server.testing;

import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.PostgresOptions;
import java.nio.file.Path;
import java.util.UUID;

/** The two stores every store-dependent test runs against. */
public enum StoreKind {
  SQLITE {
    @Override
    public StoreFixture fixture(Path tempDir) {
      Path file = tempDir.resolve("events-" + UUID.randomUUID() + ".db");
      return new StoreFixture() {
        @Override
        public EventStore open() {
          return EventStore.sqlite(file);
        }

        @Override
        public String name() {
          return file.toString();
        }

        @Override
        public void close() {
          // the temporary directory goes away with the test
        }
      };
    }
  },
  POSTGRESQL {
    @Override
    public StoreFixture fixture(Path tempDir) {
      Postgres.assumeAvailable();
      String schema = "es_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      return new StoreFixture() {
        @Override
        public EventStore open() {
          return EventStore.postgres(
              PostgresOptions.of(Postgres.URL)
                  .withCredentials(Postgres.USER, null)
                  .withSchema(schema)
                  .withMaxPoolSize(6));
        }

        @Override
        public String name() {
          return schema;
        }

        @Override
        public void close() {
          Postgres.dropSchema(schema);
        }
      };
    }
  };

  /**
   * A fresh, empty place for events (a new SQLite file, a new PostgreSQL schema) that can be opened
   * again and again.
   */
  public abstract StoreFixture fixture(Path tempDir);

  /** Opens stores over one place; {@link #close()} removes it. */
  public interface StoreFixture extends AutoCloseable {
    EventStore open();

    /** The SQLite file or the PostgreSQL schema. */
    String name();

    @Override
    void close();
  }
}
