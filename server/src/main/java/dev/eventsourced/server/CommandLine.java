package dev.eventsourced.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line of the runnable server; {@link #parse} checks every option and names the
 * one at fault.
 */
final class CommandLine {

  /**
   * Environment variable with comma-separated bearer tokens, added to {@code --token}/{@code
   * --token-file}.
   */
  public static final String TOKENS_ENV = "EVENTSOURCED_TOKENS";

  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar eventsourced-server.jar [options]",
          "",
          "Runs the EventSourced DB sync server: POST (push) and GET (pull) on the base path, GET /health.",
          "",
          "Options:",
          "  --store LOCATION        where events are kept (default sqlite:./events.db):",
          "                            sqlite:PATH",
          "                            postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&poolSize=N]",
          "                            jdbc:postgresql://HOST[:PORT]/DATABASE[?user=U&password=P&schema=NAME]",
          "  --host ADDRESS          address to listen on (default 0.0.0.0)",
          "  --port N                port to listen on, 0 for any free port (default "
              + SyncServer.DEFAULT_PORT
              + ")",
          "  --base-path PATH        path of the events endpoints (default "
              + SyncServer.DEFAULT_BASE_PATH
              + ")",
          "  --token TOKEN           accept Authorization: Bearer TOKEN; repeatable. With any token configured,",
          "                          requests without a valid one get 401. Without tokens, anyone may sync.",
          "  --token-file FILE       read bearer tokens from FILE, one per line (# starts a comment)",
          "  --jwt-hs256-secret-file FILE  accept JWTs signed with HS256 and the secret in FILE",
          "                          (its text, trimmed; at least 32 bytes)",
          "  --jwks-file FILE        accept JWTs signed with RS256 by a key of the JWKS in FILE",
          "  --jwks-url URL          the same with a JWKS fetched from URL (cached, fetched again",
          "                          for an unknown kid). JWT rights: the claim",
          "                          \"collections\": {\"push\": [...], \"pull\": [...]}, \"*\" = all",
          "  --jwt-issuer ISS        JWTs must have this iss",
          "  --jwt-audience AUD      JWTs must have this aud",
          "  --metrics MODE          GET /metrics (Prometheus text): open (default), token (needs a",
          "                          valid bearer token) or off",
          "  --inspector on|off      GET /inspector, a read-only HTML page of the log behind the",
          "                          same token as pull (default on)",
          "  --request-log on|off    one INFO line per request, logger dev.eventsourced.server.requests",
          "                          (default on)",
          "  --max-body-bytes N      largest push body in bytes (default "
              + SyncHttpHandler.DEFAULT_MAX_BODY_BYTES
              + ")",
          "  --max-wait-seconds N    longest long-poll wait a client may ask for (default "
              + SyncHttpHandler.DEFAULT_MAX_WAIT.toSeconds()
              + ")",
          "  --max-page-bytes N      a pull page ends once its payloads reach N bytes (default "
              + SyncService.DEFAULT_MAX_PAGE_BYTES
              + ")",
          "  --request-timeout-seconds N  longest time a request body may take to arrive (default "
              + SyncServer.DEFAULT_REQUEST_TIMEOUT.toSeconds()
              + ")",
          "  --min-request-rate N    slowest rate in bytes/s a request body may arrive at, 0 for no"
              + " minimum (default "
              + SyncServer.DEFAULT_MIN_REQUEST_BYTES_PER_SECOND
              + ")",
          "  -h, --help              print this help and exit",
          "",
          "Environment:",
          "  "
              + TOKENS_ENV
              + "    comma-separated bearer tokens, added to --token and --token-file",
          "",
          "Examples:",
          "  java -jar eventsourced-server.jar --store sqlite:./events.db --port 8787",
          "  java -jar eventsourced-server.jar --store postgresql://app:secret@db:5432/events --token-file tokens.txt");

  private final boolean help;
  private final String store;
  private final String host;
  private final int port;
  private final String basePath;
  private final List<String> tokens;
  private final long maxBodyBytes;
  private final Duration maxWait;
  private final JwtOptions jwt;
  private final String metrics;
  private final boolean requestLog;
  private long maxPageBytes = SyncService.DEFAULT_MAX_PAGE_BYTES;
  private boolean inspector = true;
  private Duration requestTimeout = SyncServer.DEFAULT_REQUEST_TIMEOUT;
  private long minRequestRate = SyncServer.DEFAULT_MIN_REQUEST_BYTES_PER_SECOND;

  private CommandLine(
      boolean help,
      String store,
      String host,
      int port,
      String basePath,
      List<String> tokens,
      long maxBodyBytes,
      Duration maxWait,
      JwtOptions jwt,
      String metrics,
      boolean requestLog) {
    this.help = help;
    this.store = store;
    this.host = host;
    this.port = port;
    this.basePath = basePath;
    this.tokens = List.copyOf(tokens);
    this.maxBodyBytes = maxBodyBytes;
    this.maxWait = maxWait;
    this.jwt = jwt;
    this.metrics = metrics;
    this.requestLog = requestLog;
  }

  /**
   * Parses {@code args}, taking extra tokens from {@code environment}.
   *
   * @throws ServerConfigException for an unknown option, a missing or malformed value, an
   *     unreadable token file
   */
  public static CommandLine parse(String[] args, Map<String, String> environment) {
    boolean help = false;
    String store = "sqlite:./events.db";
    String host = "0.0.0.0";
    int port = SyncServer.DEFAULT_PORT;
    String basePath = SyncServer.DEFAULT_BASE_PATH;
    List<String> tokens = new ArrayList<>();
    long maxBodyBytes = SyncHttpHandler.DEFAULT_MAX_BODY_BYTES;
    long maxWaitSeconds = SyncHttpHandler.DEFAULT_MAX_WAIT.toSeconds();
    JwtOptions jwt = JwtOptions.none();
    boolean jwtKey = false;
    String metrics = "open";
    boolean requestLog = true;
    boolean inspector = true;
    long maxPageBytes = SyncService.DEFAULT_MAX_PAGE_BYTES;
    long requestTimeoutSeconds = SyncServer.DEFAULT_REQUEST_TIMEOUT.toSeconds();
    long minRequestRate = SyncServer.DEFAULT_MIN_REQUEST_BYTES_PER_SECOND;

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new ServerConfigException(
            "unexpected argument '" + arg + "'; options start with --, see --help");
      }
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ServerConfigException(
            "option " + arg + " needs a value, e.g. " + arg + " " + example(arg) + "; see --help");
      }
      switch (name) {
        case "--store":
          store = value;
          break;
        case "--host":
          host = value;
          break;
        case "--port":
          port = (int) number(name, value, 0, 65535);
          break;
        case "--base-path":
          basePath = value;
          break;
        case "--token":
          tokens.add(value);
          break;
        case "--token-file":
          tokens.addAll(readTokenFile(value));
          break;
        case "--max-body-bytes":
          maxBodyBytes = number(name, value, 1, SyncHttpHandler.MAX_BODY_LIMIT);
          break;
        case "--max-wait-seconds":
          maxWaitSeconds = number(name, value, 0, 3600);
          break;
        case "--jwt-hs256-secret-file":
          jwt = jwt.withHs256Secret(readSecret(value));
          jwtKey = true;
          break;
        case "--jwks-file":
          jwt = jwt.withJwksFile(Path.of(value));
          jwtKey = true;
          break;
        case "--jwks-url":
          try {
            jwt = jwt.withJwksUrl(java.net.URI.create(value));
          } catch (IllegalArgumentException e) {
            throw new ServerConfigException(
                "option --jwks-url must be a URL like https://idp.example/jwks.json, got '"
                    + value
                    + "'");
          }
          jwtKey = true;
          break;
        case "--jwt-issuer":
          jwt = jwt.withIssuer(value);
          break;
        case "--jwt-audience":
          jwt = jwt.withAudience(value);
          break;
        case "--metrics":
          if (!List.of("open", "token", "off").contains(value)) {
            throw new ServerConfigException(
                "option --metrics must be open, token or off, got '" + value + "'");
          }
          metrics = value;
          break;
        case "--inspector":
          if (!value.equals("on") && !value.equals("off")) {
            throw new ServerConfigException(
                "option --inspector must be on or off, got '" + value + "'");
          }
          inspector = value.equals("on");
          break;
        case "--request-log":
          if (!value.equals("on") && !value.equals("off")) {
            throw new ServerConfigException(
                "option --request-log must be on or off, got '" + value + "'");
          }
          requestLog = value.equals("on");
          break;
        case "--max-page-bytes":
          maxPageBytes = number(name, value, 1, Long.MAX_VALUE);
          break;
        case "--request-timeout-seconds":
          requestTimeoutSeconds = number(name, value, 1, 3600);
          break;
        case "--min-request-rate":
          minRequestRate = number(name, value, 0, Long.MAX_VALUE);
          break;
        default:
          throw new ServerConfigException(
              "unknown option " + name + "; see --help for the options");
      }
    }
    String fromEnvironment = environment.get(TOKENS_ENV);
    if (fromEnvironment != null) {
      for (String token : fromEnvironment.split(",")) {
        if (!token.isBlank()) {
          tokens.add(token.strip());
        }
      }
    }
    CommandLine parsed =
        new CommandLine(
            help,
            store,
            host,
            port,
            basePath,
            tokens,
            maxBodyBytes,
            Duration.ofSeconds(maxWaitSeconds),
            jwtKey ? jwt : null,
            metrics,
            requestLog);
    parsed.maxPageBytes = maxPageBytes;
    parsed.inspector = inspector;
    parsed.requestTimeout = Duration.ofSeconds(requestTimeoutSeconds);
    parsed.minRequestRate = minRequestRate;
    return parsed;
  }

  private static byte[] readSecret(String file) {
    try {
      return Files.readString(Path.of(file))
          .strip()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ServerConfigException(
          "cannot read --jwt-hs256-secret-file " + file + ": " + e + "; give a readable file", e);
    }
  }

  private static String example(String option) {
    switch (option) {
      case "--store":
        return "sqlite:./events.db";
      case "--port":
        return "8787";
      case "--host":
        return "127.0.0.1";
      case "--base-path":
        return SyncServer.DEFAULT_BASE_PATH;
      default:
        return "VALUE";
    }
  }

  private static long number(String option, String value, long min, long max) {
    try {
      long number = Long.parseLong(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ServerConfigException(
        "option "
            + option
            + " must be a whole number in "
            + min
            + ".."
            + max
            + ", got '"
            + value
            + "'");
  }

  private static List<String> readTokenFile(String file) {
    List<String> tokens = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        String token = line.strip();
        if (!token.isEmpty() && !token.startsWith("#")) {
          tokens.add(token);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ServerConfigException(
          "cannot read --token-file "
              + file
              + ": "
              + e
              + "; give a readable file"
              + " with one token per line",
          e);
    }
    if (tokens.isEmpty()) {
      throw new ServerConfigException(
          "--token-file " + file + " holds no token; put one token per line");
    }
    return tokens;
  }

  public boolean help() {
    return help;
  }

  public String store() {
    return store;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String basePath() {
    return basePath;
  }

  /** Every configured bearer token; empty means no authentication. */
  public List<String> tokens() {
    return tokens;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public Duration maxWait() {
    return maxWait;
  }

  /** The JWT settings, or {@code null} when no JWT key is configured. */
  public JwtOptions jwt() {
    return jwt;
  }

  /** {@code open}, {@code token} or {@code off}. */
  public String metrics() {
    return metrics;
  }

  public boolean requestLog() {
    return requestLog;
  }

  /** Whether {@code GET /inspector} is served. */
  public boolean inspector() {
    return inspector;
  }

  public long maxPageBytes() {
    return maxPageBytes;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Slowest request body rate, bytes/s; 0 for none. */
  public long minRequestRate() {
    return minRequestRate;
  }
}
