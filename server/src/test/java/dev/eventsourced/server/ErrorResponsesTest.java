package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.RawHttp;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error the server sends is {@code {"error","details"}} JSON with a 4xx status, including
 * those Jetty answers before any route runs (unparsable request line or headers, URI or headers
 * over the size limit). Each request goes out on a raw socket, as a misbehaving client sends it.
 */
class ErrorResponsesTest {

  @TempDir Path tempDir;
  private SyncServer server;
  private URI base;

  @BeforeEach
  void start() {
    server =
        SyncServer.builder()
            .store(EventStore.sqlite(tempDir.resolve("events.db")))
            .host("127.0.0.1")
            .port(0)
            .maxBodyBytes(1024)
            .start();
    base = server.baseUri();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawHttp.Response send(String head) {
    return RawHttp.exchange(base, head + "\r\n\r\n");
  }

  private static void assertJsonError(RawHttp.Response response, int status, String error) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    assertThat(response.headers().get("content-type").replace(" ", ""))
        .isEqualTo("application/json;charset=utf-8");
    JsonNode body = response.json();
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("details")).isNotEmpty();
    assertThat(body.get("details").get(0).get("message").asText()).isNotBlank();
  }

  @Test
  void uriOverTheLimit_is414Json() {
    RawHttp.Response response =
        send("GET /api/events?since=0&x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x");
    assertJsonError(response, 414, "uri too long");
  }

  @Test
  void headersOverTheLimit_are431Json() {
    RawHttp.Response response =
        send("GET /api/events HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000));
    assertJsonError(response, 431, "request header fields too large");
  }

  @Test
  void malformedContentLength_is400Json() {
    RawHttp.Response response =
        send(
            "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12abc");
    assertJsonError(response, 400, "bad request");
  }

  @Test
  void garbageRequestLine_is400Json() {
    RawHttp.Response response = send("THIS IS NOT HTTP\r\nHost: x");
    assertThat(response.status()).isBetween(400, 499);
    assertJsonError(response, response.status(), response.json().get("error").asText());
  }

  @Test
  void headerWithoutColon_is400Json() {
    RawHttp.Response response = send("GET /api/events HTTP/1.1\r\nHost: x\r\nno colon here");
    assertJsonError(response, 400, "bad request");
  }

  @Test
  void unsupportedHttpVersion_isJson() {
    RawHttp.Response response = send("GET /api/events HTTP/7.0\r\nHost: x");
    assertThat(response.status()).isBetween(400, 505);
    assertThat(response.headers().get("content-type").replace(" ", ""))
        .isEqualTo("application/json;charset=utf-8");
    assertThat(response.json().get("error").asText()).isNotBlank();
  }

  @Test
  void unknownPathAndMethod_are404And405Json() {
    assertJsonError(
        send("GET /nothing/here HTTP/1.1\r\nHost: x\r\nConnection: close"), 404, "not found");
    assertJsonError(
        send("PUT /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close"),
        405,
        "method not allowed");
    assertJsonError(
        send("DELETE /health HTTP/1.1\r\nHost: x\r\nConnection: close"), 405, "method not allowed");
  }

  @Test
  void bodyOverTheLimit_is413Json() {
    assertJsonError(
        send(
            "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000000\r\nExpect: 100-continue\r\nConnection: close"),
        413,
        "body too large");
    String body = "[" + " ".repeat(2000) + "]";
    assertJsonError(
        RawHttp.exchange(
            base,
            "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length())
                + "\r\n"
                + body
                + "\r\n0\r\n\r\n"),
        413,
        "body too large");
  }

  @Test
  void badChunkedEncoding_is400Json() {
    RawHttp.Response response =
        RawHttp.exchange(
            base,
            "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n[]\r\n0\r\n\r\n");
    assertJsonError(response, 400, response.json().get("error").asText());
  }

  @Test
  void ambiguousLengthHeaders_are400Json() {
    RawHttp.Response response =
        send(
            "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: 3");
    assertJsonError(response, 400, "bad request");
  }
}
