package dev.eventsourced.devtools.inspector;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.event.Verification;
import dev.eventsourced.db.internal.inspect.Inspection;
import dev.eventsourced.db.internal.inspect.Inspection.CollectionSummary;
import dev.eventsourced.db.internal.inspect.Inspection.EventQuery;
import dev.eventsourced.db.internal.inspect.Inspection.HistoryEntry;
import dev.eventsourced.db.internal.inspect.Inspection.LiveQueryInfo;
import dev.eventsourced.db.internal.inspect.Inspection.Round;
import dev.eventsourced.db.internal.inspect.Inspection.RowPage;
import dev.eventsourced.db.internal.inspect.Inspection.RowQuery;
import dev.eventsourced.db.internal.inspect.Inspection.RowView;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.protocol.EventType;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The inspector's views, rendered on the server: each returns the part of its page that live
 * updates replace ({@code <div id="live">}'s content); {@link InspectorHttp} wraps it in the
 * layout.
 */
final class Views {

  /**
   * A rendered view: its title, the navigation entry it belongs to, whether it updates live, its
   * controls (forms, never replaced while the user types) and its body (what live updates replace).
   */
  record View(String title, String nav, boolean live, String controls, String body) {}

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;
  private static final int SHOWN_TEXT = 240;

  private final Inspection inspection;
  private final boolean actions;
  private final String csrf;

  Views(Inspection inspection, boolean actions, String csrf) {
    this.inspection = inspection;
    this.actions = actions;
    this.csrf = csrf;
  }

  // ---- overview ------------------------------------------------------------------------------

  View overview() {
    Html h = new Html();
    List<CollectionSummary> collections = inspection.collections();
    SyncState sync = inspection.syncState();
    h.raw("<section class=\"cards\">");
    card(h, "Events", inspection.eventCount(), "/events");
    card(h, "Pending (outbox)", inspection.pendingCount(), "/outbox");
    card(h, "Rejected", inspection.rejectedCount(), "/outbox");
    card(h, "Live queries", inspection.liveQueries().size(), "/live");
    card(h, "Sync", sync == null ? "no transport" : sync.status().name(), "/sync");
    h.raw("</section>");
    h.raw("<h2>Collections</h2><table id=\"collections\"><thead><tr>")
        .raw("<th>Collection</th><th>Record</th><th>Columns</th><th>Rows</th><th>Syncs</th>")
        .raw("<th>Log</th></tr></thead><tbody>");
    for (CollectionSummary collection : collections) {
      CollectionDefinition<?, ?> definition = collection.definition();
      h.raw("<tr><td>").link(collectionUrl(collection.id()), collection.id()).raw("</td>");
      h.cell(definition.recordType().getName());
      h.cell(definition.columns().size());
      h.raw("<td class=\"num\">").text(collection.rows()).raw("</td>");
      h.cell(definition.synced() ? "yes" : "local only");
      h.raw("<td>")
          .link(Params.parse("").with("collection", collection.id()).url("/events"), "events")
          .raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    return new View("Overview", "overview", true, "", h.toString());
  }

  private static void card(Html h, String label, Object value, String href) {
    h.raw("<a class=\"card\"")
        .attr("href", href)
        .raw("><span class=\"label\">")
        .text(label)
        .raw("</span><span class=\"value\">")
        .text(value)
        .raw("</span></a>");
  }

  static String collectionUrl(String id) {
    return "/collections/" + Params.encode(id);
  }

  // ---- a collection's rows -------------------------------------------------------------------

  View collection(String id, Params params) {
    CollectionDefinition<?, ?> definition = inspection.collection(id);
    if (definition == null)
      throw new NotFoundException("this database has no collection '" + id + "'");
    int limit = pageSize(params);
    long page = Math.max(0, params.getLong("page", 0));
    String synced = params.get("synced");
    String origin = params.get("origin");
    String sort = params.get("sort");
    boolean descending = "desc".equals(params.get("dir"));
    RowPage rows =
        inspection.rows(
            new RowQuery(
                id,
                params.get("q"),
                synced == null ? null : "yes".equals(synced),
                origin == null ? null : origin(origin),
                sort,
                descending,
                page * limit,
                limit));
    String base = collectionUrl(id);
    Html c = new Html();
    Html h = c;
    h.raw("<form class=\"filters\" method=\"get\"").attr("action", base).raw(">");
    h.raw("<label>Contains <input type=\"search\" name=\"q\"")
        .attr("value", params.get("q") == null ? "" : params.get("q"))
        .raw("></label>");
    select(h, "synced", "SYNCED", synced, "yes", "no");
    select(h, "origin", "ORIGIN", origin, "local", "remote");
    if (sort != null) h.raw("<input type=\"hidden\" name=\"sort\"").attr("value", sort).raw(">");
    if (descending) h.raw("<input type=\"hidden\" name=\"dir\" value=\"desc\">");
    h.raw("<button type=\"submit\">Filter</button></form>");
    if (actions) {
      h.raw("<form class=\"action\" method=\"post\" action=\"/actions/rebuild\">");
      h.raw("<input type=\"hidden\" name=\"collection\"").attr("value", id).raw(">");
      csrfField(h);
      h.raw(
          "<button type=\"submit\" id=\"rebuild\">Rebuild collection from the log</button></form>");
    }
    h = new Html();
    long first = rows.total() == 0 ? 0 : page * limit + 1;
    long last = page * limit + rows.rows().size();
    h.raw("<p class=\"summary\" id=\"row-summary\">Rows ")
        .text(first)
        .raw("&ndash;")
        .text(last)
        .raw(" of ")
        .text(rows.total())
        .raw("</p>");
    h.raw("<table id=\"rows\" class=\"data\"><thead><tr>");
    List<ColumnInfo> columns = definition.columns();
    for (ColumnInfo column : columns) {
      sortHeader(h, base, params, column.component(), sort, descending, column.key());
    }
    sortHeader(h, base, params, "SYNCED", sort, descending, false);
    sortHeader(h, base, params, "ORIGIN", sort, descending, false);
    h.raw("</tr></thead><tbody>");
    for (RowView row : rows.rows()) {
      h.raw("<tr").attr("data-key", row.key()).raw(">");
      for (int i = 0; i < columns.size(); i++) {
        Object value = componentValue(definition, row.row(), i);
        if (columns.get(i).key()) {
          h.raw("<td>").link(historyUrl(id, row.key()), row.key()).raw("</td>");
        } else {
          value(h, value);
        }
      }
      h.raw("<td class=\"")
          .raw(row.synced() ? "ok" : "warn")
          .raw("\">")
          .text(row.synced() ? "true" : "false")
          .raw("</td>");
      h.cell(row.origin().wireName());
      h.raw("</tr>");
    }
    h.raw("</tbody></table>");
    pager(h, base, params, page, last < rows.total());
    return new View("Collection " + id, "collection:" + id, true, c.toString(), h.toString());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Record> Object componentValue(
      CollectionDefinition<?, ?> definition, Record row, int column) {
    return ((CollectionDefinition<T, ?>) definition).componentValue((T) row, column);
  }

  private static void sortHeader(
      Html h,
      String base,
      Params params,
      String name,
      String sort,
      boolean descending,
      boolean key) {
    boolean current = name.equals(sort) || (sort == null && key);
    boolean nextDescending = current && !descending;
    String href =
        params
            .with("sort", name)
            .with("dir", nextDescending ? "desc" : null)
            .with("page", null)
            .url(base);
    h.raw("<th>").link(href, name);
    if (current) h.raw(descending ? " &#9660;" : " &#9650;");
    h.raw("</th>");
  }

  private static void pager(Html h, String base, Params params, long page, boolean more) {
    h.raw("<nav class=\"pager\">");
    if (page > 0)
      h.link(params.with("page", page - 1 == 0 ? null : page - 1).url(base), "\u2190 Previous");
    if (more) h.raw(" ").link(params.with("page", page + 1).url(base), "Next \u2192");
    h.raw("</nav>");
  }

  private static int pageSize(Params params) {
    long size = params.getLong("size", DEFAULT_PAGE);
    return (int) Math.max(1, Math.min(MAX_PAGE, size));
  }

  private static void select(Html h, String name, String label, String current, String... options) {
    h.raw("<label>")
        .text(label)
        .raw(" <select")
        .attr("name", name)
        .raw("><option value=\"\">any</option>");
    for (String option : options) {
      h.raw("<option").attr("value", option);
      if (option.equals(current)) h.raw(" selected");
      h.raw(">").text(option).raw("</option>");
    }
    h.raw("</select></label>");
  }

  private static void value(Html h, Object value) {
    if (value == null) {
      h.raw("<td class=\"null\">null</td>");
      return;
    }
    String text = value instanceof byte[] ? hex((byte[]) value) : String.valueOf(value);
    if (text.length() > SHOWN_TEXT) {
      h.raw("<td")
          .attr("title", text)
          .raw(">")
          .text(text.substring(0, SHOWN_TEXT))
          .raw("&hellip;</td>");
    } else {
      h.cell(text);
    }
  }

  private static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes) + " (" + bytes.length + " bytes)";
  }

  // ---- the event log -------------------------------------------------------------------------

  View events(Params params) {
    int limit = pageSize(params);
    long before = params.getLong("before", Long.MAX_VALUE);
    String collection = params.get("collection");
    String key = params.get("key");
    String type = params.get("type");
    String origin = params.get("origin");
    String status = params.get("status");
    List<Event> events =
        inspection.events(
            new EventQuery(
                collection,
                key,
                type == null ? null : eventType(type),
                origin == null ? null : origin(origin),
                status == null ? null : status(status),
                before,
                limit));
    Html c = new Html();
    Html h = c;
    h.raw("<form class=\"filters\" method=\"get\" action=\"/events\">");
    h.raw("<label>Collection <select name=\"collection\"><option value=\"\">any</option>");
    for (CollectionSummary summary : inspection.collections()) {
      h.raw("<option").attr("value", summary.id());
      if (summary.id().equals(collection)) h.raw(" selected");
      h.raw(">").text(summary.id()).raw("</option>");
    }
    h.raw("</select></label>");
    h.raw("<label>Key <input type=\"text\" name=\"key\"")
        .attr("value", key == null ? "" : key)
        .raw("></label>");
    select(h, "type", "Type", type, "insert", "update", "delete");
    select(h, "origin", "Origin", origin, "local", "remote");
    select(h, "status", "Status", status, "pending", "synced", "rejected");
    h.raw("<button type=\"submit\">Filter</button></form>");
    h = new Html();
    h.raw("<p class=\"summary\">Newest first; ")
        .text(inspection.eventCount())
        .raw(" events in the log.</p>");
    eventTable(h, "events", events, true);
    if (events.size() == limit) {
      long oldest = events.get(events.size() - 1).localSeq();
      h.raw("<nav class=\"pager\">")
          .link(params.with("before", oldest).url("/events"), "Older \u2192")
          .raw("</nav>");
    }
    return new View("Event log", "events", true, c.toString(), h.toString());
  }

  private void eventTable(Html h, String id, List<Event> events, boolean withError) {
    h.raw("<table class=\"data\"")
        .attr("id", id)
        .raw("><thead><tr>")
        .raw("<th>Seq</th><th>Time</th><th>Collection</th><th>Key</th><th>Type</th>")
        .raw("<th>Origin</th><th>Status</th><th>Global seq</th><th>Payload</th>");
    if (withError) h.raw("<th>Reason</th>");
    h.raw("</tr></thead><tbody>");
    for (Event event : events) {
      h.raw("<tr").attr("data-seq", event.localSeq()).raw(">");
      h.raw("<td class=\"num\">").text(event.localSeq()).raw("</td>");
      h.cell(Html.time(Instant.ofEpochMilli(event.timestamp())));
      h.cell(event.collectionId());
      h.raw("<td>").link(historyUrl(event.collectionId(), event.key()), event.key()).raw("</td>");
      h.cell(event.type().wireName());
      h.cell(event.origin().wireName());
      h.raw("<td class=\"status-")
          .raw(event.syncStatus().wireName())
          .raw("\">")
          .text(event.syncStatus().wireName())
          .raw("</td>");
      h.raw("<td class=\"num\">").text(event.globalSeq()).raw("</td>");
      payload(h, event);
      if (withError) h.raw("<td class=\"wrap\">").text(event.error()).raw("</td>");
      h.raw("</tr>");
    }
    h.raw("</tbody></table>");
  }

  private static void payload(Html h, Event event) {
    String text = event.payload() == null ? "" : event.payload();
    if (!event.fields().isEmpty()) text += "  fields " + event.fields();
    h.raw("<td class=\"payload\"><code");
    if (text.length() > SHOWN_TEXT) {
      h.attr("title", text).raw(">").text(text.substring(0, SHOWN_TEXT)).raw("&hellip;");
    } else {
      h.raw(">").text(text);
    }
    h.raw("</code></td>");
  }

  static String historyUrl(String collection, String key) {
    return Params.parse("").with("collection", collection).with("key", key).url("/history");
  }

  // ---- a row's history -----------------------------------------------------------------------

  View history(Params params) {
    String collection = params.get("collection");
    String key = params.get("key");
    if (collection == null || key == null) {
      throw new Params.BadRequestException("a row's history needs ?collection=...&key=...");
    }
    CollectionDefinition<?, ?> definition = inspection.collection(collection);
    if (definition == null)
      throw new NotFoundException("this database has no collection '" + collection + "'");
    List<HistoryEntry> history = inspection.history(collection, key);
    Html h = new Html();
    h.raw("<p class=\"summary\">Every event that touched ")
        .link(collectionUrl(collection), collection)
        .raw(" key <code>")
        .text(key)
        .raw(
            "</code>, in fold order (server order, then pending local events), and the row after each.</p>");
    h.raw("<table id=\"history\" class=\"data\"><thead><tr><th>Seq</th><th>Global seq</th>")
        .raw("<th>Time</th><th>Type</th><th>Origin</th><th>Status</th><th>Payload</th>")
        .raw("<th>Row after</th></tr></thead><tbody>");
    List<ColumnInfo> columns = definition.columns();
    for (HistoryEntry entry : history) {
      Event event = entry.event();
      h.raw("<tr")
          .attr("data-seq", event.localSeq())
          .raw(entry.folded() ? ">" : " class=\"skipped\">");
      h.raw("<td class=\"num\">").text(event.localSeq()).raw("</td>");
      h.raw("<td class=\"num\">").text(event.globalSeq()).raw("</td>");
      h.cell(Html.time(Instant.ofEpochMilli(event.timestamp())));
      h.cell(event.type().wireName());
      h.cell(event.origin().wireName());
      h.raw("<td class=\"status-")
          .raw(event.syncStatus().wireName())
          .raw("\">")
          .text(event.syncStatus().wireName());
      if (event.error() != null) h.raw("<br><small>").text(event.error()).raw("</small>");
      h.raw("</td>");
      payload(h, event);
      h.raw("<td class=\"row-after\">");
      if (!entry.folded()) {
        h.raw("<em>").text(entry.note()).raw("</em>");
      } else if (entry.rowAfter() == null) {
        h.raw("<em>no row</em>");
      } else {
        h.raw("<dl>");
        for (int i = 0; i < columns.size(); i++) {
          Object value = componentValue(definition, entry.rowAfter(), i);
          h.element("dt", columns.get(i).component());
          String text =
              value == null
                  ? "null"
                  : value instanceof byte[] ? hex((byte[]) value) : String.valueOf(value);
          h.element(
              "dd", text.length() > SHOWN_TEXT ? text.substring(0, SHOWN_TEXT) + "\u2026" : text);
        }
        h.raw("</dl>");
      }
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    if (history.isEmpty()) h.raw("<p>No event touched this key.</p>");
    return new View("History of " + collection + " " + key, "events", true, "", h.toString());
  }

  // ---- outbox and rejected events ------------------------------------------------------------

  View outbox(Params params) {
    int limit = pageSize(params);
    List<Event> pending =
        inspection.events(
            new EventQuery(null, null, null, null, SyncStatus.PENDING, Long.MAX_VALUE, limit));
    List<Event> rejected =
        inspection.events(
            new EventQuery(null, null, null, null, SyncStatus.REJECTED, Long.MAX_VALUE, limit));
    Html h = new Html();
    long pendingCount = inspection.pendingCount();
    h.raw("<h2>Outbox</h2><p class=\"summary\">")
        .text(count(pendingCount, "pending event waits", "pending events wait"))
        .raw(" for the server's confirmation (newest first).</p>");
    eventTable(h, "outbox", pending, false);
    long rejectedCount = inspection.rejectedCount();
    h.raw("<h2>Rejected</h2><p class=\"summary\">")
        .text(count(rejectedCount, "local event was", "local events were"))
        .raw(" refused by the server; pulled events this version cannot read are listed too. ")
        .raw("They are kept with the reason and not folded.</p>");
    if (actions && !rejected.isEmpty()) {
      h.raw("<form class=\"action\" method=\"post\" action=\"/actions/retry\">");
      csrfField(h);
      h.raw(
          "<button type=\"submit\" id=\"retry-all\">Retry every rejected local event</button></form>");
    }
    eventTable(h, "rejected", rejected, true);
    if (actions) {
      for (Event event : rejected) {
        if (event.origin() != Origin.LOCAL || event.globalSeq() != null) continue;
        h.raw("<form class=\"action inline\" method=\"post\" action=\"/actions/retry\">");
        h.raw("<input type=\"hidden\" name=\"event\"").attr("value", event.eventId()).raw(">");
        csrfField(h);
        h.raw("<button type=\"submit\">Retry #").text(event.localSeq()).raw("</button></form>");
      }
    }
    return new View("Outbox and rejected events", "outbox", true, "", h.toString());
  }

  // ---- live queries --------------------------------------------------------------------------

  View live() {
    List<LiveQueryInfo> queries = inspection.liveQueries();
    Html h = new Html();
    h.raw("<p class=\"summary\">").text(queries.size()).raw(" live queries are open.</p>");
    h.raw("<table id=\"live-queries\" class=\"data\"><thead><tr><th>Query</th><th>Collections</th>")
        .raw("<th>Subscribers</th><th>Rows</th><th>Last update</th></tr></thead><tbody>");
    for (LiveQueryInfo query : queries) {
      h.raw("<tr><td class=\"wrap\"><code>").text(query.description()).raw("</code></td>");
      h.cell(String.join(", ", query.collections()));
      h.raw("<td class=\"num\">").text(query.subscribers()).raw("</td>");
      h.raw("<td class=\"num\">").text(query.rows()).raw("</td>");
      h.cell(Html.time(query.lastUpdate()));
      h.raw("</tr>");
    }
    h.raw("</tbody></table>");
    return new View("Live queries", "live", true, "", h.toString());
  }

  // ---- sync ----------------------------------------------------------------------------------

  View sync() {
    SyncState state = inspection.syncState();
    Html h = new Html();
    if (state == null) {
      h.raw("<p class=\"summary\">This database has no sync transport: it does not sync.</p>");
      return new View("Sync", "sync", true, "", h.toString());
    }
    h.raw("<table id=\"sync-state\" class=\"facts\"><tbody>");
    fact(h, "Status", state.status().name());
    fact(h, "Pending", state.pending());
    fact(h, "Rejected", state.rejected());
    fact(h, "Cursor", state.cursor());
    fact(h, "Behind the server", state.behind() < 0 ? "unknown" : state.behind());
    fact(
        h, "Last synced", state.lastSyncedAt() == null ? "never" : Html.time(state.lastSyncedAt()));
    fact(h, "Last error", state.lastError() == null ? "none" : state.lastError());
    fact(h, "Leads sync of its file", state.leader() ? "yes" : "no");
    h.raw("</tbody></table>");
    List<Round> rounds = inspection.syncRounds();
    h.raw("<h2>Recent rounds</h2><table id=\"rounds\" class=\"data\"><thead><tr><th>Ended</th>")
        .raw("<th>Took</th><th>Run by</th><th>Pushed</th><th>Pulled</th><th>Rejected</th>")
        .raw("<th>Pending after</th><th>Cursor</th><th>Error</th></tr></thead><tbody>");
    for (Round round : rounds) {
      h.raw("<tr").raw(round.error() == null ? ">" : " class=\"failed\">");
      h.cell(Html.time(round.ended()));
      h.cell(java.time.Duration.between(round.started(), round.ended()).toMillis() + " ms");
      h.cell(round.explicit() ? "db.sync()" : "automatic");
      h.raw("<td class=\"num\">").text(round.pushed()).raw("</td>");
      h.raw("<td class=\"num\">").text(round.pulled()).raw("</td>");
      h.raw("<td class=\"num\">").text(round.rejected()).raw("</td>");
      h.raw("<td class=\"num\">").text(round.pending() < 0 ? "" : round.pending()).raw("</td>");
      h.raw("<td class=\"num\">").text(round.cursor()).raw("</td>");
      h.raw("<td class=\"wrap\">").text(round.error()).raw("</td>");
      h.raw("</tr>");
    }
    h.raw("</tbody></table>");
    return new View("Sync", "sync", true, "", h.toString());
  }

  private static void fact(Html h, String name, Object value) {
    h.raw("<tr><th>").text(name).raw("</th><td>").text(value).raw("</td></tr>");
  }

  // ---- verify --------------------------------------------------------------------------------

  View verify(Params params) {
    Html c = new Html();
    Html h = c;
    h.raw(
            "<p class=\"summary\">verify() folds every collection's log and compares the result with ")
        .raw("its table, on one snapshot. It reads the whole log.</p>");
    h.raw(
            "<form method=\"get\" action=\"/verify\"><input type=\"hidden\" name=\"run\" value=\"1\">")
        .raw("<button type=\"submit\" id=\"run-verify\">Run verify()</button></form>");
    h = new Html();
    if (params.get("run") != null) {
      long start = System.nanoTime();
      Verification verification = inspection.verify();
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (verification.isHealthy()) {
        h.raw(
                "<p id=\"verify-result\" class=\"ok\">Healthy: every table equals the fold of its events (")
            .text(millis)
            .raw(" ms).</p>");
      } else {
        h.raw("<p id=\"verify-result\" class=\"warn\">")
            .text(verification.differences().size())
            .raw(" rows differ from the fold of their events (")
            .text(millis)
            .raw(" ms).</p>");
        h.raw("<table id=\"differences\" class=\"data\"><thead><tr><th>Collection</th><th>Key</th>")
            .raw("<th>Problem</th><th>Folded</th><th>Stored</th></tr></thead><tbody>");
        for (Verification.Difference difference : verification.differences()) {
          h.raw("<tr").attr("data-key", difference.key()).raw(">");
          h.cell(difference.collectionId());
          h.raw("<td>")
              .link(historyUrl(difference.collectionId(), difference.key()), difference.key())
              .raw("</td>");
          h.raw("<td class=\"wrap\">").text(difference.problem()).raw("</td>");
          h.raw("<td class=\"wrap\">").text(difference.folded()).raw("</td>");
          h.raw("<td class=\"wrap\">").text(difference.stored()).raw("</td>");
          h.raw("</tr>");
        }
        h.raw("</tbody></table>");
      }
    }
    return new View("verify()", "verify", false, c.toString(), h.toString());
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private void csrfField(Html h) {
    h.raw("<input type=\"hidden\" name=\"csrf\"").attr("value", csrf).raw(">");
  }

  private static Origin origin(String name) {
    try {
      return Origin.fromWireName(name);
    } catch (IllegalArgumentException e) {
      throw new Params.BadRequestException("origin must be local or remote, got '" + name + "'");
    }
  }

  private static SyncStatus status(String name) {
    try {
      return SyncStatus.fromWireName(name);
    } catch (IllegalArgumentException e) {
      throw new Params.BadRequestException(
          "status must be pending, synced or rejected, got '" + name + "'");
    }
  }

  private static EventType eventType(String name) {
    try {
      return EventType.fromWireName(name.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Params.BadRequestException(
          "type must be insert, update or delete, got '" + name + "'");
    }
  }

  /** A page for something that does not exist: a 404 with the message. */
  static final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message);
    }
  }
}
