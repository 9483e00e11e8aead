package dev.eventsourced.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's rules for events, in one place. {@link SyncJson} applies them while it reads a
 * push (refusing it for any broken rule) or a pull page (skipping or keeping an event that breaks
 * one: see {@link SyncJson#readPullPage}); {@link #validatePush} applies them to events built in
 * process (a backend that is called without HTTP, a custom transport).
 *
 * <ul>
 *   <li>a push holds 1..{@value #MAX_BATCH} events;
 *   <li>{@code eventId} is a UUID (on the wire: 8-4-4-4-12 hex digits);
 *   <li>{@code collectionId}, {@code clientId} and each of {@code fields} is a name: non-empty, at
 *       most {@value #MAX_NAME_LENGTH} characters, no U+0000, no unpaired surrogate;
 *   <li>{@code key} is a non-empty string or a JSON number; {@code payload} is one JSON object;
 *   <li>{@code timestamp} is a positive integer (epoch milliseconds); {@code schemaVersion}, when
 *       given, a positive integer; {@code globalSeq}, on pull, a positive integer;
 *   <li>{@code fields} only on an update (the fold reads them only there).
 * </ul>
 */
public final class EventRules {

  /** Events in one push, at most. */
  public static final int MAX_BATCH = 500;

  /** Longest collectionId, clientId or field name, in UTF-16 chars. */
  public static final int MAX_NAME_LENGTH = 256;

  private EventRules() {}

  /**
   * Every problem with a batch to push, each naming the event's index and the member; empty when
   * the batch may be stored. A {@code globalSeq} on a pushed event is ignored, not refused.
   */
  public static List<Rejection> validatePush(List<SyncEvent> events) {
    List<Rejection> problems = new ArrayList<>();
    if (events.isEmpty() || events.size() > MAX_BATCH) {
      problems.add(
          Rejection.ofRequest(
              "events", "must hold 1.." + MAX_BATCH + " events, got " + events.size()));
      return problems;
    }
    for (int i = 0; i < events.size(); i++) {
      SyncEvent event = events.get(i);
      if (event == null) {
        problems.add(Rejection.atEvent(i, "event", "must not be null"));
        continue;
      }
      checkEvent(i, event, problems);
    }
    return problems;
  }

  /**
   * Adds every problem with {@code event}, the event at {@code index} of a batch, to {@code
   * problems}.
   */
  public static void checkEvent(int index, SyncEvent event, List<Rejection> problems) {
    String key = keyProblem(event.key(), event.numericKey());
    if (key != null) {
      problems.add(Rejection.atEvent(index, "key", key));
    }
    String payload = payloadProblem(event.payload());
    if (payload != null) {
      problems.add(Rejection.atEvent(index, "payload", payload));
    }
    checkValues(index, event, !event.fields().isEmpty(), problems);
  }

  /**
   * The rules on decoded values, which a reader checks once it has the whole event: names,
   * timestamp, schema version, and fields only on updates ({@code fieldsGiven}: the event carried a
   * {@code fields} member, even an empty one).
   */
  static void checkValues(
      int index, SyncEvent event, boolean fieldsGiven, List<Rejection> problems) {
    checkName(index, "collectionId", event.collectionId(), problems);
    if (event.timestamp() <= 0) {
      problems.add(
          Rejection.atEvent(
              index,
              "timestamp",
              "must be a positive integer (epoch milliseconds), got " + event.timestamp()));
    }
    if (event.clientId() != null) {
      checkName(index, "clientId", event.clientId(), problems);
    }
    if (event.schemaVersion() != null && event.schemaVersion() <= 0) {
      problems.add(
          Rejection.atEvent(
              index, "schemaVersion", "must be a positive integer, got " + event.schemaVersion()));
    }
    if (fieldsGiven && event.type() != EventType.UPDATE) {
      problems.add(
          Rejection.atEvent(
              index,
              "fields",
              "is only allowed on type update, this event has type "
                  + event.type().wireName()
                  + "; drop fields or send an update"));
    }
    for (int f = 0; f < event.fields().size(); f++) {
      checkName(index, "fields[" + f + "]", event.fields().get(f), problems);
    }
  }

  private static void checkName(int index, String field, String value, List<Rejection> problems) {
    String problem = nameProblem(value);
    if (problem != null) {
      problems.add(Rejection.atEvent(index, field, problem));
    }
  }

  /**
   * What is wrong with a name (a collection id, client id or field name), or {@code null}: it is
   * stored and compared as text, so it is non-empty, at most {@value #MAX_NAME_LENGTH} chars, has
   * no U+0000 (PostgreSQL text cannot hold it) and no unpaired surrogate (not Unicode text).
   */
  public static String nameProblem(String value) {
    if (value.isEmpty()) {
      return "must be a non-empty string, got \"\"";
    }
    if (value.length() > MAX_NAME_LENGTH) {
      return "must be at most " + MAX_NAME_LENGTH + " characters, got " + value.length();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        return "must not contain U+0000, got " + Texts.quote(value);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be valid Unicode text, got an unpaired surrogate \\u"
            + String.format("%04X", (int) c)
            + " at character "
            + i;
      }
    }
    return null;
  }

  /**
   * What is wrong with a key, or {@code null}: a non-empty string, or the text of a JSON number.
   */
  static String keyProblem(String key, boolean numericKey) {
    if (numericKey) {
      return isJsonNumber(key)
          ? null
          : "must be the text of a JSON number when numericKey is set, got " + Texts.quote(key);
    }
    return key.isEmpty() ? "must be a non-empty string or a number, got \"\"" : null;
  }

  /** What is wrong with a payload, or {@code null}: the JSON text of exactly one object. */
  static String payloadProblem(String payload) {
    String expected = "must be the JSON text of an object";
    try (JsonParser parser = SyncJson.FACTORY.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return expected + ", got " + Texts.quote(payload);
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return expected + " and nothing else, got " + Texts.quote(payload);
      }
      return null;
    } catch (JsonProcessingException e) {
      return expected + ", got malformed JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      throw new IllegalStateException("reading a String cannot fail", e);
    }
  }

  /**
   * Whether {@code text} is a JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
   */
  static boolean isJsonNumber(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && text.charAt(i) == '-') i++;
    if (i >= n) return false;
    if (text.charAt(i) == '0') {
      i++;
    } else if (isDigit(text.charAt(i))) {
      while (i < n && isDigit(text.charAt(i))) i++;
    } else {
      return false;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && isDigit(text.charAt(i))) i++;
      if (i == start) return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) i++;
      int start = i;
      while (i < n && isDigit(text.charAt(i))) i++;
      if (i == start) return false;
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
