package dev.eventsourced.server;

import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncJson;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync server: {@link SyncHttpHandler} mounted on Javalin (Jetty 12), with a health endpoint.
 *
 * <pre>{@code
 * try (SyncServer server = SyncServer.builder()
 *         .store(EventStore.sqlite(Path.of("events.db")))
 *         .port(0)                       // a free port
 *         .start()) {
 *     URI events = server.eventsUri();   // http://127.0.0.1:PORT/api/events
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST {basePath}} (push), {@code GET {basePath}} (pull) and {@code GET /health}.
 * To add the protocol to a Javalin app of your own, call {@link #mount} in its config block.
 * Closing the server stops HTTP, ends open long-polls and closes the store.
 */
public final class SyncServer implements AutoCloseable {

  /** Default base path of the events endpoints. */
  public static final String DEFAULT_BASE_PATH = "/api/events";

  /** Default port. */
  public static final int DEFAULT_PORT = 8787;

  /** Path of the health endpoint. */
  public static final String HEALTH_PATH = "/health";

  /** Path of the read-only HTML page of the server's log. */
  public static final String INSPECTOR_PATH = "/inspector";

  /** Path of the Prometheus metrics endpoint. */
  public static final String METRICS_PATH = "/metrics";

  /** Default longest time a request body may take to arrive. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default slowest rate a request body may arrive at. */
  public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 1024;

  /** Default silence before a server-sent-events heartbeat. */
  public static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);

  private static final long STOP_TIMEOUT_MILLIS = 5_000;
  private static final int ACCEPT_QUEUE = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);
  private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");

  private final Javalin app;
  private final SyncService service;
  private final EventStreams streams;
  private final EventStore store;
  private final String host;
  private final String basePath;

  private SyncServer(Builder builder, SyncHttpHandler handler, ServerMetrics metrics) {
    this.service = handler.service();
    this.streams = new EventStreams(service, builder.sseHeartbeat);
    this.store = builder.store;
    this.host = builder.host;
    this.basePath = builder.basePath;
    long idleTimeoutMillis = builder.maxWait.plusSeconds(30).toMillis();
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = builder.maxBodyBytes;
              config.jetty.modifyServer(
                  server -> {
                    // on stop, let requests in flight (e.g. long-polls just woken by close())
                    // finish writing
                    // pulls are answered on Jetty's core API, innermost: see PullHandler
                    server.insertHandler(new PullHandler(builder.basePath, handler));
                    // bodies are read without a thread, within a time and at a minimum rate
                    server.insertHandler(
                        new RequestGuard(
                            builder.maxBodyBytes,
                            builder.requestTimeout,
                            builder.minRequestBytesPerSecond,
                            builder.maxBufferedBytes > 0
                                ? builder.maxBufferedBytes
                                : RequestGuard.defaultMaxBufferedBytes(builder.maxBodyBytes)));
                    server.insertHandler(new GracefulHandler());
                    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
                    if (metrics != null || builder.requestLog) {
                      server.setRequestLog(
                          new HttpRequestLog(
                              metrics,
                              builder.requestLog,
                              builder.basePath,
                              builder.requestLogger));
                    }
                    // what Jetty answers itself (unparsable requests, URI or headers too long) is
                    // JSON too
                    server.setErrorHandler(new JsonErrorHandler());
                  });
              config.jetty.addConnector(
                  (server, httpConfiguration) -> {
                    httpConfiguration.setSendServerVersion(false);
                    ServerConnector connector =
                        new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                    connector.setHost(builder.host);
                    connector.setPort(builder.port);
                    connector.setIdleTimeout(idleTimeoutMillis); // longer than any long-poll
                    // thousands of clients reconnect at once after a restart or a network blip:
                    // a short accept queue drops their SYNs, and each retries a second later
                    connector.setAcceptQueueSize(ACCEPT_QUEUE);
                    connector.setShutdownIdleTimeout(
                        100); // on stop, idle keep-alive connections need not linger
                    return connector;
                  });
              mount(config, basePath, handler, streams);
              config.routes.get(HEALTH_PATH, ctx -> write(ctx, handler.health()));
              if (builder.inspector) {
                config.routes.get(
                    INSPECTOR_PATH,
                    ctx -> InspectorPage.serve(ctx, service, builder.inspectorAuthenticator));
              }
              if (metrics != null) {
                config.routes.get(
                    METRICS_PATH,
                    ctx -> MetricsEndpoint.serve(ctx, metrics, builder.metricsAuthenticator));
              }
              config.routes.error(
                  HttpStatus.NOT_FOUND,
                  ctx ->
                      writeError(
                          ctx,
                          404,
                          "not found",
                          "no endpoint "
                              + ctx.method().name()
                              + " "
                              + ctx.path()
                              + "; the events endpoint is "
                              + basePath));
              config.routes.error(
                  HttpStatus.METHOD_NOT_ALLOWED,
                  ctx ->
                      writeError(
                          ctx,
                          405,
                          "method not allowed",
                          ctx.method().name()
                              + " is not supported on "
                              + ctx.path()
                              + "; use GET (pull) or POST (push)"));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error(
                        "Unexpected failure serving {} {}", ctx.method().name(), ctx.path(), e);
                    writeError(
                        ctx,
                        500,
                        "internal error",
                        "the request failed because of a server bug; it is logged");
                  });
            });
    this.app.start();
  }

  /** A builder; {@link Builder#store} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds {@code POST basePath} (push) and {@code GET basePath} (pull, asynchronous while it
   * long-polls) to a Javalin configuration. Use it inside {@code Javalin.create(config -> ...)}.
   */
  public static void mount(JavalinConfig config, String basePath, SyncHttpHandler handler) {
    mount(
        config,
        basePath,
        handler,
        new EventStreams(
            Objects.requireNonNull(handler, "handler").service(), DEFAULT_SSE_HEARTBEAT));
  }

  private static void mount(
      JavalinConfig config, String basePath, SyncHttpHandler handler, EventStreams streams) {
    checkBasePath(basePath);
    Objects.requireNonNull(handler, "handler");
    config.routes.post(basePath, ctx -> write(ctx, handler.push(request(ctx))));
    config.routes.get(
        basePath,
        ctx -> {
          SyncHttpRequest request = request(ctx);
          if (acceptsEventStream(ctx.header("Accept"))) {
            stream(ctx, request, handler, streams);
            return;
          }
          ctx.future(
              () -> handler.pullStreamed(request).thenAccept(response -> write(ctx, response)));
        });
  }

  private static boolean acceptsEventStream(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
  }

  /** Server-sent events: checks the request, then streams until the client or the server ends. */
  private static void stream(
      Context ctx, SyncHttpRequest request, SyncHttpHandler handler, EventStreams streams)
      throws IOException {
    EventStreams.Start start = new EventStreams.Start();
    SyncHttpResponse refused = handler.checkStream(request, start);
    if (refused != null) {
      write(ctx, refused);
      return;
    }
    ctx.status(200);
    ctx.res().setContentType("text/event-stream; charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    ctx.future(() -> streams.open(start, out));
  }

  static SyncHttpRequest request(Context ctx) {
    return new SyncHttpRequest() {
      @Override
      public String method() {
        return ctx.method().name();
      }

      @Override
      public String path() {
        return ctx.path();
      }

      @Override
      public String header(String name) {
        return ctx.header(name);
      }

      @Override
      public String rawQuery() {
        return ctx.req().getQueryString();
      }

      @Override
      public InputStream body() throws IOException {
        return ctx.req().getInputStream();
      }

      @Override
      public void attribute(String name, Object value) {
        ctx.req().setAttribute(name, value);
      }
    };
  }

  private static void write(Context ctx, SyncHttpHandler.StreamedResponse response) {
    ctx.status(response.status());
    ctx.contentType(SyncHttpResponse.CONTENT_TYPE);
    response.headers().forEach(ctx::header);
    ctx.result(response.body());
  }

  static void write(Context ctx, SyncHttpResponse response) {
    ctx.status(response.status());
    ctx.contentType(SyncHttpResponse.CONTENT_TYPE);
    response.headers().forEach(ctx::header);
    ctx.result(response.body());
  }

  private static void writeError(Context ctx, int status, String error, String message) {
    write(
        ctx,
        new SyncHttpResponse(
            status,
            SyncJson.writeError(error, List.of(Rejection.ofRequest("request", message))),
            Map.of()));
  }

  private static void checkBasePath(String basePath) {
    if (basePath == null
        || !BASE_PATH.matcher(basePath).matches()
        || basePath.equals(HEALTH_PATH)) {
      throw new ServerConfigException(
          "base path '"
              + basePath
              + "' is not allowed; give an absolute path without"
              + " a trailing slash or path parameters, other than "
              + HEALTH_PATH
              + ", e.g. "
              + DEFAULT_BASE_PATH);
    }
  }

  /** The port the server listens on (the chosen one when it was built with port 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://HOST:PORT} (with 127.0.0.1 when listening on all interfaces). */
  public URI baseUri() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    if (shown.contains(":")) {
      shown = "[" + shown + "]";
    }
    return URI.create("http://" + shown + ":" + port());
  }

  /** The URI of the events endpoint: {@code baseUri() + basePath}. */
  public URI eventsUri() {
    return URI.create(baseUri() + basePath);
  }

  /** The protocol service behind the endpoints. */
  public SyncService service() {
    return service;
  }

  /**
   * Ends open long-polls (each answers with an empty page), stops HTTP once the requests in flight
   * are answered (at most 5 s), then closes the store.
   */
  @Override
  public void close() {
    try {
      streams.close();
      service.close();
      app.stop();
    } finally {
      store.close();
    }
  }

  /** Collects the settings; {@link #start()} checks them all and starts the server. */
  public static final class Builder {
    private EventStore store;
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private String basePath = DEFAULT_BASE_PATH;
    private static final Authenticator ALLOW_ALL = Authenticator.allowAll();
    private Authenticator authenticator = ALLOW_ALL;
    private long maxBodyBytes = SyncHttpHandler.DEFAULT_MAX_BODY_BYTES;
    private Duration maxWait = SyncHttpHandler.DEFAULT_MAX_WAIT;
    private JwtOptions jwt;
    private boolean metrics = true;
    private boolean metricsAuthenticated;
    private boolean requestLog = true;
    private boolean inspector = true;
    private Authenticator inspectorAuthenticator;
    private Authenticator metricsAuthenticator;
    private org.slf4j.Logger requestLogger;
    private long maxPageBytes = SyncService.DEFAULT_MAX_PAGE_BYTES;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private long minRequestBytesPerSecond = DEFAULT_MIN_REQUEST_BYTES_PER_SECOND;
    private Duration sseHeartbeat = DEFAULT_SSE_HEARTBEAT;
    long maxBufferedBytes; // 0: a quarter of the heap; set by tests

    private Builder() {}

    /** The event store (required). The server closes it when it closes. */
    public Builder store(EventStore store) {
      this.store = store;
      return this;
    }

    /** Address to listen on; default {@code 0.0.0.0} (all interfaces). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port to listen on; default {@value SyncServer#DEFAULT_PORT}; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Path of the events endpoints; default {@value SyncServer#DEFAULT_BASE_PATH}. */
    public Builder basePath(String basePath) {
      this.basePath = basePath;
      return this;
    }

    /** Who may push and pull; default everyone. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /** Shorthand for {@code authenticator(Authenticator.bearerTokens(tokens))}. */
    public Builder bearerTokens(Collection<String> tokens) {
      return authenticator(Authenticator.bearerTokens(tokens));
    }

    /**
     * Accept signed JWTs as bearer tokens (see {@link JwtOptions}); their {@code collections} claim
     * limits what each client may push and pull. Tokens that are not JWTs still go to the {@link
     * #authenticator} or {@link #bearerTokens} given, with full access.
     */
    public Builder jwt(JwtOptions jwt) {
      this.jwt = jwt;
      return this;
    }

    /**
     * Whether {@code GET /metrics} serves the Prometheus text format; default on. It tells counts
     * and latencies, no event content.
     */
    public Builder metrics(boolean enabled) {
      this.metrics = enabled;
      return this;
    }

    /**
     * Whether {@code GET /metrics} needs the same bearer token as push and pull (any valid token);
     * default off, for scrapers inside the network.
     */
    public Builder metricsAuthenticated(boolean authenticated) {
      this.metricsAuthenticated = authenticated;
      return this;
    }

    /**
     * Whether {@code GET /inspector} serves a read-only HTML page of the log (newest first,
     * filtered by collection, key, type and client; the head sequence number); default on. When the
     * server authenticates, the page needs the same token as pull (once as {@code ?token=}, then
     * kept in an HTTP-only cookie, or as a bearer header) and shows only the collections it may
     * pull.
     */
    public Builder inspector(boolean enabled) {
      this.inspector = enabled;
      return this;
    }

    /**
     * Whether every request is logged, one line with key-value pairs at INFO on the logger {@code
     * dev.eventsourced.server.requests}; default on.
     */
    public Builder requestLog(boolean enabled) {
      this.requestLog = enabled;
      return this;
    }

    /** Where the request lines go instead of {@code dev.eventsourced.server.requests} (tests). */
    Builder requestLogger(org.slf4j.Logger logger) {
      this.requestLogger = logger;
      return this;
    }

    /** Largest push body; default 4 MiB. Larger bodies get 413. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Longest long-poll ({@code wait} parameter); default 30 s. */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = maxWait;
      return this;
    }

    /**
     * Bound of a pull page's payload bytes; default 4 MiB. A page ends with the event that brings
     * it to the bound; an event larger than the bound goes out alone.
     */
    public Builder maxPageBytes(long maxPageBytes) {
      this.maxPageBytes = maxPageBytes;
      return this;
    }

    /**
     * Longest time a request body may take to arrive; default 30 s. Slower requests get 408 and the
     * connection is closed.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * Slowest rate a request body may arrive at, measured from its start once it has taken {@value
     * RequestGuard#GRACE_SECONDS} s; default 1,024 bytes/s; 0 turns the check off.
     */
    public Builder minRequestBytesPerSecond(long minRequestBytesPerSecond) {
      this.minRequestBytesPerSecond = minRequestBytesPerSecond;
      return this;
    }

    /** How long a server-sent-events stream stays silent before a heartbeat comment; 15 s. */
    public Builder sseHeartbeat(Duration sseHeartbeat) {
      this.sseHeartbeat = sseHeartbeat;
      return this;
    }

    /**
     * Checks the settings and starts listening.
     *
     * @throws ServerConfigException when a setting is wrong or the port cannot be bound; the store
     *     is closed then
     */
    public SyncServer start() {
      if (store == null) {
        throw new ServerConfigException(
            "no event store given; call store(EventStore.sqlite(path)) or"
                + " store(EventStore.open(\"postgresql://...\")) before start()");
      }
      SyncService service = null;
      try {
        if (port < 0 || port > 65535) {
          throw new ServerConfigException(
              "port must be 0..65535 (0 picks a free port), got " + port);
        }
        if (host == null || host.isBlank()) {
          throw new ServerConfigException(
              "host is empty; give an address such as 0.0.0.0 or 127.0.0.1");
        }
        checkBasePath(basePath);
        Objects.requireNonNull(authenticator, "authenticator");
        if (requestTimeout == null
            || requestTimeout.toMillis() < 1
            || requestTimeout.compareTo(Duration.ofHours(1)) > 0) {
          throw new ServerConfigException(
              "the request timeout must be 1 ms..1 h, got " + requestTimeout);
        }
        if (minRequestBytesPerSecond < 0) {
          throw new ServerConfigException(
              "the minimum request rate must be 0 (off) or more bytes/s, got "
                  + minRequestBytesPerSecond);
        }
        if (sseHeartbeat == null
            || sseHeartbeat.toMillis() < 1
            || sseHeartbeat.compareTo(Duration.ofMinutes(10)) > 0) {
          throw new ServerConfigException(
              "the server-sent-events heartbeat must be 1 ms..10 min, got " + sseHeartbeat);
        }
        Authenticator auth = authenticator;
        if (jwt != null) {
          boolean open = authenticator == ALLOW_ALL;
          auth = new JwtAuthenticator(jwt, open ? null : authenticator);
        }
        metricsAuthenticator = metricsAuthenticated ? auth : null;
        inspectorAuthenticator = auth == ALLOW_ALL ? null : auth;
        ServerMetrics serverMetrics = null;
        EventStore served = store;
        if (metrics) {
          SyncService[] created = new SyncService[1];
          serverMetrics =
              new ServerMetrics(
                  () -> created[0].waitingPulls(), () -> created[0].store().lastSeq());
          served = new TimedEventStore(store, serverMetrics);
          service = created[0] = new SyncService(served, maxPageBytes);
        } else {
          service = new SyncService(served, maxPageBytes);
        }
        SyncHttpHandler handler = new SyncHttpHandler(service, auth, maxBodyBytes, maxWait);
        return new SyncServer(this, handler, serverMetrics);
      } catch (RuntimeException e) {
        if (service != null) {
          service.close();
        }
        store.close();
        if (e instanceof SyncServerException) {
          throw e;
        }
        throw new ServerConfigException(
            "could not start the sync server on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }
  }
}
