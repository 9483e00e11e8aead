package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pull page is strict per page, lenient per event: one bad event between two good ones never
 * refuses the page. It is either read as a {@link SyncEvent} (the fold judges it) or listed as a
 * {@link SkippedEvent} with the push validation's reason; only an event without a readable {@code
 * eventId} and {@code globalSeq} refuses the page.
 */
class LenientPullPageTest {

  private static final String FIRST = "11111111-1111-4111-8111-111111111111";
  private static final String BAD = "22222222-2222-4222-8222-222222222222";
  private static final String LAST = "33333333-3333-4333-8333-333333333333";

  /** A valid pulled event with every member, as our server writes it. */
  private static String event(long seq, String id) {
    return "{\"globalSeq\":"
        + seq
        + ",\"eventId\":\""
        + id
        + "\",\"collectionId\":\"todos\",\"type\":\"update\","
        + "\"key\":\"k\",\"payload\":{\"a\":1},\"timestamp\":1700000000000,\"cursor\":\""
        + seq
        + "\","
        + "\"fields\":[\"a\"],\"clientId\":\"phone\",\"schemaVersion\":2}";
  }

  private static final String MIDDLE = event(2, BAD);

  /** The event {@link #MIDDLE} read as it is. */
  private static final SyncEvent MIDDLE_READ =
      new SyncEvent(
          UUID.fromString(BAD),
          "todos",
          EventType.UPDATE,
          "k",
          false,
          "{\"a\":1}",
          List.of("a"),
          1_700_000_000_000L,
          "phone",
          2,
          2L);

  /** {@code {"events":[good 1, middle, good 3],"cursor":"3","hasMore":true}}. */
  private static String page(String middle) {
    return "{\"events\":["
        + event(1, FIRST)
        + ","
        + middle
        + ","
        + event(3, LAST)
        + "],\"cursor\":\"3\",\"hasMore\":true}";
  }

  private static UnaryOperator<String> replace(String member, String with) {
    return event -> {
      assertThat(event).contains(member);
      return event.replace(member, with);
    };
  }

  private static UnaryOperator<String> drop(String member) {
    return replace(member + ",", "");
  }

  private static UnaryOperator<String> add(String members) {
    return event -> event.substring(0, event.length() - 1) + "," + members + "}";
  }

  private static String longName(int length) {
    return "c".repeat(length);
  }

