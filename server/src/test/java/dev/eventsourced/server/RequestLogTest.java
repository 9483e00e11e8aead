package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.Jwts;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/** One structured SLF4J line per request, at INFO, with key-value pairs; off when switched off. */
class RequestLogTest {

  @TempDir Path tempDir;

  private SyncServer server;
  private final Recorder recorder = new Recorder();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(SyncServer.Builder settings) {
    server =
        settings
            .requestLogger(recorder)
            .store(EventStore.sqlite(tempDir.resolve("events.db")))
            .host("127.0.0.1")
            .port(0)
            .start();
  }

  @Test
  void everyRequest_isOneInfoLineWithMethodPathStatusDurationBytesAndClient() throws Exception {
    start(SyncServer.builder().jwt(JwtOptions.none().withHs256Secret(Jwts.SECRET)));
    Http http =
        new Http(server.eventsUri(), Jwts.hs256(Jwts.SECRET, Jwts.claims("[\"*\"]", "[\"*\"]")));
    var batch = Events.inserts("todos", "t", 2);
    batch.forEach(
        event ->
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("clientId", "laptop-7"));

    http.push(Events.json(batch));
    Http.Response pull = http.pull("since=0");
    new Http(server.eventsUri()).pull("since=0"); // 401
    http.get(URI.create(server.baseUri() + "/health"));
    awaitLines(4);

    assertThat(recorder.lines).hasSize(4);
    Map<String, Object> push = recorder.lines.get(0);
    assertThat(push)
        .containsEntry("level", Level.INFO)
        .containsEntry("message", "request")
        .containsEntry("method", "POST")
        .containsEntry("path", "/api/events")
        .containsEntry("status", 200)
        .containsEntry("events", 2)
        .containsEntry("subject", "user-1")
        .containsEntry("clientId", "laptop-7");
    assertThat((Long) push.get("bytesIn")).isGreaterThan(100);
    assertThat((Double) push.get("durationMs")).isGreaterThanOrEqualTo(0.0);
    assertThat(push).containsKeys("bytesOut", "remote");
    Map<String, Object> pulled = recorder.lines.get(1);
    assertThat(pulled)
        .containsEntry("method", "GET")
        .containsEntry("status", 200)
        .containsEntry("events", 2)
        .containsEntry("bytesOut", (long) pull.raw().length);
    assertThat(recorder.lines.get(2)).containsEntry("status", 401).doesNotContainKey("subject");
    assertThat(recorder.lines.get(3)).containsEntry("path", "/health").containsEntry("status", 200);
  }

  @Test
  void requestLogOff_writesNothing() throws Exception {
    start(SyncServer.builder().requestLog(false));
    new Http(server.eventsUri()).pull("since=0");
    Thread.sleep(100);

    assertThat(recorder.lines).isEmpty();
  }

  private void awaitLines(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (recorder.lines.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10); // the line is written just after the response is complete
    }
  }

  /** A logger keeping each event's level, message and key-value pairs. */
  private static final class Recorder extends LegacyAbstractLogger implements LoggingEventAware {
    final List<Map<String, Object>> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(LoggingEvent event) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("level", event.getLevel());
      line.put("message", event.getMessage());
      if (event.getKeyValuePairs() != null) {
        event.getKeyValuePairs().forEach(pair -> line.put(pair.key, pair.value));
      }
      lines.add(line);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
      throw new AssertionError("the request log uses the fluent API");
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
