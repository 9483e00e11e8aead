package dev.eventsourced.db;

import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.protocol.SyncJson;
import dev.eventsourced.protocol.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link SyncTransport} speaking the reference HTTP protocol (DESIGN.md, "Sync protocol") with
 * {@code java.net.http}: {@code POST {base}} with a JSON array of events to push, {@code GET
 * {base}?since=N&limit=M} to pull. Bodies are written and read by the protocol module's {@link
 * SyncJson}, which checks every pulled event against the rules the server applies to pushes; an
 * answer that breaks the protocol (malformed JSON, a missing or invalid member) is a {@link
 * SyncException} naming the event and member, and nothing of it is applied. Immutable; each {@code
 * with}-style method returns a copy.
 *
 * <pre>{@code
 * SyncTransport transport = HttpSyncTransport.to(URI.create("https://api.example.com/api/events"))
 *     .headers(() -> Map.of("Authorization", "Bearer " + tokens.current()))
 *     .timeout(Duration.ofSeconds(20));
 * }</pre>
 */
public final class HttpSyncTransport implements SyncTransport {

  private static final int MAX_ERROR_BODY = 500;

  private final URI pushUri;
  private final URI pullUri;
  private final Supplier<Map<String, String>> headers;
  private final Duration timeout;
  private final HttpClient client;

  private HttpSyncTransport(URI pushUri, URI pullUri, Supplier<Map<String, String>> headers, Duration timeout,
      HttpClient client) {
    this.pushUri = pushUri;
    this.pullUri = pullUri;
    this.headers = headers;
    this.timeout = timeout;
    this.client = client;
  }

  /** Pushes to and pulls from {@code base}, e.g. {@code http://localhost:8787/api/events}. */
  public static HttpSyncTransport to(URI base) {
    Objects.requireNonNull(base, "base");
    if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme())) {
      throw new IllegalArgumentException("sync URI must be http or https, got " + base);
    }
    Duration timeout = Duration.ofSeconds(30);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new HttpSyncTransport(base, base, Map::of, timeout, client);
  }

  /** A copy pushing to {@code uri} instead of the base URI. */
  public HttpSyncTransport pushTo(URI uri) {
    return new HttpSyncTransport(Objects.requireNonNull(uri, "uri"), pullUri, headers, timeout, client);
  }

  /** A copy pulling from {@code uri} instead of the base URI. */
  public HttpSyncTransport pullFrom(URI uri) {
    return new HttpSyncTransport(pushUri, Objects.requireNonNull(uri, "uri"), headers, timeout, client);
  }

  /**
   * A copy adding the headers {@code supplier} returns to every request; it is called per request,
   * so rotating tokens work.
   */
  public HttpSyncTransport headers(Supplier<Map<String, String>> supplier) {
    return new HttpSyncTransport(pushUri, pullUri, Objects.requireNonNull(supplier, "supplier"), timeout, client);
  }

  /** A copy whose requests time out after {@code timeout} (default 30 s). */
  public HttpSyncTransport timeout(Duration timeout) {
    return new HttpSyncTransport(pushUri, pullUri, headers, Objects.requireNonNull(timeout, "timeout"), client);
  }

  /** A copy using {@code client} (for proxies, TLS settings, an executor). */
  public HttpSyncTransport client(HttpClient client) {
    return new HttpSyncTransport(pushUri, pullUri, headers, timeout, Objects.requireNonNull(client, "client"));
  }

  @Override
  public PushResult push(List<SyncEvent> events) {
    HttpRequest.Builder request = HttpRequest.newBuilder(pushUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(SyncJson.writePushRequest(events)));
    String what = "push of " + events.size() + " events to " + pushUri;
    Answer answer = send(request, what);
    if (answer.status == 200) {
      return PushResult.confirmed(read(answer, what, () -> SyncJson.readConfirmations(answer.body)));
    }
    if (answer.status == 400) {
      return PushResult.rejected(read(answer, what, () -> SyncJson.readRejections(answer.body)));
    }
    throw failed(what, answer);
  }

  @Override
  public PullResult pull(long since, int limit) {
    String separator = pullUri.getRawQuery() == null ? "?" : "&";
    URI uri = URI.create(pullUri + separator + "since=" + since + "&limit=" + limit);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
    String what = "pull from " + uri;
    Answer answer = send(request, what);
    if (answer.status != 200) {
      throw failed(what, answer);
    }
    return read(answer, what, () -> SyncJson.readPullPage(answer.body));
  }

  /** A complete answer: status and body text. */
  private static final class Answer {
    final int status;
    final String body;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }
  }

  private Answer send(HttpRequest.Builder request, String what) {
    Map<String, String> extra = headers.get();
    if (extra != null) extra.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new SyncException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(what + " was interrupted", e);
    }
  }

  /** Reads an answer's body; a body that breaks the protocol is a {@link SyncException} naming what is wrong. */
  private static <T> T read(Answer answer, String what, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (WireFormatException e) {
      throw new SyncException("the answer to the " + what + " (HTTP " + answer.status + ") breaks the sync protocol: "
          + e.getMessage() + "; nothing of it was used", answer.status, e);
    } catch (RuntimeException e) {
      throw new SyncException("the answer to the " + what + " (HTTP " + answer.status + ") could not be read: " + e
          + " in " + abbreviate(answer.body), answer.status, e);
    }
  }

  private static SyncException failed(String what, Answer answer) {
    String hint = answer.status == 401 || answer.status == 403
        ? "; check the credentials the headers(...) supplier sends"
        : "";
    return new SyncException(what + " answered HTTP " + answer.status + hint + ": " + abbreviate(answer.body),
        answer.status, null);
  }

  private static String abbreviate(String body) {
    if (body == null) return "";
    return body.length() <= MAX_ERROR_BODY ? body : body.substring(0, MAX_ERROR_BODY) + "...";
  }

  @Override
  public String toString() {
    return "HttpSyncTransport[" + (pushUri.equals(pullUri) ? pushUri : "push " + pushUri + ", pull " + pullUri) + "]";
  }
}
