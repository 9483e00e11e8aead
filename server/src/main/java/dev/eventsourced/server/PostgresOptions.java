package dev.eventsourced.server;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the PostgreSQL event store.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, possibly with driver parameters
 * @param user database user, or {@code null} to take it from the URL or the driver's default
 * @param password password, or {@code null}
 * @param schema schema holding the {@code sync_events} table; created if missing. Letters, digits
 *     and underscores, at most 50 characters
 * @param maxPoolSize connections in the pool (one is used by the writer at a time), at least 2
 */
public record PostgresOptions(
    String jdbcUrl, String user, String password, String schema, int maxPoolSize) {

  /** Default schema. */
  public static final String DEFAULT_SCHEMA = "public";

  /** Default pool size. */
  public static final int DEFAULT_POOL_SIZE = 10;

  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,49}");

  public PostgresOptions {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(schema, "schema");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new ServerConfigException(
          "PostgreSQL JDBC URL must start with jdbc:postgresql:, got '"
              + jdbcUrl
              + "'; for example jdbc:postgresql://127.0.0.1:5432/events");
    }
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new ServerConfigException(
          "PostgreSQL schema name '"
              + schema
              + "' is not allowed; use letters,"
              + " digits and underscores (not starting with a digit), at most 50 characters");
    }
    if (maxPoolSize < 2) {
      throw new ServerConfigException(
          "PostgreSQL pool size must be at least 2, got " + maxPoolSize);
    }
  }

  /** Options for {@code jdbcUrl} with the default schema and pool size. */
  public static PostgresOptions of(String jdbcUrl) {
    return new PostgresOptions(jdbcUrl, null, null, DEFAULT_SCHEMA, DEFAULT_POOL_SIZE);
  }

  public PostgresOptions withCredentials(String user, String password) {
    return new PostgresOptions(jdbcUrl, user, password, schema, maxPoolSize);
  }

  public PostgresOptions withSchema(String schema) {
    return new PostgresOptions(jdbcUrl, user, password, schema, maxPoolSize);
  }

  public PostgresOptions withMaxPoolSize(int maxPoolSize) {
    return new PostgresOptions(jdbcUrl, user, password, schema, maxPoolSize);
  }

  @Override
  public String toString() {
    return "PostgresOptions[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password == null ? "null" : "***")
        + ", schema="
        + schema
        + ", maxPoolSize="
        + maxPoolSize
        + "]";
  }
}
