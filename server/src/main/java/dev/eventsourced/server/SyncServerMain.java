package dev.eventsourced.server;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar eventsourced-server.jar [options]}: starts a {@link SyncServer} from the command
 * line and runs it until the process is stopped (SIGTERM/Ctrl-C close it cleanly). {@code --help}
 * lists the options. Exit codes: 0 after {@code --help}, 2 for a wrong option, 1 when the store
 * cannot be opened or the port cannot be bound.
 */
public final class SyncServerMain {

  private static final Logger LOG = LoggerFactory.getLogger(SyncServerMain.class);

  private SyncServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    CommandLine options;
    try {
      options = CommandLine.parse(args, System.getenv());
    } catch (ServerConfigException e) {
      System.err.println("eventsourced-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(CommandLine.USAGE);
      return;
    }
    SyncServer server;
    try {
      server = start(options);
    } catch (SyncServerException e) {
      System.err.println("eventsourced-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping the sync server");
                  server.close();
                  stopped.countDown();
                },
                "eventsourced-shutdown"));
    stopped.await();
  }

  /**
   * Opens the store and starts the server the options describe.
   *
   * @throws SyncServerException when the store cannot be opened or the server cannot start
   */
  static SyncServer start(CommandLine options) {
    SyncServer.Builder builder =
        SyncServer.builder()
            .host(options.host())
            .port(options.port())
            .basePath(options.basePath())
            .maxBodyBytes(options.maxBodyBytes())
            .maxWait(options.maxWait())
            .metrics(!options.metrics().equals("off"))
            .metricsAuthenticated(options.metrics().equals("token"))
            .requestLog(options.requestLog())
            .inspector(options.inspector())
            .maxPageBytes(options.maxPageBytes())
            .requestTimeout(options.requestTimeout())
            .minRequestBytesPerSecond(options.minRequestRate());
    if (options.jwt() != null) {
      builder.jwt(options.jwt());
    }
    if (!options.tokens().isEmpty()) {
      builder.bearerTokens(options.tokens());
    }
    EventStore store = EventStore.open(options.store());
    SyncServer server = builder.store(store).start();
    LOG.info(
        "Sync server listening on {} (store {}, authentication {})",
        server.eventsUri(),
        store.describe(),
        authentication(options));
    return server;
  }

  private static String authentication(CommandLine options) {
    if (options.jwt() == null) {
      return options.tokens().isEmpty()
          ? "off: anyone may sync"
          : options.tokens().size() + " bearer token(s)";
    }
    return "JWT"
        + (options.jwt().hs256Secret() != null ? " HS256" : "")
        + (options.jwt().jwksFile() != null ? " RS256 (JWKS " + options.jwt().jwksFile() + ")" : "")
        + (options.jwt().jwksUrl() != null ? " RS256 (JWKS " + options.jwt().jwksUrl() + ")" : "")
        + (options.tokens().isEmpty() ? "" : " + " + options.tokens().size() + " bearer token(s)");
  }
}
