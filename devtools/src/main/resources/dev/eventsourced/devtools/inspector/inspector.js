// EventSourced DB inspector: live updates. The pages are complete without this script; with it, a
// page whose body has data-live="true" listens to /stream (server-sent events) and, whenever the
// database changed, fetches its own address again with fragment=1 and replaces <div id="live">.
(function () {
  "use strict";
  var live = document.getElementById("live");
  var status = document.getElementById("live-status");
  if (!live || document.body.getAttribute("data-live") !== "true" || !window.EventSource) return;

  var loading = false;
  var again = false;
  var last = 0;
  var timer = null;
  var MIN_INTERVAL = 1000; // a busy writer does not make the page flicker

  function show(text, on) {
    if (!status) return;
    status.textContent = text;
    status.className = on ? "live-on" : "live-off";
  }

  function refresh() {
    if (loading) { again = true; return; }
    var wait = last + MIN_INTERVAL - Date.now();
    if (wait > 0) {
      if (!timer) timer = setTimeout(function () { timer = null; refresh(); }, wait);
      return;
    }
    loading = true;
    last = Date.now();
    var url = new URL(window.location.href);
    url.searchParams.set("fragment", "1");
    fetch(url.toString(), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        // The server escaped every value; this is its own markup.
        if (html !== live.innerHTML) live.innerHTML = html;
        live.setAttribute("data-updated", String(Date.now()));
        show("live", true);
      })
      .catch(function () { show("reconnecting", false); })
      .then(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }

  var stream = new EventSource("/stream");
  stream.onopen = function () { show("live", true); };
  stream.onmessage = refresh;
  stream.onerror = function () { show("reconnecting", false); };
})();