  private static void assertGoodNeighbours(PullResult page) {
    assertThat(page.cursor()).isEqualTo(3);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.events()).first().satisfies(e -> assertThat(e.eventId()).hasToString(FIRST));
    assertThat(page.events()).last().satisfies(e -> assertThat(e.eventId()).hasToString(LAST));
  }

  // ---- events that cannot be a SyncEvent are skipped, with the push's reason --------------------

  static Stream<Arguments> skippedEvents() {
    return Stream.of(
        skipped("timestamp missing", drop("\"timestamp\":1700000000000"), "timestamp: is required"),
        skipped(
            "timestamp null",
            replace("1700000000000", "null"),
            "timestamp: must be a positive integer (epoch milliseconds), got null"),
        skipped(
            "timestamp as text",
            replace("1700000000000", "\"1700000000000\""),
            "timestamp: must be a positive integer (epoch milliseconds), got \"1700000000000\""),
        skipped(
            "timestamp fraction",
            replace("1700000000000", "1.5"),
            "timestamp: must be a positive integer (epoch milliseconds), got 1.5"),
        skipped(
            "timestamp zero",
            replace("1700000000000", "0"),
            "timestamp: must be a positive integer (epoch milliseconds), got 0"),
        skipped(
            "timestamp negative",
            replace("1700000000000", "-5"),
            "timestamp: must be a positive integer (epoch milliseconds), got -5"),
        skipped(
            "timestamp too large",
            replace("1700000000000", "99999999999999999999"),
            "timestamp: must be a positive integer (epoch milliseconds), got 99999999999999999999 which is too large"),
        skipped(
            "timestamp twice",
            add("\"timestamp\":5"),
            "timestamp: is given twice; send each member once"),
        skipped(
            "collectionId missing",
            drop("\"collectionId\":\"todos\""),
            "collectionId: is required"),
        skipped(
            "collectionId of 300 chars",
            replace("\"todos\"", "\"" + longName(300) + "\""),
            "collectionId: must be at most 256 characters, got 300"),
        skipped(
            "collectionId empty",
            replace("\"todos\"", "\"\""),
            "collectionId: must be a non-empty string, got \"\""),
        skipped(
            "collectionId number",
            replace("\"todos\"", "7"),
            "collectionId: must be a non-empty string, got 7"),
        skipped(
            "collectionId null",
            replace("\"todos\"", "null"),
            "collectionId: must be a non-empty string, got null"),
        skipped(
            "collectionId with U+0000",
            replace("\"todos\"", "\"to\\u0000dos\""),
            "collectionId: must not contain U+0000"),
        skipped(
            "collectionId with an unpaired surrogate",
            replace("\"todos\"", "\"to\\uD800dos\""),
            "collectionId: must be valid Unicode text, got an unpaired surrogate \\uD800 at character 2"),
        skipped(
            "type unknown",
            replace("\"update\"", "\"upsert\""),
            "type: must be one of \"insert\", \"update\", \"delete\", got \"upsert\""),
        skipped(
            "type in upper case",
            replace("\"update\"", "\"UPDATE\""),
            "type: must be one of \"insert\", \"update\", \"delete\", got \"UPDATE\""),
        skipped(
            "type null",
            replace("\"update\"", "null"),
            "type: must be one of \"insert\", \"update\", \"delete\", got null"),
        skipped(
            "type number",
            replace("\"update\"", "1"),
            "type: must be one of \"insert\", \"update\", \"delete\", got 1"),
        skipped("type missing", drop("\"type\":\"update\""), "type: is required"),
        skipped(
            "key null",
            replace("\"key\":\"k\"", "\"key\":null"),
            "key: must be a non-empty string or a number, got null"),
        skipped(
            "key true",
            replace("\"key\":\"k\"", "\"key\":true"),
            "key: must be a non-empty string or a number, got true"),
        skipped(
            "key false",
            replace("\"key\":\"k\"", "\"key\":false"),
            "key: must be a non-empty string or a number, got false"),
        skipped(
            "key object",
            replace("\"key\":\"k\"", "\"key\":{\"id\":1}"),
            "key: must be a non-empty string or a number, got an object"),
        skipped(
            "key array",
            replace("\"key\":\"k\"", "\"key\":[1]"),
            "key: must be a non-empty string or a number, got an array"),
        skipped(
            "key empty",
            replace("\"key\":\"k\"", "\"key\":\"\""),
            "key: must be a non-empty string or a number, got \"\""),
        skipped("key missing", drop("\"key\":\"k\""), "key: is required"),
        skipped("payload missing", drop("\"payload\":{\"a\":1}"), "payload: is required"),
        skipped(
            "payload twice",
            add("\"payload\":{}"),
            "payload: is given twice; send each member once"),
        skipped(
            "several problems",
            replace("\"update\"", "\"upsert\"").andThen(replace("\"key\":\"k\"", "\"key\":null"))
                ::apply,
            "type: must be one of \"insert\", \"update\", \"delete\", got \"upsert\"; "
                + "key: must be a non-empty string or a number, got null"));
  }

  private static Arguments skipped(String name, UnaryOperator<String> breakIt, String reason) {
    return Arguments.of(name, breakIt, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skippedEvents")
  void eventThatCannotBeASyncEvent_isSkippedWithItsReason_andTheRestIsRead(
      String name, UnaryOperator<String> breakIt, String reason) {
    String bad = breakIt.apply(MIDDLE);

    PullResult page = SyncJson.readPullPage(page(bad));

    assertGoodNeighbours(page);
    assertThat(page.events()).extracting(SyncEvent::globalSeq).containsExactly(1L, 3L);
    assertThat(page.skipped()).hasSize(1);
    SkippedEvent skipped = page.skipped().get(0);
    assertThat(skipped.eventId()).hasToString(BAD);
    assertThat(skipped.globalSeq()).isEqualTo(2);
    assertThat(skipped.reason()).startsWith(reason);
    assertThat(skipped.json()).isEqualTo(bad);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skippedEvents")
  void skipReason_isWhatThePushRefusesTheSameEventWith(
      String name, UnaryOperator<String> breakIt, String reason) {
    String pushed = breakIt.apply(MIDDLE);
    String pulledReason = SyncJson.readPullPage(page(pushed)).skipped().get(0).reason();

    assertThatThrownBy(() -> SyncJson.readPushRequest("[" + pushed + "]"))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid events");
              assertThat(e.details())
                  .extracting(r -> r.field() + ": " + r.message())
                  .containsExactly(pulledReason.split("; (?=[a-zA-Z]+: )"));
            });
  }

  // ---- events the client can still fold or judge are read ---------------------------------------

  static Stream<Arguments> keptEvents() {
    SyncEvent read = MIDDLE_READ;
    SyncEvent noFields = withFields(read, List.of());
    return Stream.of(
        kept("payload array", replace("{\"a\":1}", "[1, 2]"), withPayload(read, "[1, 2]")),
        kept(
            "payload string",
            replace("{\"a\":1}", "\"text \\\" with a quote\""),
            withPayload(read, "\"text \\\" with a quote\"")),
        kept("payload number", replace("{\"a\":1}", "1.50"), withPayload(read, "1.50")),
        kept(
            "payload negative exponent", replace("{\"a\":1}", "-1e-3"), withPayload(read, "-1e-3")),
        kept("payload true", replace("{\"a\":1}", "true"), withPayload(read, "true")),
        kept("payload null", replace("{\"a\":1}", "null"), withPayload(read, "null")),
        kept(
            "payload object, spaced",
            replace("{\"a\":1}", "{ \"a\" : [1, {}] }"),
            withPayload(read, "{ \"a\" : [1, {}] }")),
        kept(
            "payload last member",
            drop("\"payload\":{\"a\":1}").andThen(add("\"payload\":\"x\""))::apply,
            withPayload(read, "\"x\"")),
        kept("fields not an array", replace("[\"a\"]", "\"a\""), noFields),
        kept("fields with a number", replace("[\"a\"]", "[\"a\",1]"), noFields),
        kept("fields with an empty name", replace("[\"a\"]", "[\"\",\"a\"]"), noFields),
        kept(
            "fields with a name of 300 chars",
            replace("[\"a\"]", "[\"" + longName(300) + "\"]"),
            noFields),
        kept("fields twice", add("\"fields\":[\"b\"]"), noFields),
        kept("fields null", replace("[\"a\"]", "null"), noFields),
        kept(
            "fields on an insert",
            replace("\"update\"", "\"insert\""),
            withType(noFields, EventType.INSERT)),
        kept(
            "empty fields on a delete",
            replace("\"update\"", "\"delete\"").andThen(replace("[\"a\"]", "[]"))::apply,
            withType(noFields, EventType.DELETE)),
        kept("clientId number", replace("\"phone\"", "7"), withClientId(read, null)),
        kept("clientId empty", replace("\"phone\"", "\"\""), withClientId(read, null)),
        kept(
            "clientId of 300 chars",
            replace("\"phone\"", "\"" + longName(300) + "\""),
            withClientId(read, null)),
        kept("clientId object", replace("\"phone\"", "{}"), withClientId(read, null)),
        kept("clientId twice", add("\"clientId\":\"tablet\""), withClientId(read, null)),
        kept("clientId missing", drop("\"clientId\":\"phone\""), withClientId(read, null)),
        kept(
            "schemaVersion as text",
            replace("\"schemaVersion\":2", "\"schemaVersion\":\"2\""),
            withSchemaVersion(read, null)),
        kept(
            "schemaVersion zero",
            replace("\"schemaVersion\":2", "\"schemaVersion\":0"),
            withSchemaVersion(read, null)),
        kept(
            "schemaVersion fraction",
            replace("\"schemaVersion\":2", "\"schemaVersion\":2.5"),
            withSchemaVersion(read, null)),
        kept(
            "schemaVersion above int",
            replace("\"schemaVersion\":2", "\"schemaVersion\":3000000000"),
            withSchemaVersion(read, null)),
        kept(
            "schemaVersion array",
            replace("\"schemaVersion\":2", "\"schemaVersion\":[2]"),
            withSchemaVersion(read, null)),
        kept("schemaVersion twice", add("\"schemaVersion\":3"), withSchemaVersion(read, null)),
        kept("unknown members", add("\"serverTime\":{\"a\":[1]},\"x\":null"), read),
        kept("event cursor missing", drop("\"cursor\":\"2\""), read));
  }

  private static Arguments kept(String name, UnaryOperator<String> breakIt, SyncEvent expected) {
    return Arguments.of(name, breakIt, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keptEvents")
  void eventTheClientCanStillJudge_isRead_andTheRestToo(
      String name, UnaryOperator<String> breakIt, SyncEvent expected) {
    PullResult page = SyncJson.readPullPage(page(breakIt.apply(MIDDLE)));

    assertGoodNeighbours(page);
    assertThat(page.skipped()).isEmpty();
    assertThat(page.events()).hasSize(3);
    assertThat(page.events().get(1)).isEqualTo(expected);
  }

  private static SyncEvent withPayload(SyncEvent e, String payload) {
    return new SyncEvent(
        e.eventId(),
        e.collectionId(),
        e.type(),
        e.key(),
        e.numericKey(),
        payload,
        e.fields(),
        e.timestamp(),
        e.clientId(),
        e.schemaVersion(),
        e.globalSeq());
  }

  private static SyncEvent withFields(SyncEvent e, List<String> fields) {
    return new SyncEvent(
        e.eventId(),
        e.collectionId(),
        e.type(),
        e.key(),
        e.numericKey(),
        e.payload(),
        fields,
        e.timestamp(),
        e.clientId(),
        e.schemaVersion(),
        e.globalSeq());
  }

  private static SyncEvent withType(SyncEvent e, EventType type) {
    return new SyncEvent(
        e.eventId(),
        e.collectionId(),
        type,
        e.key(),
        e.numericKey(),
        e.payload(),
        e.fields(),
        e.timestamp(),
        e.clientId(),
        e.schemaVersion(),
        e.globalSeq());
  }

  private static SyncEvent withClientId(SyncEvent e, String clientId) {
    return new SyncEvent(
        e.eventId(),
        e.collectionId(),
        e.type(),
        e.key(),
        e.numericKey(),
        e.payload(),
        e.fields(),
        e.timestamp(),
        clientId,
        e.schemaVersion(),
        e.globalSeq());
  }

  private static SyncEvent withSchemaVersion(SyncEvent e, Integer schemaVersion) {
    return new SyncEvent(
        e.eventId(),
        e.collectionId(),
        e.type(),
        e.key(),
        e.numericKey(),
        e.payload(),
        e.fields(),
        e.timestamp(),
        e.clientId(),
        schemaVersion,
        e.globalSeq());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keptEvents")
  void theSameEvent_isStillRefusedInAPush_unlessItIsValid(
      String name, UnaryOperator<String> breakIt, SyncEvent expected) {
    String pushed = breakIt.apply(MIDDLE);
    if (Set.of(
            "unknown members",
            "event cursor missing",
            "clientId missing",
            "fields null",
            "payload object, spaced")
        .contains(name)) {
      assertThat(SyncJson.readPushRequest("[" + pushed + "]").events()).hasSize(1);
    } else {
      assertThatThrownBy(() -> SyncJson.readPushRequest("[" + pushed + "]"))
          .isInstanceOf(WireFormatException.class);
    }
  }

  // ---- what the page's order and exactly-once rest on still refuses the page --------------------

  static Stream<Arguments> pageRefusingEvents() {
    return Stream.of(
        refusing(
            "eventId missing",
            drop("\"eventId\":\"" + BAD + "\""),
            "events[1].eventId: is required"),
        refusing(
            "eventId not a UUID",
            replace(BAD, "nope"),
            "events[1].eventId: must be a UUID (8-4-4-4-12 hex digits), got \"nope\""),
        refusing(
            "eventId number",
            replace("\"" + BAD + "\"", "7"),
            "events[1].eventId: must be a UUID string, got 7"),
        refusing(
            "eventId null",
            replace("\"" + BAD + "\"", "null"),
            "events[1].eventId: must be a UUID string, got null"),
        refusing(
            "eventId twice",
            add("\"eventId\":\"" + BAD + "\""),
            "events[1].eventId: is given twice; send each member once"),
        refusing("globalSeq missing", drop("\"globalSeq\":2"), "events[1].globalSeq: is required"),
        refusing(
            "globalSeq zero",
            replace("\"globalSeq\":2", "\"globalSeq\":0"),
            "events[1].globalSeq: must be a positive integer, got 0"),
        refusing(
            "globalSeq negative",
            replace("\"globalSeq\":2", "\"globalSeq\":-2"),
            "events[1].globalSeq: must be a positive integer, got -2"),
        refusing(
            "globalSeq as text",
            replace("\"globalSeq\":2", "\"globalSeq\":\"2\""),
            "events[1].globalSeq: must be a positive integer, got \"2\""),
        refusing(
            "globalSeq fraction",
            replace("\"globalSeq\":2", "\"globalSeq\":2.0"),
            "events[1].globalSeq: must be a positive integer, got 2.0"),
        refusing(
            "globalSeq null",
            replace("\"globalSeq\":2", "\"globalSeq\":null"),
            "events[1].globalSeq: must be a positive integer, got null"),
        refusing(
            "globalSeq too large",
            replace("\"globalSeq\":2", "\"globalSeq\":99999999999999999999"),
            "events[1].globalSeq: must be a positive integer, got 99999999999999999999 which is too large"),
        refusing(
            "globalSeq twice",
            add("\"globalSeq\":2"),
            "events[1].globalSeq: is given twice; send each member once"),
        refusing(
            "only the identity's problems are listed",
            replace("\"update\"", "\"upsert\"").andThen(drop("\"globalSeq\":2"))::apply,
            "events[1].globalSeq: is required"),
        refusing("event a number", event -> "7", "events[1].event: must be a JSON object, got 7"),
        refusing("event null", event -> "null", "events[1].event: must be a JSON object, got null"),
        refusing(
            "event an array",
            event -> "[" + event + "]",
            "events[1].event: must be a JSON object, got an array"));
  }

  private static Arguments refusing(String name, UnaryOperator<String> breakIt, String problem) {
    return Arguments.of(name, breakIt, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pageRefusingEvents")
  void eventWithoutAReadableIdentity_refusesThePage(
      String name, UnaryOperator<String> breakIt, String problem) {
    String body = page(breakIt.apply(MIDDLE));

    assertThatThrownBy(() -> SyncJson.readPullPage(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid page");
              assertThat(e.details()).extracting(Rejection::toString).containsExactly(problem);
            });
  }

  @Test
  void pageProblems_andEventIdentityProblems_areListedTogether() {
    String body =
        "{\"events\":["
            + event(1, FIRST)
            + ","
            + MIDDLE.replace("\"globalSeq\":2,", "")
            + "],\"hasMore\":1}";

    assertThatThrownBy(() -> SyncJson.readPullPage(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e ->
                assertThat(e.details())
                    .extracting(Rejection::toString)
                    .containsExactly(
                        "events[1].globalSeq: is required",
                        "hasMore: must be true or false, got 1",
                        "cursor: is required"));
  }

  @Test
  void malformedJsonInABadEvent_stillRefusesThePage() {
    String body = page(MIDDLE.replace("\"key\":\"k\"", "\"key\":k"));

    assertThatThrownBy(() -> SyncJson.readPullPage(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("malformed JSON");
              assertThat(e.details().get(0).index()).isEqualTo(1);
            });
  }

  // ---- the page around skipped events ----------------------------------------------------------

  @Test
  void severalSkippedEvents_keepTheirOrder_andTheCursorIsThePages() {
    String body =
        "{\"events\":["
            + event(4, FIRST).replace("\"update\"", "\"upsert\"")
            + ","
            + event(5, BAD)
            + ","
            + event(9, LAST).replace("\"timestamp\":1700000000000,", "")
            + "],\"cursor\":12,\"hasMore\":false}";

    PullResult page = SyncJson.readPullPage(body);

    assertThat(page.cursor()).isEqualTo(12);
    assertThat(page.hasMore()).isFalse();
    assertThat(page.events()).extracting(SyncEvent::globalSeq).containsExactly(5L);
    assertThat(page.skipped()).extracting(SkippedEvent::globalSeq).containsExactly(4L, 9L);
    assertThat(page.skipped())
        .extracting(SkippedEvent::reason)
        .containsExactly(
            "type: must be one of \"insert\", \"update\", \"delete\", got \"upsert\"",
            "timestamp: is required");
  }

  @Test
  void pageOfOnlySkippedEvents_isStillAPage() {
    String body =
        "{\"events\":["
            + MIDDLE.replace("\"key\":\"k\"", "\"key\":null")
            + "],\"cursor\":\"2\",\"hasMore\":false}";

    PullResult page = SyncJson.readPullPage(body);

    assertThat(page.events()).isEmpty();
    assertThat(page.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.globalSeq()).isEqualTo(2);
              assertThat(s.reason())
                  .isEqualTo("key: must be a non-empty string or a number, got null");
            });
    assertThat(page.cursor()).isEqualTo(2);
  }

  @Test
  void skippedEventJson_isTheExactTextServed_withNonAsciiAndEscapes() {
    String bad =
        "{ \"globalSeq\" : 2 , \"eventId\":\""
            + BAD
            + "\", \"collectionId\":\"t\u00e9st \uD83D\uDE80 \\u00e9\","
            + " \"type\":\"merge\",\"key\":\"k\",\"payload\":{\"a\":\"\\\"}\"},\"timestamp\":5 }";

    PullResult page = SyncJson.readPullPage(page(bad));

    assertThat(page.skipped()).singleElement().satisfies(s -> assertThat(s.json()).isEqualTo(bad));
    assertGoodNeighbours(page);
  }

  @Test
  void threeArgumentPage_hasNoSkippedEvents_andAPageWithSkippedEventsIsNotWritten() {
    PullResult built = new PullResult(List.of(), 5, false);
    assertThat(built.skipped()).isEmpty();
    assertThat(built).isEqualTo(new PullResult(List.of(), 5, false, List.of()));

    PullResult read = SyncJson.readPullPage(page(MIDDLE.replace("\"update\"", "\"upsert\"")));
    assertThatThrownBy(() -> SyncJson.writePullPage(read))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 skipped events");
  }

  @Test
  void skippedEvent_needsAnIdAPositiveGlobalSeqAReasonAndItsJson() {
    UUID id = UUID.fromString(BAD);
    assertThatThrownBy(() -> new SkippedEvent(id, 0, "r", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SkippedEvent(null, 1, "r", "{}"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SkippedEvent(id, 1, null, "{}"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SkippedEvent(id, 1, "r", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new PullResult(List.of(), 1, false, null))
        .isInstanceOf(NullPointerException.class);
  }
}
