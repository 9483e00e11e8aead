package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.protocol.SyncJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport against a scripted server: it speaks the protocol module's JSON, and every
 * answer that breaks the protocol, arrives too slowly or is too large is a clear SyncException,
 * never a hang or another exception.
 */
class HttpSyncTransportTest {

  /** What the scripted server does with one request. */
  @FunctionalInterface
  private interface Script {
    void answer(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final AtomicReference<Script> script = new AtomicReference<>();
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private HttpServer server;
  private ExecutorService threads;
  private HttpSyncTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext(
        "/events",
        exchange -> {
          try (exchange) {
            lastBody.set(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            script.get().answer(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    transport =
        HttpSyncTransport.to(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events"))
            .timeout(Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(int status, String body) {
    script.set(exchange -> send(exchange, status, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static SyncEvent event(String key, boolean numericKey) {
    return new SyncEvent(
        UUID.randomUUID(),
        "todos",
        EventType.UPDATE,
        key,
        numericKey,
        "{\"title\":\"\u00e9\"}",
        List.of("title"),
        1_700_000_000_000L,
        "phone",
        2,
        null);
  }

  private static String page(SyncEvent... events) {
    long cursor = events.length == 0 ? 0 : events[events.length - 1].globalSeq();
    return new String(
        SyncJson.writePullPage(new PullResult(List.of(events), cursor, false)),
        StandardCharsets.UTF_8);
  }

  @Test
  void push_sendsTheProtocolsBody_andReadsTheConfirmations() {
    SyncEvent first = event("todo-1", false);
    SyncEvent second = event("42", true);
    answer(
        200,
        "{\"confirmed\":[{\"eventId\":\""
            + first.eventId()
            + "\",\"globalSeq\":7},"
            + "{\"eventId\":\""
            + second.eventId().toString().toUpperCase()
            + "\",\"globalSeq\":8}]}");

    PushResult result = transport.push(List.of(first, second));

    assertThat(result.confirmed())
        .containsExactly(
            new Confirmation(first.eventId(), 7), new Confirmation(second.eventId(), 8));
    assertThat(SyncJson.readPushRequest(lastBody.get()).events()).containsExactly(first, second);
  }

  @Test
  void push_refusedWith400_returnsTheRejections() {
    answer(
        400,
        "{\"error\":\"invalid events\",\"details\":[{\"index\":1,\"field\":\"key\",\"message\":\"bad key\"}]}");

    PushResult result = transport.push(List.of(event("a", false), event("b", false)));

    assertThat(result.confirmed()).isEmpty();
    assertThat(result.rejected()).containsExactly(Rejection.atEvent(1, "key", "bad key"));
  }

  @Test
  void push_answeredWithSomethingElseThanConfirmations_isASyncException() {
    answer(200, "{\"confirmed\":[{\"eventId\":\"not-a-uuid\",\"globalSeq\":1}]}");

    assertThatThrownBy(() -> transport.push(List.of(event("a", false))))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.status()).isEqualTo(200))
        .hasMessageContaining(
            "breaks the sync protocol: invalid push response: confirmed[0].eventId: must be a UUID");
  }

  @Test
  void push_refusedWithAnUnreadableBody_isASyncException() {
    answer(400, "<html>Bad Request</html>");

    assertThatThrownBy(() -> transport.push(List.of(event("a", false))))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void serverError_isASyncExceptionWithTheStatus() {
    answer(503, "{\"error\":\"store unavailable\"}");

    assertThatThrownBy(() -> transport.pull(0, 10))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("answered HTTP 503: {\"error\":\"store unavailable\"}");
  }

  @Test
  void bearerToken_refusedOnce_isRefreshedAndTheRequestRetried() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    script.set(
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          seen.add(authorization);
          if ("Bearer fresh".equals(authorization)) {
            send(exchange, 200, page().getBytes(StandardCharsets.UTF_8));
          } else {
            send(exchange, 401, "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8));
          }
        });
    List<Boolean> refreshes = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpSyncTransport withTokens =
        transport.bearerToken(
            refresh -> {
              refreshes.add(refresh);
              return refresh ? "fresh" : "stale";
            });

    assertThat(withTokens.pull(0, 10).events()).isEmpty();
    assertThat(seen).containsExactly("Bearer stale", "Bearer fresh");
    assertThat(refreshes).containsExactly(false, true);
  }

  @Test
  void bearerToken_refusedTwice_isASyncExceptionWith401_afterExactlyTwoRequests() {
    AtomicInteger requests = new AtomicInteger();
    script.set(
        exchange -> {
          requests.incrementAndGet();
          send(exchange, 401, "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8));
        });

    assertThatThrownBy(
            () -> transport.bearerToken(refresh -> "bad").push(List.of(event("a", false))))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("bearerToken");
    assertThat(requests).hasValue(2);
  }

  @Test
  void poll_asksTheServerToWait() {
    AtomicReference<String> query = new AtomicReference<>();
    script.set(
        exchange -> {
          query.set(exchange.getRequestURI().getQuery());
          send(exchange, 200, page().getBytes(StandardCharsets.UTF_8));
        });

    transport.poll(7, 1, Duration.ofMillis(1500));

    assertThat(query.get()).isEqualTo("since=7&limit=1&wait=2");
  }

  @Test
  void pull_readsAPage() {
    SyncEvent pulled = event("1.50", true).withGlobalSeq(3);
    answer(200, page(pulled));

    PullResult page = transport.pull(2, 10);

    assertThat(page).isEqualTo(new PullResult(List.of(pulled), 3, false));
  }

  @Test
  void pull_ofAPageWithAnInvalidEvent_keepsTheOthersAndNamesTheSkippedOnesMember() {
    SyncEvent good = event("a", false).withGlobalSeq(1);
    String body =
        page(good, event("b", false).withGlobalSeq(2)).replace("\"key\":\"b\"", "\"key\":\"\"");
    answer(200, body);

    PullResult page = transport.pull(0, 10);

    assertThat(page.events()).extracting(SyncEvent::key).containsExactly("a");
    assertThat(page.skipped())
        .singleElement()
        .satisfies(
            skipped -> {
              assertThat(skipped.globalSeq()).isEqualTo(2);
              assertThat(skipped.reason()).contains("key: must be a non-empty string or a number");
            });
    assertThat(page.cursor()).isEqualTo(2);
  }

  @Test
  void pull_ofMalformedOrForeignAnswers_isASyncException() {
    for (String body :
        List.of(
            "",
            "<html>502 Bad Gateway</html>",
            "{\"events\":[",
            "{\"events\":[],\"cursor\":\"x\",\"hasMore\":false}",
            "[]",
            "{\"events\":[{\"globalSeq\":1}],\"cursor\":\"1\",\"hasMore\":false}")) {
      answer(200, body);
      assertThatThrownBy(() -> transport.pull(0, 10))
          .as(body)
          .isInstanceOf(SyncException.class)
          .hasMessageContaining("breaks the sync protocol");
    }
  }

  @Test
  void pull_ofABodyThatIsNotUtf8_isASyncException() {
    script.set(exchange -> send(exchange, 200, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));

    assertThatThrownBy(() -> transport.pull(0, 10))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void pull_ofAnAnswerLargerThanTheLimit_stopsReadingAndFails() {
    script.set(
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked, without end
          OutputStream out = exchange.getResponseBody();
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) ' ');
          while (true) {
            out.write(chunk);
          }
        });
    HttpSyncTransport limited =
        transport.maxResponseBytes(1024 * 1024).timeout(Duration.ofSeconds(20));
    long start = System.nanoTime();

    assertThatThrownBy(() -> limited.pull(0, 10))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("larger than 1048576 bytes");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void pull_fromAServerThatStopsHalfWayThroughTheBody_timesOut() {
    String body = page(event("a", false).withGlobalSeq(1));
    script.set(
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
          exchange.getResponseBody().flush();
          Thread.sleep(60_000);
        });
    long start = System.nanoTime();

    assertThatThrownBy(() -> transport.pull(0, 10))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("got no complete answer within 2000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void push_toAServerThatNeverAnswers_timesOut() {
    script.set(exchange -> Thread.sleep(60_000));
    long start = System.nanoTime();

    assertThatThrownBy(() -> transport.push(List.of(event("a", false))))
        .isInstanceOf(SyncException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void settings_areChecked() {
    assertThatThrownBy(() -> transport.timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> transport.maxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpSyncTransport.to(URI.create("ftp://example.com/events")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
