package dev.eventsourced.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON-over-HTTP client for tests, on java.net.http. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI events;
  private final String token;

  public Http(URI events, String token) {
    this.events = events;
    this.token = token;
  }

  public Http(URI events) {
    this(events, null);
  }

  /** A response with its raw body bytes and, when it is JSON, the parsed body. */
  public record Response(int status, byte[] raw, HttpResponse<byte[]> http) {
    public String text() {
      return new String(raw, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(raw);
      } catch (IOException e) {
        throw new UncheckedIOException("response is not JSON: " + text(), e);
      }
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  public Response push(String jsonBody) {
    return post(jsonBody.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  public Response post(byte[] body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** {@code GET events?query}; {@code query} without the {@code ?}, may be empty. */
  public Response pull(String query) {
    URI uri = URI.create(events + (query.isEmpty() ? "" : "?" + query));
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET());
  }

  public Response get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET());
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-separated, without the blank line) on a
   * plain socket and returns the status code, for requests java.net.http refuses to send.
   */
  public int raw(String head) {
    try (java.net.Socket socket = new java.net.Socket(events.getHost(), events.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              (head + "\r\nHost: " + events.getHost() + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String statusLine =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
