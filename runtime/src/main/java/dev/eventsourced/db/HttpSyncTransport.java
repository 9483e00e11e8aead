package dev.eventsourced.db;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@link SyncTransport} speaking the reference HTTP protocol (DESIGN.md, "Sync protocol") with
 * {@code java.net.http}: {@code POST {base}} with a JSON array of events to push, {@code GET
 * {base}?since=N&limit=M} to pull. Immutable; each {@code with}-style method returns a copy.
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
    String body = encode(events);
    HttpRequest.Builder request = HttpRequest.newBuilder(pushUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response = send(request, "push of " + events.size() + " events to " + pushUri);
    try {
      if (response.statusCode() == 200) {
        return PushResult.confirmed(parseConfirmations(response.body()));
      }
      if (response.statusCode() == 400) {
        return PushResult.rejected(parseRejections(response.body()));
      }
    } catch (IOException e) {
      throw new SyncException("unreadable answer to a push from " + pushUri + ": " + e.getMessage()
          + " in " + abbreviate(response.body()), response.statusCode(), e);
    }
    throw failed("push to " + pushUri, response);
  }

  @Override
  public PullResult pull(long since, int limit) {
    String separator = pullUri.getRawQuery() == null ? "?" : "&";
    URI uri = URI.create(pullUri + separator + "since=" + since + "&limit=" + limit);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
    HttpResponse<String> response = send(request, "pull from " + uri);
    if (response.statusCode() != 200) {
      throw failed("pull from " + uri, response);
    }
    try {
      return parsePull(response.body(), since);
    } catch (IOException | RuntimeException e) {
      throw new SyncException("unreadable answer to a pull from " + uri + ": " + e.getMessage(), 200, e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String what) {
    Map<String, String> extra = headers.get();
    if (extra != null) extra.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SyncException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(what + " was interrupted", e);
    }
  }

  private static SyncException failed(String what, HttpResponse<String> response) {
    String hint = response.statusCode() == 401 || response.statusCode() == 403
        ? "; check the credentials the headers(...) supplier sends"
        : "";
    return new SyncException(what + " answered HTTP " + response.statusCode() + hint + ": "
        + abbreviate(response.body()), response.statusCode(), null);
  }

  private static String abbreviate(String body) {
    if (body == null) return "";
    return body.length() <= MAX_ERROR_BODY ? body : body.substring(0, MAX_ERROR_BODY) + "...";
  }

  /** The protocol's push body for {@code events}. */
  static String encode(List<SyncEvent> events) {
    StringWriter out = new StringWriter(events.size() * 256);
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (SyncEvent event : events) {
        json.writeStartObject();
        json.writeStringField("eventId", event.eventId().toString());
        json.writeStringField("collectionId", event.collectionId());
        json.writeStringField("type", event.type().wireName());
        json.writeFieldName("key");
        if (event.numericKey()) json.writeNumber(event.key());
        else json.writeString(event.key());
        json.writeFieldName("payload");
        json.writeRawValue(event.payload());
        json.writeNumberField("timestamp", event.timestamp());
        if (!event.fields().isEmpty()) {
          json.writeArrayFieldStart("fields");
          for (String field : event.fields()) json.writeString(field);
          json.writeEndArray();
        }
        if (event.clientId() != null) json.writeStringField("clientId", event.clientId());
        if (event.schemaVersion() != null) json.writeNumberField("schemaVersion", event.schemaVersion());
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode events", e);
    }
    return out.toString();
  }

  private static List<Confirmation> parseConfirmations(String body) throws IOException {
    List<Confirmation> confirmations = new ArrayList<>();
    try (JsonParser json = JsonValues.FACTORY.createParser(body)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, json);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (!"confirmed".equals(name)) {
          json.skipChildren();
          continue;
        }
        expect(value, JsonToken.START_ARRAY, json);
        while (json.nextToken() == JsonToken.START_OBJECT) {
          UUID eventId = null;
          long globalSeq = -1;
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String member = json.currentName();
            json.nextToken();
            if ("eventId".equals(member)) eventId = UUID.fromString(json.getText());
            else if ("globalSeq".equals(member)) globalSeq = json.getValueAsLong(-1);
            else json.skipChildren();
          }
          if (eventId == null || globalSeq < 1) {
            throw new IOException("a confirmation lacks eventId or a positive globalSeq");
          }
          confirmations.add(new Confirmation(eventId, globalSeq));
        }
      }
    }
    return confirmations;
  }

  private static List<Rejection> parseRejections(String body) throws IOException {
    List<Rejection> rejections = new ArrayList<>();
    String error = "invalid request";
    try (JsonParser json = JsonValues.FACTORY.createParser(body)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, json);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if ("error".equals(name) && value == JsonToken.VALUE_STRING) {
          error = json.getText();
        } else if ("details".equals(name) && value == JsonToken.START_ARRAY) {
          while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.START_OBJECT) {
              rejections.add(new Rejection(-1, null, json.getText()));
              json.skipChildren();
              continue;
            }
            int index = -1;
            String field = null;
            String message = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
              String member = json.currentName();
              json.nextToken();
              if ("index".equals(member)) index = json.getValueAsInt(-1);
              else if ("field".equals(member)) field = json.getValueAsString();
              else if ("message".equals(member)) message = json.getValueAsString();
              else json.skipChildren();
            }
            rejections.add(new Rejection(index, field, message == null ? "invalid" : message));
          }
        } else {
          json.skipChildren();
        }
      }
    }
    if (rejections.isEmpty()) rejections.add(new Rejection(-1, null, error));
    return rejections;
  }

  private static PullResult parsePull(String body, long since) throws IOException {
    List<SyncEvent> events = new ArrayList<>();
    long cursor = since;
    boolean hasMore = false;
    try (JsonParser json = JsonValues.FACTORY.createParser(body)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, json);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        switch (name) {
          case "events":
            expect(value, JsonToken.START_ARRAY, json);
            while (json.nextToken() == JsonToken.START_OBJECT) {
              events.add(parseEvent(json));
            }
            break;
          case "cursor":
            cursor = value == JsonToken.VALUE_STRING ? Long.parseLong(json.getText()) : json.getLongValue();
            break;
          case "hasMore":
            hasMore = json.getBooleanValue();
            break;
          default:
            json.skipChildren();
        }
      }
    }
    return new PullResult(events, cursor, hasMore);
  }

  private static SyncEvent parseEvent(JsonParser json) throws IOException {
    UUID eventId = null;
    String collectionId = null;
    EventType type = null;
    String key = null;
    boolean numericKey = false;
    String payload = null;
    List<String> fields = List.of();
    long timestamp = 0;
    String clientId = null;
    Integer schemaVersion = null;
    Long globalSeq = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String member = json.currentName();
      JsonToken value = json.nextToken();
      switch (member) {
        case "eventId":
          eventId = UUID.fromString(json.getText());
          break;
        case "collectionId":
          collectionId = json.getText();
          break;
        case "type":
          type = EventType.fromWireName(json.getText());
          break;
        case "key":
          numericKey = value == JsonToken.VALUE_NUMBER_INT;
          key = json.getText();
          break;
        case "payload":
          expect(value, JsonToken.START_OBJECT, json);
          StringWriter out = new StringWriter();
          try (JsonGenerator copy = JsonValues.FACTORY.createGenerator(out)) {
            copy.copyCurrentStructure(json);
          }
          payload = out.toString();
          break;
        case "fields":
          if (value == JsonToken.START_ARRAY) {
            List<String> names = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
              if (token == JsonToken.VALUE_STRING) names.add(json.getText());
              else json.skipChildren(); // not a component name: ignored
            }
            fields = names;
          } else {
            json.skipChildren();
          }
          break;
        case "timestamp":
          timestamp = json.getValueAsLong();
          break;
        case "clientId":
          clientId = value == JsonToken.VALUE_NULL ? null : json.getText();
          break;
        case "schemaVersion":
          schemaVersion = value == JsonToken.VALUE_NULL ? null : json.getValueAsInt();
          break;
        case "globalSeq":
          globalSeq = value == JsonToken.VALUE_STRING ? Long.parseLong(json.getText()) : json.getLongValue();
          break;
        default:
          json.skipChildren();
      }
    }
    if (eventId == null || collectionId == null || type == null || key == null || payload == null
        || globalSeq == null) {
      throw new IOException("a pulled event lacks one of eventId, collectionId, type, key, payload, globalSeq");
    }
    return new SyncEvent(eventId, collectionId, type, key, numericKey, payload, fields, timestamp, clientId,
        schemaVersion, globalSeq);
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser json) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual + " at " + json.currentLocation());
    }
  }

  @Override
  public String toString() {
    return "HttpSyncTransport[" + (pushUri.equals(pullUri) ? pushUri : "push " + pushUri + ", pull " + pullUri) + "]";
  }
}
