package dev.eventsourced.devtools.inspector;

import dev.eventsourced.db.internal.inspect.Inspection;
import dev.eventsourced.db.internal.inspect.Inspection.CollectionSummary;
import dev.eventsourced.devtools.inspector.Views.View;
import java.nio.file.Path;

/** The page around a view: head, navigation, notice, the live part, footer. */
final class Layout {

  private Layout() {}

  static String page(View view, Inspection inspection, boolean actions, String notice) {
    Html h = new Html();
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.raw("<title>").text(view.title()).raw(" \u00b7 EventSourced DB inspector</title>");
    h.raw("<link rel=\"stylesheet\" href=\"/static/inspector.css\">");
    h.raw("<script src=\"/static/inspector.js\" defer></script></head>");
    h.raw("<body").attr("data-live", view.live()).raw(">");
    h.raw("<header><div class=\"brand\">EventSourced DB <span>inspector</span></div>");
    Path path = inspection.path();
    h.raw("<div class=\"db\"><span title=\"database file\">")
        .text(path == null ? "in-memory database" : path.toString())
        .raw("</span> <span class=\"client\" title=\"client id\">client ")
        .text(inspection.clientId())
        .raw("</span></div>");
    h.raw("<div class=\"mode\">")
        .raw(
            actions
                ? "<span class=\"actions-on\">actions enabled</span>"
                : "<span>read-only</span>");
    if (view.live()) h.raw(" <span id=\"live-status\" class=\"live-off\">static</span>");
    h.raw("</div></header>");
    h.raw("<nav class=\"main\">");
    nav(h, view, "overview", "/", "Overview");
    for (CollectionSummary collection : inspection.collections()) {
      nav(
          h,
          view,
          "collection:" + collection.id(),
          Views.collectionUrl(collection.id()),
          collection.id());
    }
    nav(h, view, "events", "/events", "Event log");
    nav(h, view, "outbox", "/outbox", "Outbox & rejected");
    nav(h, view, "live", "/live", "Live queries");
    nav(h, view, "sync", "/sync", "Sync");
    nav(h, view, "verify", "/verify", "verify()");
    h.raw("</nav><main><h1>").text(view.title()).raw("</h1>");
    if (notice != null) h.raw("<p class=\"notice\" id=\"notice\">").text(notice).raw("</p>");
    h.raw(view.controls());
    h.raw("<div id=\"live\">").raw(view.body()).raw("</div></main>");
    h.raw("<footer>Served by the database's process; ")
        .raw(view.live() ? "this page updates as the app writes." : "reload to refresh.")
        .raw("</footer></body></html>");
    return h.toString();
  }

  private static void nav(Html h, View view, String id, String href, String label) {
    h.raw("<a").attr("href", href);
    if (id.equals(view.nav())) h.raw(" class=\"current\" aria-current=\"page\"");
    h.raw(">").text(label).raw("</a>");
  }

  static String error(String title, String message) {
    Html h = new Html();
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .text(title)
        .raw(" \u00b7 EventSourced DB inspector</title>")
        .raw("<link rel=\"stylesheet\" href=\"/static/inspector.css\"></head><body>")
        .raw("<header><div class=\"brand\">EventSourced DB <span>inspector</span></div></header>")
        .raw("<main><h1>")
        .text(title)
        .raw("</h1><p class=\"error\" id=\"error\">")
        .text(message)
        .raw("</p><p><a href=\"/\">Overview</a></p></main></body></html>");
    return h.toString();
  }
}
