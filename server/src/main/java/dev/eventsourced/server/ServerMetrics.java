package dev.eventsourced.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's counters, written by hand in the Prometheus text exposition format (version 0.0.4)
 * for {@code GET /metrics}. A dozen counters, two gauges and a few histograms need no metrics
 * library: {@link LongAdder}s are as cheap to update as Micrometer's, and the format is a few lines
 * of text.
 */
final class ServerMetrics {

  /** {@code Content-Type} of the exposition. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Upper bounds (seconds) of the latency histograms' buckets. */
  private static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  final LongAdder pushes = new LongAdder();
  final LongAdder pushEvents = new LongAdder();
  final LongAdder pushBytes = new LongAdder();
  final LongAdder pulls = new LongAdder();
  final LongAdder pullEvents = new LongAdder();
  final LongAdder pullBytes = new LongAdder();
  final Histogram appendSeconds = new Histogram();
  final Histogram readSeconds = new Histogram();
  final LongAdder storeErrors = new LongAdder();
  private final Map<String, Histogram> requestSeconds = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongSupplier waitingPulls;
  private final LongSupplier lastSeq;

  ServerMetrics(LongSupplier waitingPulls, LongSupplier lastSeq) {
    this.waitingPulls = waitingPulls;
    this.lastSeq = lastSeq;
  }

  /**
   * One answered HTTP request. {@code route} is a fixed name ("events", "health", "metrics",
   * "other"), so the label values stay few whatever paths clients send.
   */
  void request(String method, String route, int status, long nanos) {
    String key = "method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"";
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    requestSeconds.computeIfAbsent(route, k -> new Histogram()).record(nanos);
  }

  /** The exposition text. */
  String scrape() {
    StringBuilder out = new StringBuilder(4096);
    counter(out, "eventsourced_pushes_total", "Push requests answered 200.", pushes);
    counter(
        out, "eventsourced_push_events_total", "Events in push requests answered 200.", pushEvents);
    counter(
        out,
        "eventsourced_push_bytes_total",
        "Body bytes of push requests answered 200.",
        pushBytes);
    counter(out, "eventsourced_pulls_total", "Pull requests answered 200.", pulls);
    counter(out, "eventsourced_pull_events_total", "Events sent in pull pages.", pullEvents);
    counter(out, "eventsourced_pull_bytes_total", "Body bytes of pull pages.", pullBytes);
    gauge(
        out,
        "eventsourced_waiting_pulls",
        "Long-polls waiting for events now.",
        waitingPulls.getAsLong());
    gauge(
        out,
        "eventsourced_store_last_seq",
        "Last globalSeq in the event log (events stored).",
        lastSeq.getAsLong());
    counter(
        out,
        "eventsourced_store_errors_total",
        "Store appends and reads that failed.",
        storeErrors);
    histogram(
        out,
        "eventsourced_store_append_seconds",
        "Time to append one push (group commit included).",
        Map.of("", appendSeconds));
    histogram(
        out,
        "eventsourced_store_read_seconds",
        "Time to read one pull page.",
        Map.of("", readSeconds));
    out.append(
        "# HELP eventsourced_http_requests_total HTTP requests answered, by method, route and status.\n");
    out.append("# TYPE eventsourced_http_requests_total counter\n");
    for (Map.Entry<String, LongAdder> entry : new TreeMap<>(requests).entrySet()) {
      out.append("eventsourced_http_requests_total{")
          .append(entry.getKey())
          .append("} ")
          .append(entry.getValue().sum())
          .append('\n');
    }
    Map<String, Histogram> byRoute = new TreeMap<>();
    requestSeconds.forEach((route, histogram) -> byRoute.put("route=\"" + route + "\"", histogram));
    histogram(
        out,
        "eventsourced_http_request_duration_seconds",
        "Time from request headers to the end of the response.",
        byRoute);
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, LongAdder value) {
    header(out, name, help, "counter");
    out.append(name).append(' ').append(value.sum()).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    header(out, name, help, "gauge");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void histogram(
      StringBuilder out, String name, String help, Map<String, Histogram> series) {
    header(out, name, help, "histogram");
    for (Map.Entry<String, Histogram> entry : series.entrySet()) {
      String labels = entry.getKey();
      String prefix = labels.isEmpty() ? "" : labels + ",";
      Histogram histogram = entry.getValue();
      long cumulative = 0;
      for (int i = 0; i <= BUCKETS.length; i++) {
        cumulative += histogram.counts[i].sum();
        String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
        out.append(name)
            .append("_bucket{")
            .append(prefix)
            .append("le=\"")
            .append(le)
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      String braces = labels.isEmpty() ? "" : "{" + labels + "}";
      out.append(name)
          .append("_sum")
          .append(braces)
          .append(' ')
          .append(number(histogram.sumSeconds.sum()))
          .append('\n');
      out.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
    }
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  /** Latencies in fixed buckets. */
  static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    final DoubleAdder sumSeconds = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void record(long nanos) {
      double seconds = nanos / 1e9;
      int bucket = 0;
      while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
        bucket++;
      }
      counts[bucket].increment();
      sumSeconds.add(seconds);
    }
  }
}
