package dev.eventsourced.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads one protocol body with Jackson's streaming parser, checking every rule and collecting every
 * problem with its event index and member name. Payloads are kept as the exact JSON text read,
 * number keys as their exact number text. One instance per body.
 */
final class BodyReader {

  /** At most this many problems are listed; the rest are counted in one more. */
  static final int MAX_LISTED_PROBLEMS = 100;

  // The members of an event, one bit each, to find repeated members without a set per event.
  private static final int EVENT_ID = 1;
  private static final int COLLECTION_ID = 1 << 1;
  private static final int TYPE = 1 << 2;
  private static final int KEY = 1 << 3;
  private static final int PAYLOAD = 1 << 4;
  private static final int TIMESTAMP = 1 << 5;
  private static final int FIELDS = 1 << 6;
  private static final int CLIENT_ID = 1 << 7;
  private static final int SCHEMA_VERSION = 1 << 8;
  private static final int GLOBAL_SEQ = 1 << 9;

  /** Optional members: {@code null} counts as absent. */
  private static final int OPTIONAL = FIELDS | CLIENT_ID | SCHEMA_VERSION;

  private final String body;
  private final JsonParser parser;
  private final List<Rejection> problems = new ArrayList<>();

  /** The event being read, for a malformed-JSON message; -1 outside events. */
  private int currentIndex = -1;

  /** The id of the last event read, as written. */
  private String eventIdAsSent;

  private BodyReader(String body) throws IOException {
    this.body = body;
    this.parser = SyncJson.FACTORY.createParser(body);
  }

  @FunctionalInterface
  private interface Read<T> {
    T from(BodyReader reader) throws IOException;
  }

  static PushRequest readPushRequest(String body) {
    return read(body, BodyReader::pushRequest);
  }

  static PullResult readPullPage(String body) {
    return read(body, BodyReader::pullPage);
  }

  static List<Confirmation> readConfirmations(String body) {
    return read(body, BodyReader::confirmations);
  }

  static List<Rejection> readRejections(String body) {
    return read(body, BodyReader::rejections);
  }

  private static <T> T read(String body, Read<T> read) {
    BodyReader reader;
    try {
      reader = new BodyReader(body);
    } catch (IOException e) {
      throw new IllegalStateException("a parser over a String cannot fail to open", e);
    }
    try {
      return read.from(reader);
    } catch (JsonProcessingException e) {
      throw malformed(e, reader.currentIndex);
    } catch (IOException e) {
      throw new IllegalStateException("reading from a String cannot fail", e);
    } finally {
      try {
        reader.parser.close();
      } catch (IOException ignored) {
        // nothing to release for a String source
      }
    }
  }

  // ---- push request ----------------------------------------------------------------------------

