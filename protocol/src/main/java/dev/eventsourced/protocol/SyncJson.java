package dev.eventsourced.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The protocol's JSON, both ways (docs/architecture.md, "The sync protocol"). Writers produce UTF-8
 * bytes; readers take the body as text, check the rules of {@link EventRules} and throw a {@link
 * WireFormatException} naming every problem (event index and member), never anything else for bad
 * input. A push is checked against every rule; a pull page is strict about its structure only and
 * lenient per event (see {@link #readPullPage}). Keys and payloads are kept as JSON text: a payload
 * is copied byte for byte, a number key keeps its spelling.
 *
 * <table>
 *   <caption>Messages</caption>
 *   <tr><td>push request</td><td>{@code [{"eventId","collectionId","type","key","payload","timestamp",
 *       "fields"?,"clientId"?,"schemaVersion"?}, ...]}</td>
 *       <td>{@link #writePushRequest}, {@link #readPushRequest}</td></tr>
 *   <tr><td>push response</td><td>{@code {"confirmed":[{"eventId","globalSeq"}, ...]}}</td>
 *       <td>{@link #writeConfirmations}, {@link #readConfirmations}</td></tr>
 *   <tr><td>refusal</td><td>{@code {"error","details":[{"index"?,"field","message"}, ...]}}</td>
 *       <td>{@link #writeError}, {@link #readRejections}</td></tr>
 *   <tr><td>pull page</td><td>{@code {"events":[{"globalSeq", ...the event..., "cursor"}, ...],"cursor":"n",
 *       "hasMore":b}}</td><td>{@link #writePullPage}, {@link #readPullPage}</td></tr>
 * </table>
 *
 * <p>Thread-safe; every method is static.
 */
public final class SyncJson {

  /** The factory every parser of the protocol is made by (default stream read constraints). */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          // A member name is text like any other (a map key can be as long as a string value):
          // Jackson's default cap on names (50,000 chars) would refuse values we store.
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNameLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                  .build())
          .build();

  private SyncJson() {}

  // ---- push request ----------------------------------------------------------------------------

  /**
   * The push body for {@code events}: a JSON array, each event's optional members only when set
   * ({@code fields} when non-empty). The payload and a number key are copied as they are, so they
   * must be valid JSON text ({@link EventRules#checkEvent} says whether they are); a {@code
   * globalSeq} is not sent.
   */
  public static byte[] writePushRequest(List<SyncEvent> events) {
    int estimate = 16;
    for (SyncEvent event : events) {
      estimate += 200 + event.payload().length() + event.key().length();
    }
    JsonBytes out = new JsonBytes(estimate);
    out.write('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      SyncEvent event = events.get(i);
      out.ascii("{\"eventId\":").uuid(event.eventId());
      writeEventBody(out, event, -1);
      out.write('}');
    }
    return out.write(']').toByteArray();
  }

  /**
   * Reads and validates a push body: a JSON array of 1..{@value EventRules#MAX_BATCH} events.
   * Unknown members are skipped; optional members set to {@code null} count as absent.
   *
   * @throws WireFormatException naming every problem: {@code invalid request} (not an array of
   *     1..500, content after it), {@code invalid events} (every problem of every event, up to 100)
   *     or {@code malformed JSON} (with line, column and event index)
   */
  public static PushRequest readPushRequest(String body) {
    return BodyReader.readPushRequest(body);
  }

  // ---- push response ---------------------------------------------------------------------------

  /** {@code {"confirmed":[{"eventId":...,"globalSeq":n},...]}}, ids in canonical form. */
  public static byte[] writeConfirmations(List<Confirmation> confirmations) {
    return writeConfirmations(confirmations, null);
  }

  /**
   * {@code {"confirmed":[{"eventId":...,"globalSeq":n},...]}}, with each id written as the client
   * sent it ({@link PushRequest#eventIdsAsSent()}), so that clients comparing ids as text match.
   */
  public static byte[] writeConfirmations(
      List<Confirmation> confirmations, List<String> eventIdsAsSent) {
    if (eventIdsAsSent != null && eventIdsAsSent.size() != confirmations.size()) {
      throw new IllegalArgumentException(
          confirmations.size() + " confirmations but " + eventIdsAsSent.size() + " ids");
    }
    JsonBytes out = new JsonBytes(32 + confirmations.size() * 72);
    out.ascii("{\"confirmed\":[");
    for (int i = 0; i < confirmations.size(); i++) {
      Confirmation confirmation = confirmations.get(i);
      out.ascii(i == 0 ? "{\"eventId\":" : ",{\"eventId\":");
      if (eventIdsAsSent == null) {
        out.uuid(confirmation.eventId());
      } else {
        out.string(eventIdsAsSent.get(i));
      }
      out.ascii(",\"globalSeq\":").number(confirmation.globalSeq()).write('}');
    }
    return out.ascii("]}").toByteArray();
  }

  /**
   * Reads a {@code 200} answer to a push: one confirmation per event, in the pushed order. Unknown
   * members are skipped.
   *
   * @throws WireFormatException when it is not {@code {"confirmed":[...]}} with a UUID {@code
   *     eventId} and a positive {@code globalSeq} in every entry
   */
  public static List<Confirmation> readConfirmations(String body) {
    return BodyReader.readConfirmations(body);
  }

  /**
   * A refusal: {@code {"error":...,"details":[{"index":i,"field":f,"message":m},...]}}; {@code
   * index} is left out when the problem is not one event's, {@code field} when there is none.
   */
  public static byte[] writeError(String error, List<Rejection> details) {
    JsonBytes out = new JsonBytes(128);
    out.ascii("{\"error\":").string(error).ascii(",\"details\":[");
    for (int i = 0; i < details.size(); i++) {
      Rejection rejection = details.get(i);
      out.ascii(i == 0 ? "{" : ",{");
      boolean first = true;
      if (rejection.hasIndex()) {
        out.ascii("\"index\":").number(rejection.index());
        first = false;
      }
      if (rejection.field() != null) {
        out.ascii(first ? "\"field\":" : ",\"field\":").string(rejection.field());
        first = false;
      }
      out.ascii(first ? "\"message\":" : ",\"message\":").string(rejection.message()).write('}');
    }
    return out.ascii("]}").toByteArray();
  }

  /**
   * Reads a refusal ({@code {"error","details"}}) leniently: whatever {@code details} holds is
   * kept; an entry without a valid {@code index} gets {@link Rejection#NO_INDEX}. With no details,
   * the one rejection is the {@code error} text.
   *
   * @throws WireFormatException when the body is not a JSON object
   */
  public static List<Rejection> readRejections(String body) {
    return BodyReader.readRejections(body);
  }

  // ---- pull page -------------------------------------------------------------------------------

  /**
   * {@code {"events":[...],"cursor":"n","hasMore":b}}; each event carries its {@code globalSeq}
   * first and a {@code cursor} (the same number, as a string), then its optional members when set.
   *
   * @throws IllegalArgumentException when an event has no {@code globalSeq}, or the page has {@link
   *     PullResult#skipped() skipped} events (a page read from elsewhere: writing it would drop
   *     them)
   */
  public static byte[] writePullPage(PullResult page) {
    if (!page.skipped().isEmpty()) {
      throw new IllegalArgumentException(
          "a pull page with "
              + page.skipped().size()
              + " skipped events cannot be"
              + " written: they would be lost; the first is "
              + page.skipped().get(0).eventId());
    }
    int estimate = 64;
    for (SyncEvent event : page.events()) {
      estimate += 240 + event.payload().length() + event.key().length();
    }
    JsonBytes out = new JsonBytes(estimate);
    out.ascii("{\"events\":[");
    for (int i = 0; i < page.events().size(); i++) {
      SyncEvent event = page.events().get(i);
      if (event.globalSeq() == null) {
        throw new IllegalArgumentException(
            "event " + event.eventId() + " of a pull page has no globalSeq");
      }
      long seq = event.globalSeq();
      out.ascii(i == 0 ? "{\"globalSeq\":" : ",{\"globalSeq\":")
          .number(seq)
          .ascii(",\"eventId\":")
          .uuid(event.eventId());
      writeEventBody(out, event, seq);
      out.write('}');
    }
    out.ascii("],\"cursor\":\"")
        .number(page.cursor())
        .ascii(page.hasMore() ? "\",\"hasMore\":true" : "\",\"hasMore\":false");
    if (page.head() != null) out.ascii(",\"head\":\"").number(page.head()).ascii("\"");
    out.write('}');
    return out.toByteArray();
  }

  /**
   * Reads a pull page: strict about what the page's order and exactly-once delivery rest on,
   * lenient about each event's content, so that one bad event served by an older or third-party
   * backend is reported and skipped rather than blocking every later sync.
   *
   * <p>The page is refused when it is not one JSON object, when {@code events} is missing or not an
   * array, {@code cursor} is missing or not a non-negative integer (a number or its text), {@code
   * hasMore} is missing or not a boolean, or an event is not an object or lacks a UUID {@code
   * eventId} or a positive integer {@code globalSeq} (each given once).
   *
   * <p>Every other problem is the event's own:
   *
   * <ul>
   *   <li>kept in a {@link SyncEvent}, for the client's fold to judge: a {@code payload} that is
   *       any JSON value (its text, as served); a malformed or repeated optional member ({@code
   *       fields}, {@code clientId}, {@code schemaVersion}) counts as absent, and so do {@code
   *       fields} on an event that is not an update;
   *   <li>listed in {@link PullResult#skipped()}, with every reason in the words of a push's
   *       validation: a missing, repeated or invalid {@code collectionId}, {@code type}, {@code
   *       key} or {@code timestamp}, or a missing or repeated {@code payload}.
   * </ul>
   *
   * <p>An event's {@code cursor} member and unknown members are skipped. Whether the events are in
   * order is for the caller to check.
   *
   * @throws WireFormatException naming every problem of the page: {@code invalid page} or {@code
   *     malformed JSON}
   */
  public static PullResult readPullPage(String body) {
    return BodyReader.readPullPage(body);
  }

  // ---- keys as JSON text -----------------------------------------------------------------------

  /** The key as the JSON value it travels as: the number text, or a quoted and escaped string. */
  public static String keyToJson(String key, boolean numericKey) {
    if (numericKey) {
      return key;
    }
    return new String(
        new JsonBytes(key.length() + 2).string(key).toByteArray(), StandardCharsets.UTF_8);
  }

  /** Whether {@code keyJson}, a key's JSON value, is a number (else it is a string). */
  public static boolean isNumericKeyJson(String keyJson) {
    return keyJson.isEmpty() || keyJson.charAt(0) != '"';
  }

  /**
   * The key's text from its JSON value ({@link #keyToJson}): the number text as it is, the string
   * unescaped.
   *
   * @throws IllegalArgumentException when {@code keyJson} is neither a JSON number nor a JSON
   *     string
   */
  public static String keyFromJson(String keyJson) {
    if (isNumericKeyJson(keyJson)) {
      if (!EventRules.isJsonNumber(keyJson)) {
        throw new IllegalArgumentException(
            "not the JSON text of a number or a string: " + Texts.quote(keyJson));
      }
      return keyJson;
    }
    int last = keyJson.length() - 1;
    if (last >= 1 && keyJson.charAt(last) == '"' && isPlainStringBody(keyJson, 1, last)) {
      return keyJson.substring(1, last); // the usual case, without a parser
    }
    try (JsonParser parser = FACTORY.createParser(keyJson)) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        throw new IllegalArgumentException(
            "not the JSON text of a string: " + Texts.quote(keyJson));
      }
      String key = parser.getText();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("more than one JSON value: " + Texts.quote(keyJson));
      }
      return key;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not the JSON text of a string: " + Texts.quote(keyJson) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the chars from {@code start} to {@code end} need no unescaping: no backslash, quote or
   * control character.
   */
  private static boolean isPlainStringBody(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '"' || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  // ---- shared ----------------------------------------------------------------------------------

  /**
   * The members after {@code eventId}, in the order both ends write them; a pulled event's {@code
   * cursor} (its {@code globalSeq} as a string) between the required and the optional members.
   *
   * @param cursor the pulled event's globalSeq, or -1 in a push
   */
  private static void writeEventBody(JsonBytes out, SyncEvent event, long cursor) {
    out.ascii(",\"collectionId\":")
        .string(event.collectionId())
        .ascii(",\"type\":\"")
        .ascii(event.type().wireName())
        .ascii("\",\"key\":");
    if (event.numericKey()) {
      out.raw(event.key());
    } else {
      out.string(event.key());
    }
    out.ascii(",\"payload\":")
        .raw(event.payload())
        .ascii(",\"timestamp\":")
        .number(event.timestamp());
    if (cursor >= 0) {
      out.ascii(",\"cursor\":\"").number(cursor).write('"');
    }
    writeOptionalMembers(out, event);
  }

  private static void writeOptionalMembers(JsonBytes out, SyncEvent event) {
    if (!event.fields().isEmpty()) {
      out.ascii(",\"fields\":[");
      for (int f = 0; f < event.fields().size(); f++) {
        if (f > 0) {
          out.write(',');
        }
        out.string(event.fields().get(f));
      }
      out.write(']');
    }
    if (event.clientId() != null) {
      out.ascii(",\"clientId\":").string(event.clientId());
    }
    if (event.schemaVersion() != null) {
      out.ascii(",\"schemaVersion\":").number(event.schemaVersion());
    }
  }
}
