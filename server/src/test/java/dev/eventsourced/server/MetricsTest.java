package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.Jwts;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics}: the Prometheus text format, parsed here line by line, and the counters it
 * shows moving with traffic. The counters do not depend on the store, so SQLite only.
 */
class MetricsTest {

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.eE+-]+|\\+Inf|NaN)");

  @TempDir Path tempDir;

  private SyncServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(SyncServer.Builder settings) {
    server =
        settings
            .store(EventStore.sqlite(tempDir.resolve("events.db")))
            .host("127.0.0.1")
            .port(0)
            .start();
  }

  private Http.Response scrape(String token) {
    return new Http(URI.create(server.baseUri() + SyncServer.METRICS_PATH), token).pull("");
  }

  /** Every sample, by name with its labels as written; fails on any line that is not valid. */
  private static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(parts).hasSize(4);
        assertThat(parts[3]).isIn("counter", "gauge", "histogram");
        types.put(parts[2], parts[3]);
        continue;
      }
      if (line.startsWith("# HELP ")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as("sample line: %s", line).isTrue();
      String name = sample.group(1);
      String family = name.replaceAll("_(bucket|sum|count)$", "");
      assertThat(types)
          .as("TYPE before %s", name)
          .containsAnyOf(
              Map.entry(name, types.getOrDefault(name, "")),
              Map.entry(family, types.getOrDefault(family, "")));
      String labels = sample.group(2) == null ? "" : sample.group(2);
      samples.put(
          name + labels,
          sample.group(3).equals("+Inf")
              ? Double.POSITIVE_INFINITY
              : Double.parseDouble(sample.group(3)));
    }
    return samples;
  }

  @Test
  void scrape_afterTraffic_showsCountersMoved() throws Exception {
    start(SyncServer.builder());
    Http http = new Http(server.eventsUri());
    Map<String, Double> before = parse(scrape(null).text());

    http.push(Events.json(Events.inserts("todos", "t", 3)));
    http.push(Events.json(Events.inserts("todos", "u", 2)));
    http.push("[{]"); // 400
    Http.Response page = http.pull("since=0");
    http.get(URI.create(server.baseUri() + "/nowhere")); // 404
    CompletableFuture<Http.Response> waiting =
        CompletableFuture.supplyAsync(() -> http.pull("since=5&wait=10&collection=later"));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (server.service().waitingPulls() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Http.Response scraped = scrape(null);
    Map<String, Double> after = parse(scraped.text());

    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.http().headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(before.get("eventsourced_pushes_total")).isEqualTo(0.0);
    assertThat(after.get("eventsourced_pushes_total")).isEqualTo(2.0);
    assertThat(after.get("eventsourced_push_events_total")).isEqualTo(5.0);
    assertThat(after.get("eventsourced_push_bytes_total")).isGreaterThan(500.0);
    assertThat(after.get("eventsourced_pulls_total")).isEqualTo(1.0);
    assertThat(after.get("eventsourced_pull_events_total")).isEqualTo(5.0);
    assertThat(after.get("eventsourced_pull_bytes_total")).isEqualTo((double) page.raw().length);
    assertThat(after.get("eventsourced_store_last_seq")).isEqualTo(5.0);
    assertThat(after.get("eventsourced_waiting_pulls")).isEqualTo(1.0);
    assertThat(after.get("eventsourced_store_append_seconds_count")).isEqualTo(2.0);
    assertThat(after.get("eventsourced_store_append_seconds_bucket{le=\"+Inf\"}")).isEqualTo(2.0);
    assertThat(after.get("eventsourced_store_append_seconds_sum")).isGreaterThan(0.0);
    assertThat(after.get("eventsourced_store_read_seconds_count")).isGreaterThanOrEqualTo(2.0);
    assertThat(after)
        .containsEntry(
            "eventsourced_http_requests_total{method=\"POST\",route=\"events\",status=\"200\"}",
            2.0)
        .containsEntry(
            "eventsourced_http_requests_total{method=\"POST\",route=\"events\",status=\"400\"}",
            1.0)
        .containsEntry(
            "eventsourced_http_requests_total{method=\"GET\",route=\"events\",status=\"200\"}", 1.0)
        .containsEntry(
            "eventsourced_http_requests_total{method=\"GET\",route=\"other\",status=\"404\"}", 1.0);
    assertThat(after.get("eventsourced_http_request_duration_seconds_count{route=\"events\"}"))
        .isEqualTo(4.0);

    http.push(Events.json(Events.inserts("later", "l", 1)));
    assertThat(waiting.get().json().get("events")).hasSize(1);
    Map<String, Double> last = parse(scrape(null).text());
    assertThat(last.get("eventsourced_waiting_pulls")).isEqualTo(0.0);
    assertThat(last.get("eventsourced_pulls_total")).isEqualTo(2.0);
  }

  @Test
  void metricsToken_needsAValidBearerToken() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret")).metricsAuthenticated(true));

    assertThat(scrape(null).status()).isEqualTo(401);
    assertThat(scrape("wrong").status()).isEqualTo(401);
    assertThat(scrape("s3cret").status()).isEqualTo(200);
  }

  @Test
  void metricsByDefault_areOpenEvenWithTokens_andOffWhenDisabled() {
    start(SyncServer.builder().jwt(JwtOptions.none().withHs256Secret(Jwts.SECRET)));
    assertThat(scrape(null).status()).isEqualTo(200);
    server.close();

    start(SyncServer.builder().metrics(false));
    assertThat(scrape(null).status()).isEqualTo(404);
  }
}
