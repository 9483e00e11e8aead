package dev.eventsourced.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code --store} value: {@code sqlite:PATH}, {@code postgresql://...} (also {@code
 * postgres://}) or {@code jdbc:postgresql://...}. The query parameters {@code schema} and {@code
 * poolSize} are the server's; the others go to the PostgreSQL driver.
 */
final class StoreLocation {

  private static final String EXAMPLES =
      "use sqlite:PATH (e.g. sqlite:./events.db) or"
          + " postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&poolSize=N]";

  private final Path sqliteFile;
  private final PostgresOptions postgres;

  private StoreLocation(Path sqliteFile, PostgresOptions postgres) {
    this.sqliteFile = sqliteFile;
    this.postgres = postgres;
  }

  /**
   * @throws ServerConfigException naming what is wrong with {@code location}
   */
  public static StoreLocation parse(String location) {
    if (location == null || location.isBlank()) {
      throw new ServerConfigException("the store location is empty; " + EXAMPLES);
    }
    if (location.startsWith("sqlite:")) {
      String path = location.substring("sqlite:".length());
      if (path.startsWith("//")) {
        path = path.substring(2);
      }
      if (path.isEmpty()) {
        throw new ServerConfigException(
            "store location '" + location + "' has no file path; " + EXAMPLES);
      }
      try {
        return new StoreLocation(Path.of(path), null);
      } catch (InvalidPathException e) {
        throw new ServerConfigException(
            "store location '" + location + "' is not a valid path: " + e.getMessage(), e);
      }
    }
    if (location.startsWith("postgresql://") || location.startsWith("postgres://")) {
      return new StoreLocation(null, fromPostgresUri(location));
    }
    if (location.startsWith("jdbc:postgresql:")) {
      int query = location.indexOf('?');
      String base = query < 0 ? location : location.substring(0, query);
      return new StoreLocation(
          null,
          withServerParameters(
              base, query < 0 ? null : location.substring(query + 1), null, null, location));
    }
    throw new ServerConfigException(
        "store location '" + redact(location) + "' is not supported; " + EXAMPLES);
  }

  private static PostgresOptions fromPostgresUri(String location) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new ServerConfigException(
          "store location '"
              + redact(location)
              + "' is not a valid URI: "
              + e.getMessage()
              + "; "
              + EXAMPLES,
          e);
    }
    if (uri.getHost() == null) {
      throw new ServerConfigException(
          "store location '" + redact(location) + "' names no host; " + EXAMPLES);
    }
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (database.isEmpty()) {
      throw new ServerConfigException(
          "store location '" + redact(location) + "' names no database; " + EXAMPLES);
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String base = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    return withServerParameters(base, uri.getRawQuery(), user, password, location);
  }

  private static PostgresOptions withServerParameters(
      String baseUrl, String rawQuery, String user, String password, String location) {
    String schema = PostgresOptions.DEFAULT_SCHEMA;
    int poolSize = PostgresOptions.DEFAULT_POOL_SIZE;
    List<String> driverParameters = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String parameter : rawQuery.split("&")) {
        String name = decode(parameter.split("=", 2)[0]);
        String value = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
        if (name.equals("schema")) {
          schema = value;
        } else if (name.equals("poolSize")) {
          try {
            poolSize = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new ServerConfigException(
                "poolSize in store location '"
                    + redact(location)
                    + "' must be a whole number, got '"
                    + value
                    + "'",
                e);
          }
        } else if (!parameter.isEmpty()) {
          driverParameters.add(parameter);
        }
      }
    }
    String url =
        driverParameters.isEmpty() ? baseUrl : baseUrl + "?" + String.join("&", driverParameters);
    return new PostgresOptions(url, user, password, schema, poolSize);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ServerConfigException(
          "store location has a malformed %-escape in '" + text + "'", e);
    }
  }

  /** The location with any password replaced by ***, for messages. */
  static String redact(String location) {
    return location
        .replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** Opens the store this location names. */
  public EventStore open() {
    return sqliteFile != null ? EventStore.sqlite(sqliteFile) : EventStore.postgres(postgres);
  }

  /** The SQLite file, or {@code null} for PostgreSQL. */
  public Path sqliteFile() {
    return sqliteFile;
  }

  /** The PostgreSQL options, or {@code null} for SQLite. */
  public PostgresOptions postgres() {
    return postgres;
  }
}
