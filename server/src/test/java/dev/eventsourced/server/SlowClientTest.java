package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send a byte at a time hold a connection, not a thread: with more of them open than
 * Jetty has threads (250), health checks and pushes are still answered at once, and each slow body
 * is cut off with a JSON 408 once it falls below the minimum rate. {@code -DslowClients=1000}
 * measures with 1,000 (the figure in the README); the default of 300 keeps the test short.
 */
class SlowClientTest {

  private static final int SLOW_BODIES = Integer.getInteger("slowClients", 300);
  private static final int SLOW_HEADERS = SLOW_BODIES / 3;

  @TempDir Path tempDir;
  private SyncServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    server =
        SyncServer.builder()
            .store(EventStore.sqlite(tempDir.resolve("events.db")))
            .host("127.0.0.1")
            .port(0)
            .requestTimeout(Duration.ofSeconds(5))
            .minRequestBytesPerSecond(1024)
            .start();
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
  }

  @Test
  void manySlowClients_doNotStarveHealthOrPushes_andAreCutWith408() throws Exception {
    URI base = server.baseUri();
    List<Socket> bodies = new ArrayList<>();
    List<Socket> headers = new ArrayList<>();
    for (int i = 0; i < SLOW_BODIES; i++) {
      Socket socket = new Socket(base.getHost(), base.getPort());
      socket.setSoTimeout(15_000);
      socket
          .getOutputStream()
          .write(
              ("POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 100000\r\n\r\n[")
                  .getBytes(StandardCharsets.US_ASCII));
      bodies.add(socket);
    }
    for (int i = 0; i < SLOW_HEADERS; i++) {
      Socket socket = new Socket(base.getHost(), base.getPort());
      socket
          .getOutputStream()
          .write("GET /api/events HTTP/1.1\r\nX-".getBytes(StandardCharsets.US_ASCII));
      headers.add(socket);
    }
    sockets.addAll(bodies);
    sockets.addAll(headers);
    AtomicBoolean trickle = new AtomicBoolean(true);
    Thread sender =
        new Thread(
            () -> {
              while (trickle.get()) {
                for (Socket socket : sockets) {
                  try {
                    OutputStream out = socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                  } catch (IOException cut) {
                    // the server closed it
                  }
                }
                sleep(250);
              }
            });
    sender.setDaemon(true);
    sender.start();
    long opened = System.nanoTime();
    sleep(300);

    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    List<Long> healthMillis = new ArrayList<>();
    List<Long> pushMillis = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(base.resolve(SyncServer.HEALTH_PATH))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      healthMillis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(health.statusCode()).isEqualTo(200);

      start = System.nanoTime();
      HttpResponse<String> push =
          client.send(
              HttpRequest.newBuilder(server.eventsUri())
                  .timeout(Duration.ofSeconds(3))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Events.json(Events.inserts("todos", "k" + i, 10))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      pushMillis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(push.statusCode()).isEqualTo(200);
    }
    LongPollTest.report(
        "health latency, ms, with "
            + SLOW_BODIES
            + " slow bodies + "
            + SLOW_HEADERS
            + " slow headers open",
        healthMillis);
    LongPollTest.report("push latency (10 events), ms, with the same open", pushMillis);
    assertThat(LongPollTest.median(healthMillis)).isLessThan(200);
    assertThat(LongPollTest.median(pushMillis)).isLessThan(500);

    int cut = 0;
    for (Socket socket : bodies) {
      RawHttp.Response response = RawHttp.read(socket.getInputStream());
      assertThat(response.status()).as("%s", response).isEqualTo(408);
      assertThat(response.json().get("error").asText()).isEqualTo("request timeout");
      cut++;
    }
    long allCutMillis = (System.nanoTime() - opened) / 1_000_000;
    trickle.set(false);
    System.out.printf(
        "[measured] %d slow bodies all answered 408 within %d ms of opening (min rate 1024 B/s,"
            + " checked after 2 s)%n",
        cut, allCutMillis);
    assertThat(new Http(server.eventsUri()).pull("since=0&limit=1000").json().get("events"))
        .hasSize(100);
  }

  @Test
  void bodiesBufferedAtOnce_areBounded_overTheBoundIs503_andTheSpaceComesBack() throws Exception {
    SyncServer.Builder builder =
        SyncServer.builder()
            .store(EventStore.sqlite(tempDir.resolve("bounded.db")))
            .host("127.0.0.1")
            .port(0)
            .requestTimeout(Duration.ofSeconds(2));
    builder.maxBufferedBytes = 10_000;
    try (SyncServer bounded = builder.start()) {
      URI base = bounded.baseUri();
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 4000\r\n\r\n[")
                    .getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
        sockets.add(socket);
        Thread.sleep(100);
      }

      RawHttp.Response third = RawHttp.read(slow.get(2).getInputStream());
      assertThat(third.status()).as("%s", third).isEqualTo(503);
      assertThat(third.headers().get("retry-after")).isEqualTo("1");
      assertThat(third.json().get("error").asText()).isEqualTo("service unavailable");
      for (Socket socket : slow.subList(0, 2)) {
        assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(408);
      }
      Thread.sleep(200);
      assertThat(
              new Http(bounded.eventsUri())
                  .push(Events.json(Events.inserts("todos", "after", 25)))
                  .status())
          .as("a push (over 2,000 bytes) once the slow bodies' space is given back")
          .isEqualTo(200);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
