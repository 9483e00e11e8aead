package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The push body, both ways: what the client writes the server reads back, and every broken member
 * is named.
 */
class PushRequestTest {

  private static final String ID = "0b6a3c1e-6f0e-4a53-9a55-3c1d1b5f2a10";
  private static final String VALID =
      "{\"eventId\":\""
          + ID
          + "\",\"collectionId\":\"todos\",\"type\":\"insert\","
          + "\"key\":\"todo-1\",\"payload\":{\"title\":\"Buy milk\"},\"timestamp\":1700000000123}";

  private static SyncEvent event(String key, boolean numericKey, String payload) {
    return new SyncEvent(
        UUID.randomUUID(),
        "todos",
        EventType.INSERT,
        key,
        numericKey,
        payload,
        null,
        1_700_000_000_123L,
        null,
        null,
        null);
  }

  private static PushRequest read(String body) {
    return SyncJson.readPushRequest(body);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void writtenEvents_readBackEqual_allMembers() {
    SyncEvent update =
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.UPDATE,
            "todo-1",
            false,
            "{\"status\":\"COMPLETE\",\"updatedAt\":1700000000123}",
            List.of("status", "updatedAt"),
            1_700_000_000_123L,
            "laptop-7",
            3,
            null);
    SyncEvent insert = event("42", true, "{}");
    SyncEvent delete =
        new SyncEvent(
            UUID.randomUUID(),
            "users",
            EventType.DELETE,
            "u",
            false,
            "{}",
            null,
            5,
            null,
            null,
            null);

    PushRequest read = read(text(SyncJson.writePushRequest(List.of(update, insert, delete))));

    assertThat(read.events()).containsExactly(update, insert, delete);
    assertThat(read.eventIdsAsSent())
        .containsExactly(
            update.eventId().toString(), insert.eventId().toString(), delete.eventId().toString());
  }

  @Test
  void writer_leavesOutOptionalMembersThatAreNotSet_andNeverSendsGlobalSeq() {
    SyncEvent event = event("k", false, "{}").withGlobalSeq(9);

    String json = text(SyncJson.writePushRequest(List.of(event)));

    assertThat(json)
        .isEqualTo(
            "[{\"eventId\":\""
                + event.eventId()
                + "\",\"collectionId\":\"todos\",\"type\":\"insert\","
                + "\"key\":\"k\",\"payload\":{},\"timestamp\":1700000000123}]");
  }

