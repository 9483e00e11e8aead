package dev.eventsourced.db.sync;

import dev.eventsourced.db.exception.SyncException;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link SyncTransport} speaking the reference HTTP protocol (docs/architecture.md, "The sync
 * protocol") with {@code java.net.http}: {@code POST {base}} with a JSON array of events to push,
 * {@code GET {base}?since=N&limit=M} to pull. Bodies are written and read by the protocol module's
 * {@link SyncJson}, which checks every pulled event against the rules the server applies to pushes;
 * an answer that breaks the protocol (malformed JSON, a missing or invalid member, a body that is
 * not UTF-8 or larger than {@link #maxResponseBytes(long)}) is a {@link SyncException} naming the
 * event and member, and nothing of it is applied. Immutable; each {@code with}-style method returns
 * a copy.
 *
 * <pre>{@code
 * SyncTransport transport = HttpSyncTransport.to(URI.create("https://api.example.com/api/events"))
 *     .headers(() -> Map.of("Authorization", "Bearer " + tokens.current()))
 *     .timeout(Duration.ofSeconds(20));
 * }</pre>
 *
 * <p>Half of it is the builder's documented settings; the wire format itself is the protocol
 * module's.
 */
public final class HttpSyncTransport implements SyncTransport {

  /** Default largest answer accepted: 128 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 128L * 1024 * 1024;

  private static final int MAX_ERROR_BODY = 500;

  private final URI pushUri;
  private final URI pullUri;
  private final Supplier<Map<String, String>> headers;
  private final Duration timeout;
  private final HttpClient client;
  private final long maxResponseBytes;
  private final TokenSource tokens;

  private HttpSyncTransport(
      URI pushUri,
      URI pullUri,
      Supplier<Map<String, String>> headers,
      Duration timeout,
      HttpClient client,
      long maxResponseBytes,
      TokenSource tokens) {
    this.pushUri = pushUri;
    this.pullUri = pullUri;
    this.headers = headers;
    this.timeout = timeout;
    this.client = client;
    this.maxResponseBytes = maxResponseBytes;
    this.tokens = tokens;
  }

  /**
   * Where the bearer token of each request comes from (a login session, an OAuth client): asked per
   * request, so a rotated token is used at once.
   */
  @FunctionalInterface
  public interface TokenSource {
    /**
     * The token to send.
     *
     * @param refresh {@code true} after the server refused the last one (HTTP 401): return a fresh
     *     token (refresh it now), not a cached one
     */
    String token(boolean refresh);
  }

  /** Pushes to and pulls from {@code base}, e.g. {@code http://localhost:8787/api/events}. */
  public static HttpSyncTransport to(URI base) {
    Objects.requireNonNull(base, "base");
    if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme())) {
      throw new IllegalArgumentException("sync URI must be http or https, got " + base);
    }
    Duration timeout = Duration.ofSeconds(30);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new HttpSyncTransport(
        base, base, Map::of, timeout, client, DEFAULT_MAX_RESPONSE_BYTES, null);
  }

  /** A copy pushing to {@code uri} instead of the base URI. */
  public HttpSyncTransport pushTo(URI uri) {
    return new HttpSyncTransport(
        Objects.requireNonNull(uri, "uri"),
        pullUri,
        headers,
        timeout,
        client,
        maxResponseBytes,
        tokens);
  }

  /** A copy pulling from {@code uri} instead of the base URI. */
  public HttpSyncTransport pullFrom(URI uri) {
    return new HttpSyncTransport(
        pushUri,
        Objects.requireNonNull(uri, "uri"),
        headers,
        timeout,
        client,
        maxResponseBytes,
        tokens);
  }

  /**
   * A copy adding the headers {@code supplier} returns to every request; it is called per request,
   * so rotating tokens work.
   */
  public HttpSyncTransport headers(Supplier<Map<String, String>> supplier) {
    return new HttpSyncTransport(
        pushUri,
        pullUri,
        Objects.requireNonNull(supplier, "supplier"),
        timeout,
        client,
        maxResponseBytes,
        tokens);
  }

  /**
   * A copy whose requests time out after {@code timeout} (default 30 s): the whole exchange,
   * connecting, sending and receiving the complete answer, so a server that stops half-way through
   * a body cannot hold a sync.
   */
  public HttpSyncTransport timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the sync timeout must be positive, got " + timeout);
    }
    return new HttpSyncTransport(
        pushUri, pullUri, headers, timeout, client, maxResponseBytes, tokens);
  }

  /**
   * A copy sending {@code Authorization: Bearer <token>} with every request, the token asked from
   * {@code tokens} per request. When the server answers HTTP 401, it asks once for a fresh token
   * and retries the request; a second 401 fails the call with a {@link SyncException} of status
   * 401, and automatic sync waits for new credentials ({@code EventSourcedDb.resumeSync()}) without
   * touching the outbox.
   */
  public HttpSyncTransport bearerToken(TokenSource tokens) {
    return new HttpSyncTransport(
        pushUri,
        pullUri,
        headers,
        timeout,
        client,
        maxResponseBytes,
        Objects.requireNonNull(tokens, "tokens"));
  }

  /** A copy using {@code client} (for proxies, TLS settings, an executor). */
  public HttpSyncTransport client(HttpClient client) {
    return new HttpSyncTransport(
        pushUri,
        pullUri,
        headers,
        timeout,
        Objects.requireNonNull(client, "client"),
        maxResponseBytes,
        tokens);
  }

  /**
   * A copy refusing answers larger than {@code bytes} (default {@value
   * #DEFAULT_MAX_RESPONSE_BYTES}): reading stops there and the call fails with a {@link
   * SyncException}. Raise it, or lower the database's pull limit, for pages of very large events.
   */
  public HttpSyncTransport maxResponseBytes(long bytes) {
    if (bytes < 1)
      throw new IllegalArgumentException(
          "the largest answer must be at least 1 byte, got " + bytes);
    return new HttpSyncTransport(pushUri, pullUri, headers, timeout, client, bytes, tokens);
  }

  @Override
  public PushResult push(List<SyncEvent> events) {
    byte[] body = SyncJson.writePushRequest(events);
    String what = "push of " + events.size() + " events to " + pushUri;
    Answer answer =
        exchange(
            () ->
                HttpRequest.newBuilder(pushUri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            what,
            timeout);
    if (answer.status == 200) {
      return PushResult.confirmed(
          read(answer, what, () -> SyncJson.readConfirmations(answer.body)));
    }
    if (answer.status == 400) {
      return PushResult.rejected(read(answer, what, () -> SyncJson.readRejections(answer.body)));
    }
    throw failed(what, answer);
  }

  @Override
  public PullResult pull(long since, int limit) {
    return get("since=" + since + "&limit=" + limit, timeout);
  }

  /**
   * Long-polls the reference server ({@code wait=S}): it answers as soon as it holds events after
   * {@code since}, or with an empty page after {@code wait} (rounded up to whole seconds).
   */
  @Override
  public PullResult poll(long since, int limit, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return get(
        "since=" + since + "&limit=" + limit + "&wait=" + seconds, timeout.plusSeconds(seconds));
  }

  private PullResult get(String query, Duration callTimeout) {
    String separator = pullUri.getRawQuery() == null ? "?" : "&";
    URI uri = URI.create(pullUri + separator + query);
    String what = "pull from " + uri;
    Answer answer =
        exchange(
            () -> HttpRequest.newBuilder(uri).header("Accept", "application/json").GET(),
            what,
            callTimeout);
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

  /**
   * Sends a request built by {@code request}, with the headers and the bearer token; on a 401 with
   * a token source, once more with a fresh token.
   */
  private Answer exchange(
      Supplier<HttpRequest.Builder> request, String what, Duration callTimeout) {
    Answer answer = send(authorized(request.get(), false).timeout(callTimeout), what, callTimeout);
    if (answer.status == 401 && tokens != null) {
      answer = send(authorized(request.get(), true).timeout(callTimeout), what, callTimeout);
    }
    return answer;
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request, boolean refresh) {
    if (tokens != null) {
      String token;
      try {
        token = tokens.token(refresh);
      } catch (RuntimeException e) {
        throw new SyncException("the bearer token source failed: " + e, 401, e);
      }
      if (token != null) request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Answer send(HttpRequest.Builder request, String what, Duration timeout) {
    Map<String, String> extra = headers.get();
    if (extra != null) extra.forEach(request::header);
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request.build(), info -> new LimitedBody(maxResponseBytes));
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new SyncException(
          what
              + " got no complete answer within "
              + timeout.toMillis()
              + " ms; it is retried"
              + " next time (raise HttpSyncTransport.timeout(...) for slow networks)",
          e);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new SyncException(what + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new SyncException(what + " failed: " + cause, cause);
    }
    try {
      return new Answer(response.statusCode(), utf8(response.body()));
    } catch (CharacterCodingException e) {
      throw new SyncException(
          what + " answered HTTP " + response.statusCode() + " with a body that is not UTF-8 text",
          response.statusCode(),
          e);
    }
  }

  /**
   * The body as text, refusing bytes that are not UTF-8. The String constructor decodes a page in a
   * fraction of a strict decoder's time but replaces malformed bytes with U+FFFD; only a body that
   * then holds U+FFFD (malformed, or a real one) is decoded again strictly, which tells them apart.
   */
  static String utf8(byte[] bytes) throws CharacterCodingException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) return text;
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /**
   * Reads an answer's body; a body that breaks the protocol is a {@link SyncException} naming what
   * is wrong.
   */
  private static <T> T read(Answer answer, String what, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (WireFormatException e) {
      throw new SyncException(
          "the answer to the "
              + what
              + " (HTTP "
              + answer.status
              + ") breaks the sync protocol: "
              + e.getMessage()
              + "; nothing of it was used",
          answer.status,
          e);
    } catch (RuntimeException e) {
      throw new SyncException(
          "the answer to the "
              + what
              + " (HTTP "
              + answer.status
              + ") could not be read: "
              + e
              + " in "
              + abbreviate(answer.body),
          answer.status,
          e);
    }
  }

  private static SyncException failed(String what, Answer answer) {
    String hint =
        answer.status == 401 || answer.status == 403
            ? "; check the credentials the bearerToken(...) source or headers(...) supplier sends"
            : "";
    return new SyncException(
        what + " answered HTTP " + answer.status + hint + ": " + abbreviate(answer.body),
        answer.status,
        null);
  }

  private static String abbreviate(String body) {
    if (body == null) return "";
    return body.length() <= MAX_ERROR_BODY ? body : body.substring(0, MAX_ERROR_BODY) + "...";
  }

  /** Collects a body into bytes, and stops (failing the exchange) once it grows past the limit. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> bytes =
        HttpResponse.BodySubscribers.ofByteArray();
    private final long limit;
    private Flow.Subscription subscription;
    private long received;
    private boolean exceeded;

    LimitedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return bytes.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (exceeded) return;
      for (ByteBuffer item : items) received += item.remaining();
      if (received > limit) {
        exceeded = true;
        subscription.cancel();
        bytes.onError(
            new IOException(
                "the answer is larger than "
                    + limit
                    + " bytes; raise HttpSyncTransport.maxResponseBytes(...) or lower the pull limit"));
        return;
      }
      bytes.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
      if (!exceeded) bytes.onError(error);
    }

    @Override
    public void onComplete() {
      if (!exceeded) bytes.onComplete();
    }
  }

  @Override
  public String toString() {
    return "HttpSyncTransport["
        + (pushUri.equals(pullUri) ? pushUri : "push " + pushUri + ", pull " + pullUri)
        + "]";
  }
}
