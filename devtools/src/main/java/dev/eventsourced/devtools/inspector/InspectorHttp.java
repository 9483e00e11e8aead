package dev.eventsourced.devtools.inspector;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.internal.inspect.Inspection;
import dev.eventsourced.db.internal.inspect.Inspection.LiveQueryInfo;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.devtools.inspector.Views.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inspector's HTTP server on the JDK's {@code com.sun.net.httpserver}: routing, access checks
 * (host, token, same-origin form token for actions), the pages, the static files and the live
 * update stream. Started by {@code dev.eventsourced.devtools.Inspector}.
 */
public final class InspectorHttp implements AutoCloseable {

  private static final Logger LOG = System.getLogger("dev.eventsourced.devtools.inspector");
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The token's cookie; named after the port, as cookies are shared by every port of a host. */
  private final String cookie;

  private static final int MAX_STREAMS = 16;
  private static final long STREAM_CHECK_MILLIS = 250;
  private static final long STREAM_PING_MILLIS = 15_000;

  private final Inspection inspection;
  private final boolean actions;
  private final String token;
  private final boolean loopback;
  private final String csrf;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final AtomicLong actionsDone = new AtomicLong();
  private final URI uri;
  private volatile boolean closed;

  /**
   * Binds {@code address:port} (0 for any free port) and starts serving.
   *
   * @param token the token every request must carry, or {@code null} for none
   */
  public static InspectorHttp start(
      Inspection inspection, InetAddress address, int port, String token, boolean actions)
      throws IOException {
    return new InspectorHttp(inspection, address, port, token, actions);
  }

  private InspectorHttp(
      Inspection inspection, InetAddress address, int port, String token, boolean actions)
      throws IOException {
    this.inspection = inspection;
    this.actions = actions;
    this.token = token;
    this.loopback = address.isLoopbackAddress();
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    this.server = HttpServer.create(new InetSocketAddress(address, port), 32);
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "eventsourced-inspector-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    String host = address.getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    int bound = server.getAddress().getPort();
    this.cookie = "eventsourced_inspector_" + bound;
    this.uri =
        URI.create(
            "http://"
                + host
                + ":"
                + bound
                + "/"
                + (token == null ? "" : "?token=" + Params.encode(token)));
  }