  @Test
  void numberKeys_keepTheirSpelling_stringKeysStayStrings() {
    String[] numbers = {
      "42", "-7", "0", "1.50", "6.02e23", "1E+2", "-0.0", "12345678901234567890123"
    };
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < numbers.length; i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              VALID.replace("\"todo-1\"", numbers[i]).replace(ID, UUID.randomUUID().toString()));
    }
    body.append(',').append(VALID.replace("\"todo-1\"", "\"42\""));

    List<SyncEvent> events = read(body.append(']').toString()).events();

    for (int i = 0; i < numbers.length; i++) {
      assertThat(events.get(i).key()).isEqualTo(numbers[i]);
      assertThat(events.get(i).numericKey()).isTrue();
    }
    assertThat(events.get(numbers.length).key()).isEqualTo("42");
    assertThat(events.get(numbers.length).numericKey()).isFalse();
    assertThat(text(SyncJson.writePushRequest(events)))
        .contains("\"key\":6.02e23,", "\"key\":12345678901234567890123,", "\"key\":\"42\",");
  }

  @Test
  void payload_isKeptAsTheExactTextSent() {
    String payload =
        "{ \"b\" : 1.0, \"a\":[true,null, {\"nested\":\"\\u00e9\\n\\\"q\\\"\"}],"
            + "\"big\":123456789012345678901234567890,\"e\":1E+2 }";

    SyncEvent event =
        read("[" + VALID.replace("{\"title\":\"Buy milk\"}", payload) + "]").events().get(0);

    assertThat(event.payload()).isEqualTo(payload);
    assertThat(text(SyncJson.writePushRequest(List.of(event))))
        .contains("\"payload\":" + payload + ",");
  }

  @Test
  void unicodeAndEscapes_roundTrip() {
    String name =
        "emoji \uD83D\uDE80 CJK \u6F22\u5B57 RTL \u05E9\u05DC\u05D5\u05DD e\u0301 \u200B \uFEFF \" \\ \t \n \u0001 </script>";
    String key = name + " lone \uDC00 surrogate";
    SyncEvent event =
        new SyncEvent(
            UUID.randomUUID(),
            name,
            EventType.UPDATE,
            key,
            false,
            "{\"t\":\"\u00e9\"}",
            List.of(name, "x"),
            1,
            name,
            1,
            null);

    PushRequest read = read(text(SyncJson.writePushRequest(List.of(event))));

    assertThat(read.events()).containsExactly(event);
  }

  @Test
  void eventIdsInUpperCase_areReadAndKeptAsSent() {
    String upper = ID.toUpperCase();

    PushRequest read = read("[" + VALID.replace(ID, upper) + "]");

    assertThat(read.events().get(0).eventId()).isEqualTo(UUID.fromString(ID));
    assertThat(read.eventIdsAsSent()).containsExactly(upper);
  }

  @Test
  void optionalMembers_mayBeMissingOrNull() {
    SyncEvent missing = read("[" + VALID + "]").events().get(0);
    SyncEvent nulls =
        read("["
                + with(VALID, ",\"fields\":null,\"clientId\":null,\"schemaVersion\":null")
                    .replace("\"type\":\"insert\"", "\"type\":\"update\"")
                + "]")
            .events()
            .get(0);

    for (SyncEvent event : List.of(missing, nulls)) {
      assertThat(event.fields()).isEmpty();
      assertThat(event.clientId()).isNull();
      assertThat(event.schemaVersion()).isNull();
      assertThat(event.globalSeq()).isNull();
    }
  }

  @Test
  void unknownMembers_areSkipped_evenGlobalSeqAndNestedValues() {
    String body =
        "["
            + VALID.replace(
                "{\"eventId\"",
                "{\"deviceModel\":\"Pixel\",\"future\":{\"x\":[1,{\"y\":[]}]},\"globalSeq\":99,\"cursor\":\"99\",\"eventId\"")
            + "]";

    SyncEvent event = read(body).events().get(0);

    assertThat(event.globalSeq()).isNull();
    assertThat(event.key()).isEqualTo("todo-1");
  }

  static Stream<Arguments> brokenEvents() {
    return Stream.of(
        broken(
            "eventId missing",
            e -> e.replace("\"eventId\":\"" + ID + "\",", ""),
            "eventId",
            "is required"),
        broken(
            "eventId not a UUID",
            e -> e.replace(ID, "abc"),
            "eventId",
            "must be a UUID (8-4-4-4-12 hex digits), got \"abc\""),
        broken(
            "eventId a number",
            e -> e.replace("\"" + ID + "\"", "7"),
            "eventId",
            "must be a UUID string, got 7"),
        broken(
            "collectionId missing",
            e -> e.replace("\"collectionId\":\"todos\",", ""),
            "collectionId",
            "is required"),
        broken(
            "collectionId empty",
            e -> e.replace("\"todos\"", "\"\""),
            "collectionId",
            "must be a non-empty string, got \"\""),
        broken(
            "collectionId too long",
            e -> e.replace("\"todos\"", "\"" + "c".repeat(257) + "\""),
            "collectionId",
            "must be at most 256 characters, got 257"),
        broken(
            "collectionId with U+0000",
            e -> e.replace("\"todos\"", "\"to\\u0000dos\""),
            "collectionId",
            "must not contain U+0000"),
        broken(
            "collectionId with a lone surrogate",
            e -> e.replace("\"todos\"", "\"to\\ud800dos\""),
            "collectionId",
            "unpaired surrogate \\uD800 at character 2"),
        broken(
            "collectionId an array",
            e -> e.replace("\"todos\"", "[\"todos\"]"),
            "collectionId",
            "must be a non-empty string, got an array"),
        broken("type missing", e -> e.replace("\"type\":\"insert\",", ""), "type", "is required"),
        broken(
            "type unknown",
            e -> e.replace("\"insert\"", "\"INSERT\""),
            "type",
            "must be one of \"insert\", \"update\", \"delete\", got \"INSERT\""),
        broken("type null", e -> e.replace("\"insert\"", "null"), "type", "got null"),
        broken("key missing", e -> e.replace("\"key\":\"todo-1\",", ""), "key", "is required"),
        broken(
            "key empty",
            e -> e.replace("\"todo-1\"", "\"\""),
            "key",
            "must be a non-empty string or a number, got \"\""),
        broken("key boolean", e -> e.replace("\"todo-1\"", "true"), "key", "got true"),
        broken("key object", e -> e.replace("\"todo-1\"", "{\"id\":1}"), "key", "got an object"),
        broken("key null", e -> e.replace("\"todo-1\"", "null"), "key", "got null"),
        broken(
            "payload missing",
            e -> e.replace(",\"payload\":{\"title\":\"Buy milk\"}", ""),
            "payload",
            "is required"),
        broken(
            "payload an array",
            e -> e.replace("{\"title\":\"Buy milk\"}", "[1]"),
            "payload",
            "must be a JSON object, got an array"),
        broken(
            "payload a string",
            e -> e.replace("{\"title\":\"Buy milk\"}", "\"{}\""),
            "payload",
            "got \"{}\""),
        broken(
            "payload null",
            e -> e.replace("{\"title\":\"Buy milk\"}", "null"),
            "payload",
            "got null"),
        broken(
            "timestamp missing",
            e -> e.replace(",\"timestamp\":1700000000123", ""),
            "timestamp",
            "is required"),
        broken(
            "timestamp zero",
            e -> e.replace("1700000000123", "0"),
            "timestamp",
            "must be a positive integer (epoch milliseconds), got 0"),
        broken("timestamp negative", e -> e.replace("1700000000123", "-5"), "timestamp", "got -5"),
        broken(
            "timestamp fraction", e -> e.replace("1700000000123", "1.5"), "timestamp", "got 1.5"),
        broken(
            "timestamp a string",
            e -> e.replace("1700000000123", "\"1700000000123\""),
            "timestamp",
            "got \"1700000000123\""),
        broken(
            "timestamp too large",
            e -> e.replace("1700000000123", "99999999999999999999"),
            "timestamp",
            "got 99999999999999999999 which is too large"),
        broken(
            "fields on an insert",
            e -> with(e, ",\"fields\":[\"title\"]"),
            "fields",
            "is only allowed on type update, this event has type insert"),
        broken(
            "empty fields on a delete",
            e -> with(e.replace("\"insert\"", "\"delete\""), ",\"fields\":[]"),
            "fields",
            "is only allowed on type update, this event has type delete"),
        broken(
            "fields not an array",
            e -> with(update(e), ",\"fields\":\"title\""),
            "fields",
            "must be an array of non-empty strings, got \"title\""),
        broken(
            "fields with an empty name",
            e -> with(update(e), ",\"fields\":[\"title\",\"\"]"),
            "fields[1]",
            "must be a non-empty string"),
        broken(
            "fields with a number", e -> with(update(e), ",\"fields\":[7]"), "fields[0]", "got 7"),
        broken(
            "clientId empty",
            e -> with(e, ",\"clientId\":\"\""),
            "clientId",
            "must be a non-empty string"),
        broken("clientId a number", e -> with(e, ",\"clientId\":7"), "clientId", "got 7"),
        broken(
            "schemaVersion zero",
            e -> with(e, ",\"schemaVersion\":0"),
            "schemaVersion",
            "must be a positive integer, got 0"),
        broken(
            "schemaVersion over int",
            e -> with(e, ",\"schemaVersion\":2147483648"),
            "schemaVersion",
            "must be at most 2147483647, got 2147483648"),
        broken(
            "schemaVersion a string",
            e -> with(e, ",\"schemaVersion\":\"3\""),
            "schemaVersion",
            "got \"3\""),
        broken(
            "member given twice",
            e -> with(e, ",\"key\":\"other\""),
            "key",
            "is given twice; send each member once"));
  }

  /** {@code event} with {@code members} (starting with a comma) added at its end. */
  private static String with(String event, String members) {
    return event.substring(0, event.length() - 1) + members + "}";
  }

  private static String update(String event) {
    return event.replace("\"insert\"", "\"update\"");
  }

  private static Arguments broken(
      String name, UnaryOperator<String> breakIt, String field, String message) {
    return Arguments.of(name, breakIt, field, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenEvents")
  void brokenEvent_isRefusedNamingItsIndexAndMember(
      String name, UnaryOperator<String> breakIt, String field, String message) {
    String body =
        "[" + VALID.replace(ID, UUID.randomUUID().toString()) + "," + breakIt.apply(VALID) + "]";

    assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid events");
              assertThat(e.details())
                  .singleElement()
                  .satisfies(
                      problem -> {
                        assertThat(problem.index()).isEqualTo(1);
                        assertThat(problem.field()).isEqualTo(field);
                        assertThat(problem.message()).contains(message);
                      });
            });
  }

  @Test
  void everyProblemOfEveryEvent_isListed_upTo100ThenCounted() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 60; i++) {
      body.append(i == 0 ? "" : ",").append("{\"eventId\":1,\"type\":\"x\"}");
    }

    assertThatThrownBy(() -> read(body.append(']').toString()))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.details()).hasSize(101);
              assertThat(e.details().get(0))
                  .hasToString("events[0].eventId: must be a UUID string, got 1");
              assertThat(e.details().get(100).message())
                  .isEqualTo("260 more problems are not listed");
              assertThat(e.getMessage())
                  .startsWith("invalid events: events[0].eventId: ")
                  .endsWith("; and 96 more");
            });
  }

  @Test
  void eventThatIsNotAnObject_isNamedByIndex() {
    assertThatThrownBy(() -> read("[" + VALID + ",[1],\"x\"]"))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e ->
                assertThat(e.details())
                    .extracting(Rejection::toString)
                    .containsExactly(
                        "events[1].event: must be a JSON object, got an array",
                        "events[2].event: must be a JSON object, got \"x\""));
  }

  @Test
  void bodyThatIsNotOneArrayOf1To500Events_isAnInvalidRequest() {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 501; i++) {
      many.append(i == 0 ? "" : ",").append(VALID);
    }
    assertRequestRefused("", "is empty; send a JSON array of 1..500 events");
    assertRequestRefused("   ", "is empty");
    assertRequestRefused("{}", "must be a JSON array of 1..500 events, got an object");
    assertRequestRefused("42", "got 42");
    assertRequestRefused("[]", "must hold 1..500 events, got 0");
    assertRequestRefused(
        many.append(']').toString(), "must hold 1..500 events, got 501; split the push");
    assertRequestRefused(
        "[" + VALID + "] []", "has more content after the array at line 1, column");
  }

  private static void assertRequestRefused(String body, String message) {
    assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid request");
              assertThat(e.details())
                  .singleElement()
                  .satisfies(
                      problem -> {
                        assertThat(problem.hasIndex()).isFalse();
                        assertThat(problem.field()).isEqualTo("body");
                        assertThat(problem.message()).contains(message);
                      });
            });
  }

  @Test
  void malformedJson_namesLineColumnAndEvent() {
    String body = "[" + VALID + ",\n" + VALID.replace("\"key\":", "\"key\" ") + "]";

    assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("malformed JSON");
              assertThat(e.details())
                  .singleElement()
                  .satisfies(
                      problem -> {
                        assertThat(problem.index()).isEqualTo(1);
                        assertThat(problem.field()).isEqualTo("body");
                        assertThat(problem.message())
                            .contains("at line 2, column")
                            .endsWith("(in event 1)");
                      });
            });
  }

  @Test
  void truncatedOrGarbageBodies_areMalformedJson_neverAnotherException() {
    String whole = "[" + VALID + "," + VALID.replace(ID, UUID.randomUUID().toString()) + "]";
    List<String> bodies = new ArrayList<>();
    for (int end = 1; end < whole.length(); end++) {
      bodies.add(whole.substring(0, end));
    }
    bodies.addAll(
        List.of(
            "[{",
            "[{\"eventId\"",
            "[\"\\u12\"]",
            "[1,]",
            "[nul]",
            "\u0000",
            "[" + "[".repeat(5000)));
    for (String body : bodies) {
      assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void hugeNumbersAnywhere_areReportedOrKept_neverOverflow() {
    String big = "9".repeat(400);
    String body =
        "["
            + VALID
                .replace("\"todo-1\"", big)
                .replace("{\"title\":\"Buy milk\"}", "{\"n\":" + big + "}")
            + "]";

    SyncEvent event = read(body).events().get(0);

    assertThat(event.key()).isEqualTo(big);
    assertThat(event.payload()).isEqualTo("{\"n\":" + big + "}");
  }
}
