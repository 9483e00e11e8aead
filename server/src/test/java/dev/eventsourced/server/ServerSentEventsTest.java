package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.RawHttp;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Accept: text/event-stream} on the pull endpoint: events stream as they commit, in order
 * and once, each as {@code id: <globalSeq>} and {@code data: <the event as in a pull page>}; a
 * reconnect with {@code Last-Event-ID} resumes after it; the filter holds; heartbeats are comments;
 * closing the server ends the stream cleanly. Read on a raw socket, as a client sees it.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ServerSentEventsTest extends ServerTestBase {

  ServerSentEventsTest(StoreKind storeKind) {
    super(storeKind);
  }

  /** One server-sent event, or a comment (id and data null). */
  record Sse(String id, String data, String comment) {}

  /** Reads a chunked text/event-stream response on a socket. */
  static final class SseStream implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final int status;
    final Map<String, String> headers = new HashMap<>();
    private final StringBuilder text = new StringBuilder();
    boolean ended;

    SseStream(URI events, String query, String lastEventId) throws IOException {
      socket = new Socket(events.getHost(), events.getPort());
      socket.setSoTimeout(10_000);
      String request =
          "GET "
              + events.getPath()
              + "?"
              + query
              + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
              + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      in = socket.getInputStream();
      status = Integer.parseInt(RawHttp.line(in).split(" ")[1]);
      String header;
      while (!(header = RawHttp.line(in)).isEmpty()) {
        int colon = header.indexOf(':');
        headers.put(
            header.substring(0, colon).toLowerCase(Locale.ROOT),
            header.substring(colon + 1).strip());
      }
    }

    /** The next event or comment; null when the stream ended. */
    Sse next() throws IOException {
      while (true) {
        int end = text.indexOf("\n\n");
        if (end >= 0) {
          String block = text.substring(0, end);
          text.delete(0, end + 2);
          String id = null;
          String data = null;
          String comment = null;
          for (String line : block.split("\n")) {
            if (line.startsWith("id: ")) {
              id = line.substring(4);
            } else if (line.startsWith("data: ")) {
              data = line.substring(6);
            } else if (line.startsWith(":")) {
              comment = line.substring(1).strip();
            }
          }
          return new Sse(id, data, comment);
        }
        // Jetty writes a chunk's closing CRLF just before the next chunk, so skip it there
        String size;
        do {
          size = RawHttp.line(in);
        } while (size != null && size.isEmpty());
        if (size == null) {
          ended = true;
          return null;
        }
        int length = Integer.parseInt(size.strip(), 16);
        if (length == 0) {
          ended = true;
          return null;
        }
        text.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      }
    }

    /** The next event that is not a comment. */
    Sse nextEvent() throws IOException {
      Sse sse;
      do {
        sse = next();
      } while (sse != null && sse.id() == null);
      return sse;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void eventsStreamInOrderOnce_filtered_andResumeAfterLastEventId() throws Exception {
    pushOk(Events.batch(Events.insert("todos", "a"), Events.insert("users", "u"))); // 1, 2
    pushOk(Events.batch(Events.insert("todos", "b"))); // 3
    List<Long> seen = new ArrayList<>();
    try (SseStream stream = new SseStream(server.eventsUri(), "since=0&collection=todos", null)) {
      assertThat(stream.status).isEqualTo(200);
      assertThat(stream.headers.get("content-type")).startsWith("text/event-stream");
      seen.add(Long.parseLong(stream.nextEvent().id()));
      seen.add(Long.parseLong(stream.nextEvent().id()));

      pushOk(Events.batch(Events.insert("users", "v"), Events.insert("todos", "c"))); // 4, 5
      pushOk(Events.batch(Events.insert("todos", "d"), Events.insert("todos", "e"))); // 6, 7
      for (int i = 0; i < 3; i++) {
        Sse event = stream.nextEvent();
        seen.add(Long.parseLong(event.id()));
        JsonNode data = Http.JSON.readTree(event.data());
        assertThat(data.get("globalSeq").asText()).isEqualTo(event.id());
        assertThat(data.get("collectionId").asText()).isEqualTo("todos");
      }
    }
    assertThat(seen).containsExactly(1L, 3L, 5L, 6L, 7L);

    pushOk(Events.batch(Events.insert("todos", "f"), Events.insert("users", "w"))); // 8, 9
    pushOk(Events.batch(Events.insert("todos", "g"))); // 10
    List<Long> resumed = new ArrayList<>();
    List<JsonNode> data = new ArrayList<>();
    try (SseStream stream = new SseStream(server.eventsUri(), "since=0&collection=todos", "6")) {
      for (int i = 0; i < 3; i++) {
        Sse event = stream.nextEvent();
        resumed.add(Long.parseLong(event.id()));
        data.add(Http.JSON.readTree(event.data()));
      }
    }
    assertThat(resumed).containsExactly(7L, 8L, 10L);
    // the data is the event exactly as a pull page has it
    JsonNode pulled = http.pull("since=6&collection=todos").json().get("events");
    assertThat(data).containsExactly(pulled.get(0), pulled.get(1), pulled.get(2));
  }

  @Test
  void quietStream_sendsHeartbeatComments_andServerCloseEndsIt() throws Exception {
    SyncServer quick = startServer(builder -> builder.sseHeartbeat(Duration.ofMillis(200)));
    SseStream stream = new SseStream(quick.eventsUri(), "since=0", null);
    Sse first = stream.next();
    assertThat(first.id()).isNull();
    long start = System.nanoTime();
    Sse heartbeat;
    do {
      heartbeat = stream.next();
    } while (heartbeat.comment() != null && !heartbeat.comment().isEmpty());
    assertThat(heartbeat.id()).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

    long closing = System.nanoTime();
    quick.close();
    try {
      while (stream.next() != null) {
        // heartbeats until the end
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the stream did not end when the server closed", e);
    }
    assertThat(stream.ended).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(6));
    stream.close();
  }

  @Test
  void invalidLastEventId_is400Json() {
    RawHttp.Response response =
        RawHttp.exchange(
            server.baseUri(),
            "GET /api/events?since=0 HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
                + "Last-Event-ID: abc\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("details").get(0).get("field").asText())
        .isEqualTo("Last-Event-ID");
  }

  static String drain(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
