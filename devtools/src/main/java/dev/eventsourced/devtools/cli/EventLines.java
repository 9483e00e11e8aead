package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PushRequest;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.protocol.SyncJson;
import dev.eventsourced.protocol.WireFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Events as NDJSON lines ({@code export}, {@code log --json}, {@code import}): each line is one
 * event in the sync protocol's wire shape, written and validated by the protocol's own codec
 * ({@link SyncJson}): {@code eventId}, {@code collectionId}, {@code type}, {@code key}, {@code
 * payload}, {@code timestamp}, and when set {@code fields}, {@code clientId}, {@code
 * schemaVersion}; then what the file's log adds: {@code globalSeq} (when the server gave one),
 * {@code localSeq}, {@code origin}, {@code status} and {@code error} (when set).
 */
final class EventLines {

  private static final Set<String> ORIGINS = Set.of("local", "remote");
  private static final Set<String> STATUSES = Set.of("pending", "synced", "rejected");

  private EventLines() {}

  /**
   * One event as a line (without the line break).
   *
   * @param collection the event's collection as the file describes it, or {@code null}
   * @param fileClientId the file's client id, given to local events as their {@code clientId}
   */
  static String write(StoredEvent event, StoredCollection collection, String fileClientId) {
    String clientId = event.clientId();
    if (clientId == null && "local".equals(event.origin())) clientId = fileClientId;
    String wire = wireObject(event, collection, clientId);
    StringWriter extras = new StringWriter();
    try (JsonGenerator json = Json.FACTORY.createGenerator(extras)) {
      json.writeStartObject();
      if (event.globalSeq() != null) json.writeNumberField("globalSeq", event.globalSeq());
      json.writeNumberField("localSeq", event.localSeq());
      json.writeStringField("origin", event.origin());
      json.writeStringField("status", event.status());
      if (event.error() != null) json.writeStringField("error", event.error());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // {wire members} + {extras}: drop the one's closing brace and the other's opening one
    return wire.substring(0, wire.length() - 1) + "," + extras.toString().substring(1);
  }

  /** The event's wire members, as one JSON object. */
  private static String wireObject(
      StoredEvent event, StoredCollection collection, String clientId) {
    UUID id = uuid(event.eventId());
    EventType type = eventType(event.type());
    if (id != null && type != null) {
      boolean numericKey =
          collection != null && collection.numericKey() && event.key().matches("-?[0-9]+");
      SyncEvent wire =
          new SyncEvent(
              id,
              event.collectionId(),
              type,
              event.key(),
              numericKey,
              event.payload(),
              event.fields(),
              event.timestamp(),
              clientId,
              event.schemaVersion(),
              null);
      String array = new String(SyncJson.writePushRequest(List.of(wire)), StandardCharsets.UTF_8);
      return array.substring(1, array.length() - 1);
    }
    // An id that is not a UUID, or a type the protocol does not know: the same members, written
    // here (import refuses such a line, as a server would).
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("eventId", event.eventId());
      json.writeStringField("collectionId", event.collectionId());
      json.writeStringField("type", event.type());
      json.writeStringField("key", event.key());
      json.writeFieldName("payload");
      json.writeRawValue(event.payload());
      json.writeNumberField("timestamp", event.timestamp());
      if (!event.fields().isEmpty()) {
        json.writeArrayFieldStart("fields");
        for (String field : event.fields()) json.writeString(field);
        json.writeEndArray();
      }
      if (clientId != null) json.writeStringField("clientId", clientId);
      json.writeNumberField("schemaVersion", event.schemaVersion());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static UUID uuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equals(text) ? id : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static EventType eventType(String text) {
    try {
      return EventType.fromWireName(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads and validates one line: the wire members by the protocol's rules (as a server checks a
   * push), the log's members by the log's.
   *
   * @throws CliException naming the line and every problem
   */
  static StoredEvent read(String line, long lineNumber) throws CliException {
    Object tree;
    try {
      tree = Json.parse(line);
    } catch (IOException | RuntimeException e) {
      String message =
          e instanceof JsonProcessingException jackson
              ? jackson.getOriginalMessage()
              : String.valueOf(e.getMessage());
      throw bad(lineNumber, "not one JSON value: " + TextTable.oneLine(message));
    }
    if (!(tree instanceof Map<?, ?> members)) {
      throw bad(lineNumber, "not a JSON object");
    }
    SyncEvent wire;
    try {
      PushRequest request = SyncJson.readPushRequest("[" + line + "]");
      wire = request.events().get(0);
    } catch (WireFormatException e) {
      StringBuilder problems = new StringBuilder(e.error());
      for (Rejection rejection : e.details()) {
        problems.append("; ");
        if (rejection.field() != null) problems.append(rejection.field()).append(": ");
        problems.append(rejection.message());
      }
      throw bad(lineNumber, TextTable.oneLine(problems.toString()));
    }
    Long globalSeq = positive(members, "globalSeq", lineNumber);
    String origin = word(members, "origin", ORIGINS, lineNumber);
    String status = word(members, "status", STATUSES, lineNumber);
    Object error = members.get("error");
    if (error != null && !(error instanceof String)) {
      throw bad(lineNumber, "error must be a string");
    }
    if (origin == null) origin = globalSeq == null ? "local" : "remote";
    if (status == null) status = globalSeq == null ? "pending" : "synced";
    if (status.equals("pending") && (globalSeq != null || origin.equals("remote"))) {
      throw bad(
          lineNumber,
          "a pending event is a local one without a globalSeq (the server has not confirmed it)");
    }
    if (origin.equals("remote") && globalSeq == null) {
      throw bad(lineNumber, "a remote event needs its globalSeq (the server's order)");
    }
    return new StoredEvent(
        0,
        wire.eventId().toString(),
        wire.collectionId(),
        wire.type().wireName(),
        wire.key(),
        wire.payload(),
        wire.fields(),
        wire.timestamp(),
        origin,
        globalSeq,
        status,
        wire.schemaVersion() == null ? 1 : wire.schemaVersion(),
        wire.clientId(),
        (String) error);
  }

  private static Long positive(Map<?, ?> members, String name, long lineNumber)
      throws CliException {
    Object value = members.get(name);
    if (value == null) return null;
    if (value instanceof BigDecimal number) {
      try {
        long seq = number.longValueExact();
        if (seq > 0) return seq;
      } catch (ArithmeticException e) {
        // falls through
      }
    }
    throw bad(lineNumber, name + " must be a positive whole number, got " + value);
  }

  private static String word(Map<?, ?> members, String name, Set<String> allowed, long lineNumber)
      throws CliException {
    Object value = members.get(name);
    if (value == null) return null;
    if (value instanceof String text && allowed.contains(text)) return text;
    throw bad(lineNumber, name + " must be one of " + allowed + ", got " + value);
  }

  static CliException bad(long lineNumber, String problem) {
    return CliException.trouble("line " + lineNumber + ": " + problem + "; nothing was imported");
  }
}
