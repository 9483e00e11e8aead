package dev.eventsourced.server;

import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.SyncEvent;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /inspector}: a read-only HTML page of the server's own log, newest first, filtered by
 * collection, key, type and client; with the head sequence number and the waiting long-polls. It
 * needs the same bearer token as push and pull when the server authenticates, shows only the
 * collections that token may pull, and takes the token once from {@code ?token=} (then from an
 * HTTP-only cookie) so that a browser can open it. Rendered on the server, no script; {@code
 * ?refresh=5} reloads it every 5 seconds.
 */
final class InspectorPage {

  static final String COOKIE = "eventsourced_server_inspector";
  private static final int PAGE = 100;
  private static final int WINDOW = 500;
  private static final int MAX_SCANNED = 20_000;
  private static final int SHOWN_PAYLOAD = 240;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private InspectorPage() {}

  /**
   * @param authenticator checks the token, or {@code null} when the server lets everyone in
   */
  static void serve(Context ctx, SyncService service, Authenticator authenticator) {
    Map<String, String> params = parse(ctx.req().getQueryString());
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    Access access = Access.ALL;
    if (authenticator != null) {
      String offered = params.get("token");
      if (offered != null) {
        ctx.header(
            "Set-Cookie",
            COOKIE
                + "="
                + encode(offered)
                + "; Path="
                + SyncServer.INSPECTOR_PATH
                + "; HttpOnly; SameSite=Strict");
        params.remove("token");
        ctx.redirect(url(params), io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      Authenticator.Result result = authenticator.authenticate(withCookieToken(ctx));
      if (!result.allowed()) {
        ctx.status(401);
        ctx.header("WWW-Authenticate", "Bearer realm=\"inspector\"");
        html(
            ctx,
            page(
                "Token required",
                "<p>This server requires a bearer token: open "
                    + SyncServer.INSPECTOR_PATH
                    + "?token=&lt;your token&gt; once, or send Authorization: Bearer.</p>",
                null));
        return;
      }
      access = result.access();
    }
    String collection = params.get("collection");
    String key = params.get("key");
    String type = params.get("type");
    String client = params.get("client");
    EventType eventType = null;
    if (type != null) {
      eventType = EventType.findByWireName(type.toLowerCase(Locale.ROOT)).orElse(null);
      if (eventType == null) {
        ctx.status(400);
        html(ctx, page("Bad request", "<p>type must be insert, update or delete</p>", null));
        return;
      }
    }
    EventStore store = service.store();
    long head = store.lastSeq();
    long before;
    try {
      before = params.containsKey("before") ? Long.parseLong(params.get("before")) : head + 1;
    } catch (NumberFormatException e) {
      ctx.status(400);
      html(ctx, page("Bad request", "<p>before must be a number</p>", null));
      return;
    }
    // Newest first: read windows backwards from `before` until a page is full.
    List<SyncEvent> shown = new ArrayList<>();
    long scannedFrom = before;
    Set<String> collections = collection == null ? Set.of() : Set.of(collection);
    while (shown.size() < PAGE && scannedFrom > 1 && before - scannedFrom < MAX_SCANNED) {
      long after = Math.max(0, scannedFrom - 1 - WINDOW);
      List<SyncEvent> window = new ArrayList<>();
      long cursor = after;
      while (true) {
        List<SyncEvent> read = store.read(cursor, WINDOW, collections);
        boolean done = read.isEmpty();
        for (SyncEvent event : read) {
          if (event.globalSeq() >= scannedFrom) {
            done = true;
            break;
          }
          window.add(event);
          cursor = event.globalSeq();
        }
        if (done || read.size() < WINDOW) break;
      }
      for (int i = window.size() - 1; i >= 0 && shown.size() < PAGE; i--) {
        SyncEvent event = window.get(i);
        if (!access.mayPull(event.collectionId())) continue;
        if (key != null && !key.equals(event.key())) continue;
        if (eventType != null && event.type() != eventType) continue;
        if (client != null && !client.equals(event.clientId())) continue;
        shown.add(event);
        if (shown.size() == PAGE) scannedFrom = event.globalSeq();
      }
      if (shown.size() < PAGE) scannedFrom = after + 1;
    }
    StringBuilder body = new StringBuilder();
    body.append("<table class=\"facts\"><tr><th>Store</th><td>")
        .append(escape(store.describe()))
        .append("</td></tr><tr><th>Head (last global seq)</th><td id=\"head\">")
        .append(head)
        .append("</td></tr><tr><th>Waiting long-polls</th><td>")
        .append(service.waitingPulls())
        .append("</td></tr></table>");
    body.append("<form method=\"get\" action=\"").append(SyncServer.INSPECTOR_PATH).append("\">");
    input(body, "collection", "Collection", collection);
    input(body, "key", "Key", key);
    body.append("<label>Type <select name=\"type\"><option value=\"\">any</option>");
    for (String option : List.of("insert", "update", "delete")) {
      body.append("<option value=\"")
          .append(option)
          .append('"')
          .append(option.equals(type) ? " selected" : "")
          .append('>')
          .append(option)
          .append("</option>");
    }
    body.append("</select></label>");
    input(body, "client", "Client", client);
    body.append("<button type=\"submit\">Filter</button></form>");
    body.append(
            "<table id=\"events\"><thead><tr><th>Global seq</th><th>Time</th><th>Collection</th><th>Key</th>")
        .append("<th>Type</th><th>Client</th><th>Schema</th><th>Payload</th></tr></thead><tbody>");
    for (SyncEvent event : shown) {
      String payload =
          event.payload() + (event.fields().isEmpty() ? "" : "  fields " + event.fields());
      body.append("<tr><td class=\"num\">")
          .append(event.globalSeq())
          .append("</td><td>")
          .append(TIME.format(Instant.ofEpochMilli(event.timestamp())))
          .append("</td><td>")
          .append(escape(event.collectionId()))
          .append("</td><td>")
          .append(escape(event.key()))
          .append("</td><td>")
          .append(event.type().wireName())
          .append("</td><td>")
          .append(escape(event.clientId() == null ? "" : event.clientId()))
          .append("</td><td>")
          .append(event.schemaVersion() == null ? "" : event.schemaVersion())
          .append("</td><td><code>")
          .append(
              escape(
                  payload.length() > SHOWN_PAYLOAD
                      ? payload.substring(0, SHOWN_PAYLOAD) + "\u2026"
                      : payload))
          .append("</code></td></tr>");
    }
    body.append("</tbody></table>");
    if (scannedFrom > 1) {
      Map<String, String> older = new LinkedHashMap<>(params);
      older.put("before", Long.toString(scannedFrom));
      body.append("<p><a href=\"").append(escape(url(older))).append("\">Older \u2192</a></p>");
    }
    String refresh = params.get("refresh");
    Integer seconds = null;
    if (refresh != null) {
      try {
        seconds = Math.max(1, Math.min(3600, Integer.parseInt(refresh)));
      } catch (NumberFormatException e) {
        seconds = null;
      }
    }
    Map<String, String> toggled = new LinkedHashMap<>(params);
    if (seconds == null) toggled.put("refresh", "5");
    else toggled.remove("refresh");
    body.append("<p><a href=\"")
        .append(escape(url(toggled)))
        .append("\">")
        .append(seconds == null ? "Refresh every 5 s" : "Stop refreshing")
        .append("</a></p>");
    ctx.status(200);
    html(ctx, page("Server log", body.toString(), seconds));
  }

  private static void input(StringBuilder body, String name, String label, String value) {
    body.append("<label>")
        .append(label)
        .append(" <input type=\"text\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(escape(value == null ? "" : value))
        .append("\"></label>");
  }

  /** The request, with the cookie's token as a bearer header when it carries none. */
  private static SyncHttpRequest withCookieToken(Context ctx) {
    SyncHttpRequest request = SyncServer.request(ctx);
    String cookie = ctx.cookie(COOKIE);
    if (request.header("Authorization") != null || cookie == null) return request;
    String token = URLDecoder.decode(cookie, StandardCharsets.UTF_8);
    return new SyncHttpRequest() {
      @Override
      public String method() {
        return request.method();
      }

      @Override
      public String path() {
        return request.path();
      }

      @Override
      public String header(String name) {
        return name.equalsIgnoreCase("Authorization") ? "Bearer " + token : request.header(name);
      }

      @Override
      public String rawQuery() {
        return request.rawQuery();
      }

      @Override
      public InputStream body() throws IOException {
        return request.body();
      }
    };
  }

  private static String page(String title, String body, Integer refreshSeconds) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + (refreshSeconds == null
            ? ""
            : "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">")
        + "<title>"
        + escape(title)
        + " \u00b7 EventSourced sync server</title><style>"
        + "body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1d232b;background:#f6f8fa}"
        + "header{padding:.7rem 1.2rem;background:#0d1b2a;color:#e6edf3;font-weight:700}"
        + "header span{font-weight:400;color:#8fb3ff}main{padding:1rem 1.2rem}"
        + "table{border-collapse:collapse;background:#fff;border:1px solid #d8dee5;margin:.6rem 0}"
        + "th,td{padding:.3rem .6rem;border-bottom:1px solid #d8dee5;text-align:left;vertical-align:top}"
        + "thead th{background:#eef2f6}td.num{text-align:right}code{font-size:12px;word-break:break-all}"
        + "form{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end}label{display:flex;flex-direction:column;font-size:12px;color:#5d6b7a}"
        + "input,select,button{font:inherit;padding:.25rem .45rem}"
        + "</style></head><body><header>EventSourced sync server <span>inspector</span></header><main><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  private static void html(Context ctx, String html) {
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(html.getBytes(StandardCharsets.UTF_8));
  }

  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 16);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null) return params;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      try {
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (!value.isEmpty())
          params.putIfAbsent(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), value);
      } catch (IllegalArgumentException e) {
        // a malformed parameter is ignored
      }
    }
    return params;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String url(Map<String, String> params) {
    StringBuilder url = new StringBuilder(SyncServer.INSPECTOR_PATH);
    char separator = '?';
    for (Map.Entry<String, String> entry : params.entrySet()) {
      url.append(separator)
          .append(encode(entry.getKey()))
          .append('=')
          .append(encode(entry.getValue()));
      separator = '&';
    }
    return url.toString();
  }
}