  private PushRequest pushRequest() throws IOException {
    int max = EventRules.MAX_BATCH;
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw refused(
          "invalid request", "body", "is empty; send a JSON array of 1.." + max + " events");
    }
    if (token != JsonToken.START_ARRAY) {
      throw refused(
          "invalid request",
          "body",
          "must be a JSON array of 1.." + max + " events, got " + describeAndSkip());
    }
    List<SyncEvent> events = new ArrayList<>();
    List<String> idsAsSent = new ArrayList<>();
    int count = 0;
    while (nextInArray() != JsonToken.END_ARRAY) {
      currentIndex = count;
      if (count >= max) {
        parser.skipChildren(); // still read the rest, to count it and to find malformed JSON
      } else {
        SyncEvent event = pushedEvent(count);
        if (event != null) {
          events.add(event);
          idsAsSent.add(eventIdAsSent);
        }
      }
      count++;
    }
    currentIndex = -1;
    requireEnd("invalid request", "array", "send exactly one JSON array");
    if (count == 0 || count > max) {
      throw refused(
          "invalid request",
          "body",
          "must hold 1.."
              + max
              + " events, got "
              + count
              + (count == 0 ? "" : "; split the push into batches of at most " + max));
    }
    if (!problems.isEmpty()) {
      throw new WireFormatException("invalid events", listed(problems));
    }
    return new PushRequest(events, idsAsSent);
  }

  // ---- pull page -------------------------------------------------------------------------------

  private PullResult pullPage() throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      throw refused(
          "invalid page",
          "body",
          "must be a JSON object {\"events\":[...],\"cursor\":\"n\",\"hasMore\":b}, got "
              + (token == null ? "nothing" : describeAndSkip()));
    }
    List<SyncEvent> events = new ArrayList<>();
    List<SkippedEvent> skipped = new ArrayList<>();
    boolean eventsSeen = false;
    Long cursor = null;
    boolean cursorSeen = false;
    Boolean hasMore = null;
    boolean hasMoreSeen = false;
    Long head = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "events":
          if (eventsSeen) {
            problems.add(Rejection.ofRequest(name, "is given twice; send each member once"));
            parser.skipChildren();
          } else if (value != JsonToken.START_ARRAY) {
            problems.add(
                Rejection.ofRequest(name, "must be an array of events, got " + describeAndSkip()));
          } else {
            int index = 0;
            while (nextInArray() != JsonToken.END_ARRAY) {
              currentIndex = index;
              Object event = pulledEvent(index);
              if (event instanceof SyncEvent) {
                events.add((SyncEvent) event);
              } else if (event instanceof SkippedEvent) {
                skipped.add((SkippedEvent) event);
              }
              index++;
            }
            currentIndex = -1;
          }
          eventsSeen = true;
          break;
        case "cursor":
          if (cursorSeen) {
            problems.add(Rejection.ofRequest(name, "is given twice; send each member once"));
            parser.skipChildren();
          } else {
            cursor = readCursor();
          }
          cursorSeen = true;
          break;
        case "hasMore":
          if (hasMoreSeen) {
            problems.add(Rejection.ofRequest(name, "is given twice; send each member once"));
            parser.skipChildren();
          } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            hasMore = value == JsonToken.VALUE_TRUE;
          } else {
            problems.add(
                Rejection.ofRequest(name, "must be true or false, got " + describeAndSkip()));
          }
          hasMoreSeen = true;
          break;
        case "head":
          head = readHead();
          break;
        default:
          parser.skipChildren(); // unknown members are tolerated
      }
    }
    requireEnd("invalid page", "object", "send exactly one JSON object");
    if (!eventsSeen) {
      problems.add(Rejection.ofRequest("events", "is required"));
    }
    if (!cursorSeen) {
      problems.add(Rejection.ofRequest("cursor", "is required"));
    }
    if (!hasMoreSeen) {
      problems.add(Rejection.ofRequest("hasMore", "is required"));
    }
    if (!problems.isEmpty()) {
      throw new WireFormatException("invalid page", listed(problems));
    }
    return new PullResult(events, cursor, hasMore, skipped, head);
  }

  /** The optional {@code head}: advisory, so one that is not a count is ignored, not an error. */
  private Long readHead() throws IOException {
    Long head = sequenceNumber();
    if (head == null && !parser.currentToken().isScalarValue()) parser.skipChildren();
    return head;
  }

  /** A non-negative sequence number, as a JSON integer or its decimal text; else {@code null}. */
  private Long sequenceNumber() throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      if (!text.isEmpty()
          && text.length() <= 19
          && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
          return null;
        }
      }
      return null;
    }
    if (token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        && parser.getLongValue() >= 0) {
      return parser.getLongValue();
    }
    return null;
  }

  private Long readCursor() throws IOException {
    String rule = "must be a non-negative integer or its text (the last globalSeq of the page)";
    Long cursor = sequenceNumber();
    if (cursor != null) return cursor;
    String got =
        parser.currentToken() == JsonToken.VALUE_STRING
            ? Texts.quote(parser.getText())
            : describeAndSkip();
    problems.add(Rejection.ofRequest("cursor", rule + ", got " + got));
    return null;
  }

  // ---- push response ---------------------------------------------------------------------------

  private List<Confirmation> confirmations() throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      throw refused(
          "invalid push response",
          "body",
          "must be a JSON object {\"confirmed\":[...]}, got "
              + (token == null ? "nothing" : describeAndSkip()));
    }
    List<Confirmation> confirmations = new ArrayList<>();
    boolean seen = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!name.equals("confirmed")) {
        parser.skipChildren();
      } else if (seen) {
        problems.add(Rejection.ofRequest(name, "is given twice; send each member once"));
        parser.skipChildren();
      } else if (value != JsonToken.START_ARRAY) {
        seen = true;
        problems.add(
            Rejection.ofRequest(
                name, "must be an array of {\"eventId\",\"globalSeq\"}, got " + describeAndSkip()));
      } else {
        seen = true;
        int index = 0;
        while (nextInArray() != JsonToken.END_ARRAY) {
          Confirmation confirmation = confirmation("confirmed[" + index + "]");
          if (confirmation != null) {
            confirmations.add(confirmation);
          }
          index++;
        }
      }
    }
    requireEnd("invalid push response", "object", "send exactly one JSON object");
    if (!seen) {
      problems.add(Rejection.ofRequest("confirmed", "is required"));
    }
    if (!problems.isEmpty()) {
      throw new WireFormatException("invalid push response", listed(problems));
    }
    return confirmations;
  }

  private Confirmation confirmation(String where) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      problems.add(Rejection.ofRequest(where, "must be a JSON object, got " + describeAndSkip()));
      return null;
    }
    int before = problems.size();
    UUID eventId = null;
    Long globalSeq = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("eventId")) {
        String text = readEventId(Rejection.NO_INDEX, where + ".eventId");
        eventId = text == null ? null : UUID.fromString(text);
      } else if (name.equals("globalSeq")) {
        globalSeq =
            readPositiveLong(
                Rejection.NO_INDEX, where + ".globalSeq", "must be a positive integer");
      } else {
        parser.skipChildren();
      }
    }
    if (eventId == null && problems.size() == before) {
      problems.add(Rejection.ofRequest(where + ".eventId", "is required"));
    }
    if (globalSeq == null && problems.size() == before) {
      problems.add(Rejection.ofRequest(where + ".globalSeq", "is required"));
    }
    return problems.size() > before ? null : new Confirmation(eventId, globalSeq);
  }

  // ---- refusal ---------------------------------------------------------------------------------

  private List<Rejection> rejections() throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      throw refused(
          "invalid error response",
          "body",
          "must be a JSON object {\"error\",\"details\"}, got "
              + (token == null ? "nothing" : describeAndSkip()));
    }
    String error = null;
    List<Rejection> details = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("error") && value == JsonToken.VALUE_STRING) {
        error = parser.getText();
      } else if (name.equals("details") && value == JsonToken.START_ARRAY) {
        while (nextInArray() != JsonToken.END_ARRAY) {
          details.add(rejection());
        }
      } else {
        parser.skipChildren();
      }
    }
    if (details.isEmpty()) {
      details.add(Rejection.ofRequest(null, error == null ? "refused without a reason" : error));
    }
    return details;
  }

  private Rejection rejection() throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return Rejection.ofRequest(null, describeAndSkip());
    }
    int index = Rejection.NO_INDEX;
    String field = null;
    String message = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("index")
          && value == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() == JsonParser.NumberType.INT
          && parser.getIntValue() >= 0) {
        index = parser.getIntValue();
      } else if (name.equals("field") && value == JsonToken.VALUE_STRING) {
        field = parser.getText();
      } else if (name.equals("message") && value == JsonToken.VALUE_STRING) {
        message = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return new Rejection(index, field, message == null ? "invalid" : message);
  }

  // ---- one event -------------------------------------------------------------------------------

  /**
   * The members of the event being read, as {@link #readMembers} found them: one per reader,
   * cleared for each event, so reading an event allocates no holder.
   */
  private static final class Members {
    int seen;
    String eventIdText;
    String collectionId;
    EventType type;
    String key;
    boolean numericKey;
    String payload;
    Long timestamp;
    List<String> fields;
    String clientId;
    Integer schemaVersion;
    Long globalSeq;

    void clear() {
      seen = 0;
      eventIdText = null;
      collectionId = null;
      type = null;
      key = null;
      numericKey = false;
      payload = null;
      timestamp = null;
      fields = null;
      clientId = null;
      schemaVersion = null;
      globalSeq = null;
    }

    /** The event; only once every required member was read without a problem. */
    SyncEvent toEvent() {
      return new SyncEvent(
          UUID.fromString(eventIdText),
          collectionId,
          type,
          key,
          numericKey,
          payload,
          fields,
          timestamp,
          clientId,
          schemaVersion,
          globalSeq);
    }
  }

  private final Members members = new Members();

  /** Reads the pushed event at {@code index}, or returns {@code null} after adding its problems. */
  private SyncEvent pushedEvent(int index) throws IOException {
    eventIdAsSent = null;
    if (!isEventObject(index)) {
      return null;
    }
    int problemsBefore = problems.size();
    Members m = readMembers(index, false);
    if (problems.size() > problemsBefore) {
      return null;
    }
    SyncEvent event = m.toEvent();
    EventRules.checkValues(index, event, m.fields != null, problems);
    if (problems.size() > problemsBefore) {
      return null;
    }
    eventIdAsSent = m.eventIdText;
    return event;
  }

  /**
   * Reads the pulled event at {@code index} leniently: a {@link SyncEvent} when it can be one, a
   * {@link SkippedEvent} when a required member is missing or breaks a rule, or {@code null} after
   * adding a problem to the page when the event has no readable {@code eventId} and {@code
   * globalSeq} (or is not an object): without them the page cannot be applied in order, exactly
   * once. A payload may be any JSON value (kept as its text, for the client's fold to judge); a
   * malformed optional member ({@code fields}, {@code clientId}, {@code schemaVersion}) counts as
   * absent, as does {@code fields} on an event that is not an update.
   */
  private Object pulledEvent(int index) throws IOException {
    if (!isEventObject(index)) {
      return null;
    }
    long start = parser.currentTokenLocation().getCharOffset();
    int problemsBefore = problems.size();
    Members m = readMembers(index, true);
    long end = parser.currentLocation().getCharOffset();

    // Sort this event's problems: its identity's stay with the page, an optional member's make it
    // absent, any other's skip the event.
    List<Rejection> own = problems.subList(problemsBefore, problems.size());
    List<Rejection> reasons = new ArrayList<>();
    boolean identityBroken = false;
    for (Rejection problem : own) {
      String field = problem.field();
      if (field.equals("eventId") || field.equals("globalSeq")) {
        identityBroken = true;
      } else if (field.equals("fields") || field.startsWith("fields[")) {
        m.fields = null;
      } else if (field.equals("clientId")) {
        m.clientId = null;
      } else if (field.equals("schemaVersion")) {
        m.schemaVersion = null;
      } else {
        reasons.add(problem);
      }
    }
    if (identityBroken) {
      own.removeIf(
          problem -> !problem.field().equals("eventId") && !problem.field().equals("globalSeq"));
      return null;
    }
    own.clear();
    if (!reasons.isEmpty()) {
      StringBuilder reason = new StringBuilder();
      for (Rejection problem : reasons) {
        reason
            .append(reason.length() == 0 ? "" : "; ")
            .append(problem.field())
            .append(": ")
            .append(problem.message());
      }
      return new SkippedEvent(
          UUID.fromString(m.eventIdText),
          m.globalSeq,
          reason.toString(),
          body.substring((int) start, (int) end));
    }
    if (m.type != EventType.UPDATE) {
      m.fields = null; // the fold reads fields only on an update
    }
    return m.toEvent();
  }

  /** Whether the current value is an object, else {@code false} after adding a problem. */
  private boolean isEventObject(int index) throws IOException {
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      return true;
    }
    problems.add(
        Rejection.atEvent(index, "event", "must be a JSON object, got " + describeAndSkip()));
    return false;
  }

  /**
   * Reads the members of the event object just started into {@link #members}, adding a problem for
   * each that breaks a rule of its own (it is then left {@code null}), is given twice, or is
   * required and missing. Unknown members are skipped; an optional member set to {@code null}
   * counts as absent. A {@code pulled} event has a {@code globalSeq} (ignored in a push) and a
   * payload of any JSON value, kept as its text; a pushed event's payload must be an object.
   */
  private Members readMembers(int index, boolean pulled) throws IOException {
    Members m = members;
    m.clear();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      int member = member(name, pulled);
      if (member == 0) {
        parser.skipChildren(); // unknown members are tolerated and dropped
        continue;
      }
      if ((m.seen & member) != 0) {
        problems.add(Rejection.atEvent(index, name, "is given twice; send each member once"));
        parser.skipChildren();
        continue;
      }
      m.seen |= member;
      if (value == JsonToken.VALUE_NULL && (member & OPTIONAL) != 0) {
        continue; // an optional member set to null counts as absent
      }
      switch (member) {
        case EVENT_ID:
          m.eventIdText = readEventId(index, "eventId");
          break;
        case COLLECTION_ID:
          m.collectionId = readName(index, name);
          break;
        case TYPE:
          m.type = readType(index);
          break;
        case KEY:
          m.numericKey =
              value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
          m.key = readKey(index);
          break;
        case PAYLOAD:
          m.payload = pulled ? anyValueText() : readPayload(index);
          break;
        case TIMESTAMP:
          m.timestamp =
              readPositiveLong(index, name, "must be a positive integer (epoch milliseconds)");
          break;
        case FIELDS:
          m.fields = readFields(index);
          break;
        case CLIENT_ID:
          m.clientId = readName(index, name);
          break;
        case SCHEMA_VERSION:
          Long version = readPositiveLong(index, name, "must be a positive integer");
          if (version != null && version > Integer.MAX_VALUE) {
            problems.add(
                Rejection.atEvent(
                    index, name, "must be at most " + Integer.MAX_VALUE + ", got " + version));
          } else if (version != null) {
            m.schemaVersion = version.intValue();
          }
          break;
        case GLOBAL_SEQ:
          m.globalSeq = readPositiveLong(index, name, "must be a positive integer");
          break;
        default:
          throw new IllegalStateException("member without a reader: " + name);
      }
    }
    requirePresent(index, m.seen, EVENT_ID, "eventId");
    if (pulled) {
      requirePresent(index, m.seen, GLOBAL_SEQ, "globalSeq");
    }
    requirePresent(index, m.seen, COLLECTION_ID, "collectionId");
    requirePresent(index, m.seen, TYPE, "type");
    requirePresent(index, m.seen, KEY, "key");
    requirePresent(index, m.seen, PAYLOAD, "payload");
    requirePresent(index, m.seen, TIMESTAMP, "timestamp");
    return m;
  }

  /** The exact text of the current value, whatever it is: an object or array read to its end. */
  private String anyValueText() throws IOException {
    long start = parser.currentTokenLocation().getCharOffset();
    if (parser.currentToken().isStructStart()) {
      parser.skipChildren();
    } else {
      parser.getText(); // a string is read to its closing quote only on demand
    }
    long end = parser.currentLocation().getCharOffset();
    return body.substring((int) start, (int) end);
  }

  /** The bit of a member of an event, or 0 for a member the protocol does not define (skipped). */
  private static int member(String name, boolean pulled) {
    switch (name) {
      case "eventId":
        return EVENT_ID;
      case "collectionId":
        return COLLECTION_ID;
      case "type":
        return TYPE;
      case "key":
        return KEY;
      case "payload":
        return PAYLOAD;
      case "timestamp":
        return TIMESTAMP;
      case "fields":
        return FIELDS;
      case "clientId":
        return CLIENT_ID;
      case "schemaVersion":
        return SCHEMA_VERSION;
      case "globalSeq":
        return pulled ? GLOBAL_SEQ : 0; // a backend assigns it: ignored in a push
      default:
        return 0;
    }
  }

  private void requirePresent(int index, int seen, int member, String name) {
    if ((seen & member) == 0) {
      problems.add(Rejection.atEvent(index, name, "is required"));
    }
  }

  /** The current value if it is a UUID string, else {@code null} after adding a problem. */
  private String readEventId(int index, String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      if (isUuidText(text)) {
        return text;
      }
      problems.add(
          problem(
              index, field, "must be a UUID (8-4-4-4-12 hex digits), got " + Texts.quote(text)));
      return null;
    }
    problems.add(problem(index, field, "must be a UUID string, got " + describeAndSkip()));
    return null;
  }

  private String readName(int index, String field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      problems.add(
          Rejection.atEvent(index, field, "must be a non-empty string, got " + describeAndSkip()));
      return null;
    }
    String text = parser.getText();
    String problem = EventRules.nameProblem(text);
    if (problem != null) {
      problems.add(Rejection.atEvent(index, field, problem));
      return null;
    }
    return text;
  }

  private EventType readType(int index) throws IOException {
    String expected = "must be one of \"insert\", \"update\", \"delete\", got ";
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      EventType type = EventType.findByWireName(text).orElse(null);
      if (type == null) {
        problems.add(Rejection.atEvent(index, "type", expected + Texts.quote(text)));
      }
      return type;
    }
    problems.add(Rejection.atEvent(index, "type", expected + describeAndSkip()));
    return null;
  }

  /** A string key unescaped, or a number key as its exact number text. */
  private String readKey(int index) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
      return parser.getText();
    }
    problems.add(
        Rejection.atEvent(
            index, "key", "must be a non-empty string or a number, got " + describeAndSkip()));
    return null;
  }

  private String readPayload(int index) throws IOException {
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      return rawValueText();
    }
    problems.add(
        Rejection.atEvent(index, "payload", "must be a JSON object, got " + describeAndSkip()));
    return null;
  }

  /** The exact text of the current value, an object read to its end. */
  private String rawValueText() throws IOException {
    long start = parser.currentTokenLocation().getCharOffset();
    parser.skipChildren();
    long end = parser.currentLocation().getCharOffset();
    return body.substring((int) start, (int) end);
  }

  private Long readPositiveLong(int index, String field, String rule) throws IOException {
    String problem;
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        problem = rule + ", got " + parser.getText() + " which is too large";
      } else {
        long value = parser.getLongValue();
        if (value > 0) {
          return value;
        }
        problem = rule + ", got " + value;
      }
    } else {
      problem = rule + ", got " + describeAndSkip();
    }
    problems.add(problem(index, field, problem));
    return null;
  }

  private List<String> readFields(int index) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      problems.add(
          Rejection.atEvent(
              index, "fields", "must be an array of non-empty strings, got " + describeAndSkip()));
      return null;
    }
    List<String> fields = new ArrayList<>();
    boolean ok = true;
    int f = 0;
    while (nextInArray() != JsonToken.END_ARRAY) {
      String field = readName(index, "fields[" + f + "]");
      ok &= field != null;
      fields.add(field);
      f++;
    }
    return ok ? fields : null;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * Whether {@code text} is 8-4-4-4-12 hex digits, either case (what {@link UUID#fromString} reads
   * exactly).
   */
  static boolean isUuidText(String text) {
    if (text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /** The next token inside an array; the parser reports an unclosed array as malformed JSON. */
  private JsonToken nextInArray() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw refused("malformed JSON", "body", "ends inside an array; close it with ]");
    }
    return token;
  }

  /** Fails unless the top-level value was the whole body. */
  private void requireEnd(String error, String value, String fix) throws IOException {
    if (parser.nextToken() != null) {
      throw refused(
          error,
          "body",
          "has more content after the "
              + value
              + " at "
              + location(parser.currentTokenLocation())
              + "; "
              + fix);
    }
  }

  /** Describes the current value for a message, and moves past it if it is an object or array. */
  private String describeAndSkip() throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        parser.skipChildren();
        return "an object";
      case START_ARRAY:
        parser.skipChildren();
        return "an array";
      case VALUE_STRING:
        return Texts.quote(parser.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getText();
      case VALUE_NULL:
        return "null";
      default:
        return token.toString();
    }
  }

  /**
   * A problem with the event at {@code index}, or with the body when it is {@link
   * Rejection#NO_INDEX}.
   */
  private static Rejection problem(int index, String field, String message) {
    return index == Rejection.NO_INDEX
        ? Rejection.ofRequest(field, message)
        : Rejection.atEvent(index, field, message);
  }

  private static WireFormatException refused(String error, String field, String message) {
    return new WireFormatException(error, List.of(Rejection.ofRequest(field, message)));
  }

  private static List<Rejection> listed(List<Rejection> problems) {
    if (problems.size() <= MAX_LISTED_PROBLEMS) {
      return problems;
    }
    List<Rejection> shown = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
    shown.add(
        Rejection.ofRequest(
            "events", (problems.size() - MAX_LISTED_PROBLEMS) + " more problems are not listed"));
    return shown;
  }

  private static WireFormatException malformed(JsonProcessingException e, int index) {
    String where = e.getLocation() == null ? "" : " at " + location(e.getLocation());
    String inEvent = index >= 0 ? " (in event " + index + ")" : "";
    return new WireFormatException(
        "malformed JSON",
        List.of(
            new Rejection(
                index >= 0 ? index : Rejection.NO_INDEX,
                "body",
                e.getOriginalMessage() + where + inEvent)));
  }

  private static String location(JsonLocation location) {
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