  /** The address of the overview page (with the token, when one is required). */
  public URI uri() {
    return uri;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving: open live streams end, the port is released. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- routing -------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (Params.BadRequestException | IllegalArgumentException e) {
        error(exchange, 400, "Bad request", e.getMessage());
      } catch (Views.NotFoundException e) {
        error(exchange, 404, "Not found", e.getMessage());
      } catch (DatabaseClosedException e) {
        error(exchange, 503, "Database closed", e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        // The browser went away.
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "inspector request " + exchange.getRequestURI() + " failed", e);
        error(exchange, 500, "Internal error", e.toString());
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    setSecurityHeaders(exchange.getResponseHeaders());
    if (!hostAllowed(exchange)) {
      error(exchange, 421, "Wrong host", "this inspector answers only to its own address");
      return;
    }
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    Params params = Params.parse(exchange.getRequestURI().getRawQuery());
    if (path.startsWith("/static/")) {
      if (!isRead(method)) {
        methodNotAllowed(exchange);
        return;
      }
      serveStatic(exchange, path.substring("/static/".length()));
      return;
    }
    if (token != null && !authorized(exchange, params)) return;
    if (path.startsWith("/actions/")) {
      action(exchange, path.substring("/actions/".length()));
      return;
    }
    if (!isRead(method)) {
      methodNotAllowed(exchange);
      return;
    }
    if (path.equals("/stream")) {
      stream(exchange);
      return;
    }
    Views views = new Views(inspection, actions, csrf);
    View view;
    if (path.equals("/")) {
      view = views.overview();
    } else if (path.startsWith("/collections/")) {
      String id = Params.parse("x=" + path.substring("/collections/".length())).get("x");
      if (id == null) throw new Views.NotFoundException("no collection named");
      view = views.collection(id, params);
    } else if (path.equals("/events")) {
      view = views.events(params);
    } else if (path.equals("/history")) {
      view = views.history(params);
    } else if (path.equals("/outbox")) {
      view = views.outbox(params);
    } else if (path.equals("/live")) {
      view = views.live();
    } else if (path.equals("/sync")) {
      view = views.sync();
    } else if (path.equals("/verify")) {
      view = views.verify(params);
    } else {
      throw new Views.NotFoundException("the inspector has no page " + path);
    }
    String html =
        params.get("fragment") != null
            ? view.body()
            : Layout.page(view, inspection, actions, params.get("notice"));
    send(exchange, 200, "text/html; charset=utf-8", html);
  }

  private static boolean isRead(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  // ---- access --------------------------------------------------------------------------------

  private static void setSecurityHeaders(Headers headers) {
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cache-Control", "no-store");
  }

  /**
   * On a loopback address, only requests naming a loopback host are answered: a web page that
   * rebinds its own DNS name to 127.0.0.1 cannot read the inspector.
   */
  private boolean hostAllowed(HttpExchange exchange) {
    if (!loopback) return true; // a token protects it
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) return true;
    String name =
        host.startsWith("[")
            ? host.substring(0, host.indexOf(']') + 1)
            : host.replaceFirst(":\\d+$", "");
    return name.equals("localhost")
        || name.equals("127.0.0.1")
        || name.equals("[::1]")
        || name.startsWith("127.");
  }

  private boolean authorized(HttpExchange exchange, Params params) throws IOException {
    String offered = params.get("token");
    if (offered != null && matches(offered)) {
      // Once in the address; from now on in a cookie, and out of the address bar and history.
      exchange
          .getResponseHeaders()
          .add(
              "Set-Cookie",
              cookie + "=" + Params.encode(token) + "; Path=/; HttpOnly; SameSite=Strict");
      exchange
          .getResponseHeaders()
          .set("Location", params.with("token", null).url(exchange.getRequestURI().getRawPath()));
      exchange.sendResponseHeaders(303, -1);
      return false;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.startsWith("Bearer ") && matches(header.substring(7).trim()))
      return true;
    String cookies = exchange.getRequestHeaders().getFirst("Cookie");
    if (cookies != null) {
      for (String entry : cookies.split(";")) {
        String[] pair = entry.trim().split("=", 2);
        if (pair.length == 2
            && pair[0].equals(cookie)
            && matches(Params.parse("x=" + pair[1]).get("x"))) {
          return true;
        }
      }
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"inspector\"");
    error(
        exchange,
        401,
        "Token required",
        "this inspector requires its token: open the address it printed when it started "
            + "(it ends with ?token=...), or send Authorization: Bearer <token>");
    return false;
  }

  private boolean matches(String offered) {
    return offered != null
        && MessageDigest.isEqual(
            offered.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  // ---- actions -------------------------------------------------------------------------------

  private void action(HttpExchange exchange, String name) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      json(exchange, 405, "actions are POST requests");
      return;
    }
    if (!actions) {
      json(
          exchange,
          403,
          "actions are disabled: the inspector is read-only unless started with "
              + "Inspector.of(db).allowActions(true)");
      return;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (origin != null
        && !origin.equals("null")
        && (host == null || !origin.equals("http://" + host))) {
      json(exchange, 403, "cross-origin action refused (Origin " + origin + ")");
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(16 * 1024);
    }
    Params form = Params.parse(new String(body, StandardCharsets.UTF_8));
    String offered = form.get("csrf");
    if (offered == null
        || !MessageDigest.isEqual(
            offered.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
      json(exchange, 403, "the form token is missing or stale: reload the page and try again");
      return;
    }
    String notice;
    String back;
    switch (name) {
      case "retry":
        String event = form.get("event");
        UUID eventId;
        try {
          eventId = event == null ? null : UUID.fromString(event);
        } catch (IllegalArgumentException e) {
          throw new Params.BadRequestException("event must be an event id, got '" + event + "'");
        }
        int retried = inspection.retryRejected(eventId);
        notice =
            retried
                + (retried == 1 ? " rejected event is" : " rejected events are")
                + " back in the outbox";
        back = "/outbox";
        break;
      case "rebuild":
        String collection = form.get("collection");
        if (collection == null) throw new Params.BadRequestException("rebuild needs a collection");
        RebuildProgress progress = inspection.rebuild(collection);
        notice =
            "rebuilt "
                + collection
                + ": "
                + progress.foldedEvents()
                + " events folded into "
                + progress.rows()
                + " rows";
        back = Views.collectionUrl(collection);
        break;
      default:
        json(exchange, 404, "no action " + name);
        return;
    }
    actionsDone.incrementAndGet();
    LOG.log(Level.INFO, "inspector action: {0}", notice);
    exchange
        .getResponseHeaders()
        .set("Location", Params.parse("").with("notice", notice).url(back));
    exchange.sendResponseHeaders(303, -1);
  }

  // ---- live updates --------------------------------------------------------------------------

  /**
   * Server-sent events: a message whenever what the pages show may have changed (the log grew, an
   * event changed status, sync moved, a live query updated, an action ran). The page then fetches
   * its live part again.
   */
  private void stream(HttpExchange exchange) throws IOException {
    if (!streams.tryAcquire()) {
      error(
          exchange,
          503,
          "Too many live pages",
          "close some inspector tabs; at most " + MAX_STREAMS + " update live");
      return;
    }
    try {
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String last = fingerprint();
      long lastWrite = System.currentTimeMillis();
      while (!closed && !inspection.isClosed()) {
        Thread.sleep(STREAM_CHECK_MILLIS);
        String now = fingerprint();
        long time = System.currentTimeMillis();
        if (!now.equals(last)) {
          out.write(("data: " + now + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          last = now;
          lastWrite = time;
        } else if (time - lastWrite > STREAM_PING_MILLIS) {
          out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          lastWrite = time;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (DatabaseClosedException e) {
      // The page shows it on its next load.
    } finally {
      streams.release();
    }
  }

  /**
   * A short text that changes whenever a page's content may have. Cheap, as it runs a few times a
   * second per open page: the newest local sequence number, and the counts sync keeps anyway (the
   * outbox is counted only for a database without sync; nothing is rejected there).
   */
  private String fingerprint() {
    StringBuilder print = new StringBuilder();
    print.append(inspection.lastLocalSeq()).append('.').append(actionsDone.get());
    SyncState sync = inspection.syncState();
    if (sync == null) {
      print.append('.').append(inspection.pendingCount());
    } else {
      print.append('.').append(sync.pending()).append('.').append(sync.rejected());
      print.append('.').append(sync.status().ordinal()).append('.').append(sync.cursor());
      print.append('.').append(sync.behind());
    }
    int live = 0;
    for (LiveQueryInfo query : inspection.liveQueries()) {
      live = 31 * live + query.subscribers();
      live = 31 * live + (query.lastUpdate() == null ? 0 : query.lastUpdate().hashCode());
      live = 31 * live + query.rows();
    }
    print.append('.').append(Integer.toHexString(live));
    return print.toString();
  }

  // ---- responses -----------------------------------------------------------------------------

  private static final Map<String, String> STATIC_TYPES =
      Map.of(
          "inspector.css",
          "text/css; charset=utf-8",
          "inspector.js",
          "text/javascript; charset=utf-8");

  private static void serveStatic(HttpExchange exchange, String name) throws IOException {
    String type = STATIC_TYPES.get(name);
    InputStream resource = type == null ? null : InspectorHttp.class.getResourceAsStream(name);
    if (resource == null) {
      error(exchange, 404, "Not found", "no static file " + name);
      return;
    }
    byte[] bytes;
    try (resource) {
      bytes = resource.readAllBytes();
    }
    exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
    send(exchange, 200, type, bytes);
  }

  private static void methodNotAllowed(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    error(exchange, 405, "Method not allowed", "the inspector's pages are read with GET");
  }

  private static void error(HttpExchange exchange, int status, String title, String message)
      throws IOException {
    send(exchange, status, "text/html; charset=utf-8", Layout.error(title, message));
  }

  private static void json(HttpExchange exchange, int status, String message) throws IOException {
    StringBuilder escaped = new StringBuilder();
    for (char c : message.toCharArray()) {
      if (c == '"' || c == '\\') escaped.append('\\').append(c);
      else if (c < 0x20 || c == '<' || c == '>' || c == '&')
        escaped.append(String.format("\\u%04x", (int) c));
      else escaped.append(c);
    }
    send(exchange, status, "application/json", "{\"error\":\"" + escaped + "\"}");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
