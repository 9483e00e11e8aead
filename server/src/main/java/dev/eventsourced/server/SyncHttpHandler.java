package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushRequest;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.protocol.SyncJson;
import dev.eventsourced.protocol.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync protocol over HTTP, independent of any web framework: give it a {@link SyncHttpRequest},
 * send back the {@link SyncHttpResponse}. {@link SyncServer} mounts it on Javalin; a Spring or
 * servlet app mounts it with a few lines of adapter code.
 *
 * <ul>
 *   <li>{@link #push}: {@code POST {base}}, a JSON array of 1..500 events → {@code 200
 *       {"confirmed":[{"eventId","globalSeq"}...]}}.
 *   <li>{@link #pull}: {@code GET {base}?since=N&limit=N&collection=C&wait=S} → {@code 200
 *       {"events":[...],"cursor":"N","hasMore":b}}.
 *   <li>{@link #health}: {@code 200 {"status":"ok","lastSeq":N}} or 503.
 * </ul>
 *
 * <p>Refusals: 401 (authenticator), 415 (not {@code application/json}), 413 (body over the limit),
 * 400 (anything else about the input), all with {@code {"error","details"}} and nothing stored; 503
 * when the store fails (retry), 500 only for a bug in the server.
 */
public final class SyncHttpHandler {

  /** Default largest push body: 4 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

  /** Default longest long-poll wait. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

  /** Largest configurable body limit: 1 GiB. */
  public static final long MAX_BODY_LIMIT = 1L << 30;

  private static final Logger LOG = LoggerFactory.getLogger(SyncHttpHandler.class);
  private static final int DRAIN_FACTOR = 4;
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private final SyncService service;
  private final Authenticator authenticator;
  private final long maxBodyBytes;
  private final Duration maxWait;

  /**
   * The last small page serialized, and its bytes: the waiters of one long-poll group are answered
   * with the same {@link PullResult} instance, so they share one serialization (10,000 clients at
   * the head woken by one commit cost one page's JSON, not 10,000).
   */
  private final AtomicReference<SerializedPage> lastPage = new AtomicReference<>();

  private record SerializedPage(PullResult page, byte[] json) {}

  /**
   * @param maxBodyBytes largest push body accepted, 1..{@value #MAX_BODY_LIMIT}
   * @param maxWait longest long-poll; a larger {@code wait} is clamped to it
   */
  public SyncHttpHandler(
      SyncService service, Authenticator authenticator, long maxBodyBytes, Duration maxWait) {
    this.service = Objects.requireNonNull(service, "service");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
      throw new ServerConfigException(
          "the body size limit must be 1.." + MAX_BODY_LIMIT + " bytes, got " + maxBodyBytes);
    }
    if (maxWait.isNegative() || maxWait.compareTo(Duration.ofHours(1)) > 0) {
      throw new ServerConfigException(
          "the longest long-poll wait must be 0 s..1 h, got " + maxWait);
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A handler with the default limits and the given authenticator. */
  public SyncHttpHandler(SyncService service, Authenticator authenticator) {
    this(service, authenticator, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_WAIT);
  }

  /** The service behind this handler. */
  public SyncService service() {
    return service;
  }

  /** {@code POST {base}}: stores a batch and confirms every event of it. */
  public SyncHttpResponse push(SyncHttpRequest request) {
    try {
      Authenticator.Result auth = authenticator.authenticate(request);
      if (!auth.allowed()) {
        return unauthorized(auth);
      }
      RequestFacts.subject(request, auth.access());
      checkContentType(request.header("Content-Type"));
      String body = readBody(request);
      PushRequest push = readPush(body);
      RequestFacts.pushed(request, push.events());
      auth.access().checkPush(push.events());
      List<Confirmation> confirmations = service.pushValidated(push.events());
      return ok(SyncJson.writeConfirmations(confirmations, push.eventIdsAsSent()));
    } catch (RuntimeException e) {
      return failure(e, "push");
    }
  }

  /**
   * {@code GET {base}}: a page of events after {@code since}. With {@code wait=S} (seconds) and
   * nothing to return yet, the response is held until matching events arrive or S seconds pass. The
   * body is in memory here; {@link #pullStreamed} writes it as it is sent.
   */
  public CompletableFuture<SyncHttpResponse> pull(SyncHttpRequest request) {
    return pullStreamed(request)
        .thenApply(
            response -> {
              try (InputStream body = response.body()) {
                return new SyncHttpResponse(
                    response.status(), body.readAllBytes(), response.headers());
              } catch (IOException e) {
                throw new IllegalStateException("a page in memory cannot fail to be read", e);
              }
            });
  }

  /**
   * Like {@link #pull}, but the page's JSON is produced while it is read from {@link
   * StreamedResponse#body()}, a few events at a time, so that a pull needs no memory for its body
   * beyond the page's events.
   */
  public CompletableFuture<StreamedResponse> pullStreamed(SyncHttpRequest request) {
    try {
      Authenticator.Result auth = authenticator.authenticate(request);
      if (!auth.allowed()) {
        return CompletableFuture.completedFuture(StreamedResponse.of(unauthorized(auth)));
      }
      RequestFacts.subject(request, auth.access());
      Map<String, List<String>> query = QueryString.parse(request.rawQuery());
      long since = since(query);
      int limit =
          (int) clampedInteger(query, "limit", 1, SyncService.MAX_LIMIT, SyncService.DEFAULT_LIMIT);
      long waitSeconds = clampedInteger(query, "wait", 0, maxWait.toSeconds(), 0);
      Set<String> collections =
          auth.access()
              .pullFilter(new LinkedHashSet<>(query.getOrDefault("collection", List.of())));
      return service
          .pull(since, limit, collections, Duration.ofSeconds(waitSeconds))
          .handle(
              (page, error) ->
                  error == null
                      ? new StreamedResponse(
                          200, Map.of(), pageBody(RequestFacts.pulled(request, page)))
                      : StreamedResponse.of(failure(unwrap(error), "pull")));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(StreamedResponse.of(failure(e, "pull")));
    }
  }

  /**
   * A page's JSON: shared bytes for a small page (serialized once for every request answered with
   * the same page), else produced while it is read.
   */
  private InputStream pageBody(PullResult page) {
    long estimate = 0;
    for (SyncEvent event : page.events()) {
      estimate += event.payload().length() + 200;
      if (estimate > PageStream.CHUNK_BYTES) {
        return new PageStream(page);
      }
    }
    SerializedPage last = lastPage.get();
    if (last == null || last.page() != page) {
      last = new SerializedPage(page, SyncJson.writePullPage(page));
      lastPage.set(last);
    }
    return new PageBytes(last.json());
  }

  /** A page's JSON in memory, shared: written without a copy ({@link PullHandler}). */
  static final class PageBytes extends ByteArrayInputStream {
    PageBytes(byte[] json) {
      super(json);
    }

    /** The whole JSON, not to be modified. */
    byte[] json() {
      return buf;
    }
  }

  /**
   * A response whose JSON body is produced while it is read.
   *
   * @param status the HTTP status code
   * @param headers extra headers
   * @param body the UTF-8 JSON body, to read once and close
   */
  public record StreamedResponse(int status, Map<String, String> headers, InputStream body) {
    public StreamedResponse {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }

    static StreamedResponse of(SyncHttpResponse response) {
      return new StreamedResponse(
          response.status(), response.headers(), new ByteArrayInputStream(response.body()));
    }
  }

  /**
   * Checks a server-sent-events request ({@code Accept: text/event-stream} on the pull endpoint):
   * authentication, {@code collection} filter and the start, {@code Last-Event-ID} when the client
   * reconnects, else {@code since}. Returns the refusal, or null and fills {@code start}.
   */
  SyncHttpResponse checkStream(SyncHttpRequest request, EventStreams.Start start) {
    try {
      Authenticator.Result auth = authenticator.authenticate(request);
      if (!auth.allowed()) {
        return unauthorized(auth);
      }
      RequestFacts.subject(request, auth.access());
      Map<String, List<String>> query = QueryString.parse(request.rawQuery());
      long since = since(query);
      String lastEventId = request.header("Last-Event-ID");
      if (lastEventId != null && !lastEventId.isBlank()) {
        since = since(Map.of("Last-Event-ID", List.of(lastEventId.strip())), "Last-Event-ID");
      }
      // A stream, like a pull, carries only what the client may read.
      Set<String> collections =
          auth.access()
              .pullFilter(new LinkedHashSet<>(query.getOrDefault("collection", List.of())));
      SyncService.checkPull(since, collections);
      start.since = since;
      start.collections = collections;
      return null;
    } catch (RuntimeException e) {
      return failure(e, "pull");
    }
  }

  /**
   * {@code GET /health}: whether the store answers. Not authenticated; tells nothing but the last
   * seq.
   */
  public SyncHttpResponse health() {
    try {
      service.store().checkHealth();
      return ok(health("ok", service.store().lastSeq()));
    } catch (RuntimeException e) {
      LOG.warn("Health check failed: {}", e.getMessage());
      return new SyncHttpResponse(503, health("unavailable", service.store().lastSeq()), Map.of());
    }
  }

  private static PushRequest readPush(String body) {
    try {
      return SyncJson.readPushRequest(body);
    } catch (WireFormatException e) {
      throw InvalidRequestException.badRequest(e);
    }
  }

  /** {@code {"status":status,"lastSeq":n}}. */
  private static byte[] health(String status, long lastSeq) {
    return ("{\"status\":\"" + status + "\",\"lastSeq\":" + lastSeq + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static SyncHttpResponse unauthorized(Authenticator.Result result) {
    return new SyncHttpResponse(
        401,
        SyncJson.writeError(
            "unauthorized", List.of(Rejection.ofRequest("Authorization", result.reason()))),
        Map.of("WWW-Authenticate", "Bearer realm=\"eventsourced\""));
  }

  private static void checkContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw unsupportedMediaType("is missing; send Content-Type: application/json");
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw unsupportedMediaType("must be application/json, got \"" + contentType + "\"");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2) {
        String charset = parameter[1].strip().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          throw unsupportedMediaType("must use charset utf-8, got \"" + contentType + "\"");
        }
      }
    }
  }

  private static InvalidRequestException unsupportedMediaType(String message) {
    return new InvalidRequestException(
        415, "unsupported media type", List.of(Rejection.ofRequest("Content-Type", message)));
  }

  private String readBody(SyncHttpRequest request) {
    long declaredLength = contentLength(request.header("Content-Length"));
    try {
      if (declaredLength > maxBodyBytes) {
        // do not even open the body of a client waiting for "100 Continue": it then never sends it
        boolean waitsForContinue = "100-continue".equalsIgnoreCase(request.header("Expect"));
        if (!waitsForContinue && declaredLength <= maxBodyBytes * DRAIN_FACTOR) {
          try (InputStream in = request.body()) {
            drain(in);
          }
        }
        throw tooLarge("is " + declaredLength + " bytes, more than");
      }
      try (InputStream in = request.body()) {
        byte[] bytes = in.readNBytes((int) maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) {
          drain(in);
          throw tooLarge("is more than");
        }
        return decodeUtf8(bytes);
      }
    } catch (IOException e) {
      throw InvalidRequestException.badRequest(
          "unreadable body",
          List.of(
              Rejection.ofRequest(
                  "body", "could not be read: " + e.getMessage() + "; send the push again")));
    }
  }

  /**
   * The declared length; -1 when absent (chunked) or not a number, {@code Long.MAX_VALUE} when
   * absurdly long.
   */
  private static long contentLength(String header) {
    if (header == null || !DIGITS.matcher(header.strip()).matches()) {
      return -1;
    }
    String digits = header.strip();
    return digits.length() > 15 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  /**
   * Reads and drops the rest of a refused body (at most {@value #DRAIN_FACTOR} times the limit), so
   * that a client still writing it gets to read the 413 instead of a connection reset. A client
   * that sent {@code Expect: 100-continue}, or declared a larger body, is answered without reading;
   * the connection is then closed after the response.
   */
  private void drain(InputStream in) throws IOException {
    long budget = maxBodyBytes * DRAIN_FACTOR;
    byte[] buffer = new byte[8192];
    int read;
    while (budget > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, budget))) >= 0) {
      budget -= read;
    }
  }

  private InvalidRequestException tooLarge(String actual) {
    return new InvalidRequestException(
        413,
        "body too large",
        List.of(
            Rejection.ofRequest(
                "body",
                actual
                    + " the limit of "
                    + maxBodyBytes
                    + " bytes; push fewer or smaller events per request")));
  }

  private static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw InvalidRequestException.badRequest(
          "invalid request",
          List.of(
              Rejection.ofRequest(
                  "body",
                  "is not valid UTF-8: malformed byte sequence at byte offset "
                      + in.position()
                      + "; send UTF-8 JSON")));
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static long since(Map<String, List<String>> query) {
    return since(query, "since");
  }

  private static long since(Map<String, List<String>> query, String name) {
    String value = single(query, name);
    if (value == null) {
      return 0;
    }
    if (!DIGITS.matcher(value).matches() || value.length() > 18) {
      throw InvalidRequestException.badRequest(
          "invalid query",
          List.of(
              Rejection.ofRequest(
                  name,
                  "must be a non-negative integer (0 or the cursor of the last page), got \""
                      + value
                      + "\"")));
    }
    return Long.parseLong(value);
  }

  /**
   * An integer parameter; out-of-range numbers are clamped into {@code min..max}, anything else is
   * a 400.
   */
  private static long clampedInteger(
      Map<String, List<String>> query, String name, long min, long max, long absent) {
    String value = single(query, name);
    if (value == null) {
      return absent;
    }
    if (!INTEGER.matcher(value).matches()) {
      throw InvalidRequestException.badRequest(
          "invalid query",
          List.of(
              Rejection.ofRequest(
                  name,
                  "must be an integer (clamped to "
                      + min
                      + ".."
                      + max
                      + "), got \""
                      + value
                      + "\"")));
    }
    if (value.length() > 18) {
      return value.startsWith("-") ? min : max;
    }
    return Math.max(min, Math.min(max, Long.parseLong(value)));
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null) {
      return null;
    }
    if (values.size() > 1) {
      throw InvalidRequestException.badRequest(
          "invalid query",
          List.of(Rejection.ofRequest(name, "is given " + values.size() + " times; give it once")));
    }
    return values.get(0);
  }

  private static SyncHttpResponse ok(byte[] body) {
    return new SyncHttpResponse(200, body, Map.of());
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static SyncHttpResponse failure(Throwable error, String operation) {
    if (error instanceof InvalidRequestException) {
      InvalidRequestException invalid = (InvalidRequestException) error;
      return new SyncHttpResponse(
          invalid.status(), SyncJson.writeError(invalid.error(), invalid.details()), Map.of());
    }
    if (error instanceof EventStoreException) {
      LOG.warn(
          "{} failed because the event store failed: {}", operation, error.getMessage(), error);
      return new SyncHttpResponse(
          503,
          SyncJson.writeError(
              "store unavailable",
              List.of(
                  Rejection.ofRequest(
                      "store",
                      "the event store could not serve the "
                          + operation
                          + "; retry it shortly (a retried push is idempotent)"))),
          Map.of("Retry-After", "1"));
    }
    LOG.error("{} failed unexpectedly", operation, error);
    return new SyncHttpResponse(
        500,
        SyncJson.writeError(
            "internal error",
            List.of(
                Rejection.ofRequest(
                    "server",
                    "the "
                        + operation
                        + " failed because of a server bug ("
                        + error.getClass().getSimpleName()
                        + "); it is logged. Retrying is safe"))),
        Map.of());
  }
}
