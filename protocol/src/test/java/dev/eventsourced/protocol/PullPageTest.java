package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pull page, both ways: the server's hand-written writer and the client's reader (strict per
 * page, lenient per event).
 */
class PullPageTest {

  private static final UUID ID = UUID.fromString("0b6a3c1e-6f0e-4a53-9a55-3c1d1b5f2a10");

  private static String write(PullResult page) {
    return new String(SyncJson.writePullPage(page), StandardCharsets.UTF_8);
  }

  private static SyncEvent pulled(long seq, String key) {
    return new SyncEvent(
        UUID.randomUUID(),
        "todos",
        EventType.INSERT,
        key,
        false,
        "{\"n\":" + seq + "}",
        null,
        1_700_000_000_000L,
        null,
        null,
        seq);
  }

  @Test
  void page_isExactJson() {
    SyncEvent event =
        new SyncEvent(
            ID,
            "todos",
            EventType.UPDATE,
            "k",
            false,
            "{\"a\": 1.50}",
            List.of("a", "b"),
            1_700_000_000_123L,
            "phone",
            7,
            10L);

    assertThat(write(new PullResult(List.of(event), 10, true)))
        .isEqualTo(
            "{\"events\":[{\"globalSeq\":10,\"eventId\":\"0b6a3c1e-6f0e-4a53-9a55-3c1d1b5f2a10\","
                + "\"collectionId\":\"todos\",\"type\":\"update\",\"key\":\"k\",\"payload\":{\"a\": 1.50},"
                + "\"timestamp\":1700000000123,\"cursor\":\"10\",\"fields\":[\"a\",\"b\"],\"clientId\":\"phone\","
                + "\"schemaVersion\":7}],\"cursor\":\"10\",\"hasMore\":true}");
  }

  @Test
  void emptyPage_keepsTheCursor() {
    assertThat(write(new PullResult(List.of(), 0, false)))
        .isEqualTo("{\"events\":[],\"cursor\":\"0\",\"hasMore\":false}");
    assertThat(SyncJson.readPullPage("{\"events\":[],\"cursor\":\"17\",\"hasMore\":false}"))
        .isEqualTo(new PullResult(List.of(), 17, false));
  }

  @Test
  void head_isAnOptionalMember_writtenWhenKnown_andAdvisoryWhenRead() {
    assertThat(write(new PullResult(List.of(), 3, false).withHead(9)))
        .isEqualTo("{\"events\":[],\"cursor\":\"3\",\"hasMore\":false,\"head\":\"9\"}");
    assertThat(read("{\"events\":[],\"cursor\":\"3\",\"hasMore\":false,\"head\":\"9\"}").head())
        .isEqualTo(9L);
    assertThat(read("{\"events\":[],\"cursor\":3,\"hasMore\":false,\"head\":12}").head())
        .isEqualTo(12L);
    assertThat(read("{\"events\":[],\"cursor\":\"3\",\"hasMore\":false}").head())
        .as("an older server")
        .isNull();
    assertThat(read("{\"events\":[],\"cursor\":\"3\",\"hasMore\":false,\"head\":{\"x\":1}}").head())
        .as("not a count: ignored, the page still reads")
        .isNull();
    assertThat(read("{\"events\":[],\"cursor\":\"3\",\"hasMore\":false,\"head\":-1}").head())
        .isNull();
  }

  private static PullResult read(String json) {
    return SyncJson.readPullPage(json);
  }

  @Test
  void writtenPages_readBackEqual() {
    List<SyncEvent> events = new ArrayList<>();
    events.add(pulled(1, "a"));
    events.add(
        new SyncEvent(
            UUID.randomUUID(),
            "users",
            EventType.UPDATE,
            "1.50",
            true,
            "{ \"x\" : [1, 2.0] }",
            List.of("x"),
            2,
            "laptop \uD83D\uDE80",
            Integer.MAX_VALUE,
            2L));
    events.add(
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.DELETE,
            "\" \\ \n \u0001 \uDC00",
            false,
            "{}",
            null,
            Long.MAX_VALUE,
            null,
            1,
            Long.MAX_VALUE));
    PullResult page = new PullResult(events, Long.MAX_VALUE, true);

    assertThat(SyncJson.readPullPage(write(page))).isEqualTo(page);
  }

  @Test
  void numbers_areWrittenInFullForEveryMagnitude() {
    for (long value : new long[] {1, 9, 10, 99, 100, 1_000_000_007L, Long.MAX_VALUE}) {
      SyncEvent event =
          new SyncEvent(ID, "c", EventType.INSERT, "1", true, "{}", null, value, null, null, value);

      String json = write(new PullResult(List.of(event), value, false));

      assertThat(json)
          .contains(
              "\"globalSeq\":" + value + ",",
              "\"timestamp\":" + value + ",",
              "\"cursor\":\"" + value + "\"}");
    }
  }

  @Test
  void eventWithoutGlobalSeq_cannotBeWrittenIntoAPage() {
    SyncEvent event =
        new SyncEvent(ID, "c", EventType.INSERT, "1", true, "{}", null, 1, null, null, null);

    assertThatThrownBy(() -> SyncJson.writePullPage(new PullResult(List.of(event), 0, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no globalSeq");
  }

  @Test
  void reader_takesTheCursorAsStringOrNumber_andSkipsUnknownMembersAndTheEventCursor() {
    String event =
        "{\"cursor\":\"3\",\"globalSeq\":3,\"eventId\":\""
            + ID
            + "\",\"collectionId\":\"c\",\"type\":\"insert\","
            + "\"key\":7,\"payload\":{},\"timestamp\":5,\"serverTime\":{\"a\":[1]}}";

    PullResult asNumber =
        SyncJson.readPullPage(
            "{\"hasMore\":false,\"cursor\":3,\"events\":[" + event + "],\"x\":[]}");
    PullResult asString =
        SyncJson.readPullPage("{\"events\":[" + event + "],\"cursor\":\"3\",\"hasMore\":false}");

    assertThat(asNumber).isEqualTo(asString);
    assertThat(asNumber.events().get(0))
        .isEqualTo(
            new SyncEvent(ID, "c", EventType.INSERT, "7", true, "{}", null, 5, null, null, 3L));
  }

  @Test
  void pulledEvents_needAnEventIdAndAGlobalSeq_elseThePageIsRefused() {
    String good =
        "{\"globalSeq\":1,\"eventId\":\""
            + ID
            + "\",\"collectionId\":\"c\",\"type\":\"insert\",\"key\":\"k\","
            + "\"payload\":{},\"timestamp\":5}";
    String page =
        "{\"events\":["
            + good
            + ","
            + good.replace("\"globalSeq\":1,", "")
            + ","
            + good.replace("\"globalSeq\":1", "\"globalSeq\":0")
            + ","
            + good.replace("\"globalSeq\":1", "\"globalSeq\":\"4\"")
            + ","
            + good.replace("\"payload\":{}", "\"payload\":[]")
            + ","
            + good.replace("\"key\":\"k\"", "\"key\":\"\"").replace("\"c\"", "\"\"")
            + ","
            + good.replace("\"" + ID + "\"", "\"x\"").replace("\"insert\"", "\"upsert\"")
            + ","
            + "7],\"cursor\":\"9\",\"hasMore\":true}";

    assertThatThrownBy(() -> SyncJson.readPullPage(page))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid page");
              assertThat(e.details())
                  .extracting(Rejection::toString)
                  .containsExactly(
                      "events[1].globalSeq: is required",
                      "events[2].globalSeq: must be a positive integer, got 0",
                      "events[3].globalSeq: must be a positive integer, got \"4\"",
                      "events[6].eventId: must be a UUID (8-4-4-4-12 hex digits), got \"x\"",
                      "events[7].event: must be a JSON object, got 7");
            });
  }

  @Test
  void pulledEvents_thatBreakAnotherRuleOfAPush_areKeptOrSkipped_notRefused() {
    String good =
        "{\"globalSeq\":1,\"eventId\":\""
            + ID
            + "\",\"collectionId\":\"c\",\"type\":\"insert\",\"key\":\"k\","
            + "\"payload\":{},\"timestamp\":5}";
    String page =
        "{\"events\":["
            + good
            + ","
            + good.replace("\"globalSeq\":1", "\"globalSeq\":2")
                .replace("\"payload\":{}", "\"payload\":[]")
            + ","
            + good.replace("\"globalSeq\":1", "\"globalSeq\":3")
                .replace("\"key\":\"k\"", "\"key\":\"\"")
                .replace("\"c\"", "\"\"")
            + ","
            + good.replace("\"globalSeq\":1", "\"globalSeq\":4").replace("\"insert\"", "\"upsert\"")
            + ","
            + good.replace("\"globalSeq\":1", "\"globalSeq\":5")
                .replace("\"timestamp\":5}", "\"timestamp\":5,\"fields\":[\"a\"]}")
            + "],\"cursor\":\"5\",\"hasMore\":true}";

    PullResult read = SyncJson.readPullPage(page);

    assertThat(read.events()).extracting(SyncEvent::globalSeq).containsExactly(1L, 2L, 5L);
    assertThat(read.events().get(1).payload()).isEqualTo("[]");
    assertThat(read.events().get(2).fields()).isEmpty();
    assertThat(read.skipped())
        .extracting(SkippedEvent::globalSeq, SkippedEvent::reason)
        .containsExactly(
            tuple(
                3L,
                "collectionId: must be a non-empty string, got \"\"; key: must be a non-empty string or a number, got \"\""),
            tuple(4L, "type: must be one of \"insert\", \"update\", \"delete\", got \"upsert\""));
    assertThat(read.cursor()).isEqualTo(5);
    assertThat(read.hasMore()).isTrue();
  }

  @Test
  void pageMembers_areRequiredAndChecked() {
    assertPageRefused("{}", "events: is required", "cursor: is required", "hasMore: is required");
    assertPageRefused(
        "{\"events\":{},\"cursor\":\"-1\",\"hasMore\":\"no\"}",
        "events: must be an array of events, got an object",
        "cursor: must be a non-negative integer or its text (the last globalSeq of the page), got \"-1\"",
        "hasMore: must be true or false, got \"no\"");
    assertPageRefused(
        "{\"events\":[],\"cursor\":99999999999999999999,\"hasMore\":false}",
        "cursor: must be a non-negative integer or its text (the last globalSeq of the page), got 99999999999999999999");
    assertPageRefused(
        "{\"events\":[],\"cursor\":\"99999999999999999999\",\"hasMore\":false}",
        "cursor: must be a non-negative integer or its text (the last globalSeq of the page), got \"99999999999999999999\"");
    assertPageRefused(
        "{\"events\":[],\"cursor\":1.5,\"hasMore\":false}",
        "cursor: must be a non-negative integer or its text (the last globalSeq of the page), got 1.5");
    assertPageRefused(
        "{\"events\":[],\"events\":[],\"cursor\":\"1\",\"hasMore\":false}",
        "events: is given twice; send each member once");
    assertPageRefused(
        "[]",
        "body: must be a JSON object {\"events\":[...],\"cursor\":\"n\",\"hasMore\":b}, got an array");
    assertPageRefused(
        "",
        "body: must be a JSON object {\"events\":[...],\"cursor\":\"n\",\"hasMore\":b}, got nothing");
    assertPageRefused(
        "{\"events\":[],\"cursor\":\"1\",\"hasMore\":false} {}",
        "body: has more content after the object");
  }

  private static void assertPageRefused(String body, String... problems) {
    assertThatThrownBy(() -> SyncJson.readPullPage(body))
        .as(body)
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid page");
              assertThat(e.details())
                  .extracting(Rejection::toString)
                  .hasSize(problems.length)
                  .zipSatisfy(
                      List.of(problems),
                      (actual, expected) -> assertThat(actual).startsWith(expected));
            });
  }

  @Test
  void garbage_isMalformedJson_neverAnotherException() {
    String whole = write(new PullResult(List.of(pulled(1, "a"), pulled(2, "b")), 2, false));
    for (int end = 0; end < whole.length(); end++) {
      String body = whole.substring(0, end);
      assertThatThrownBy(() -> SyncJson.readPullPage(body))
          .as(body)
          .isInstanceOf(WireFormatException.class);
    }
    for (String body :
        List.of(
            "<html>502 Bad Gateway</html>",
            "null",
            "{\"events\":[{]}",
            "\uFEFF{}",
            "{\"a\":" + "[".repeat(3000))) {
      assertThatThrownBy(() -> SyncJson.readPullPage(body))
          .as(body)
          .isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void malformedJsonInsideAnEvent_namesTheEvent() {
    String good =
        "{\"globalSeq\":1,\"eventId\":\""
            + ID
            + "\",\"collectionId\":\"c\",\"type\":\"insert\",\"key\":\"k\","
            + "\"payload\":{},\"timestamp\":5}";
    String body =
        "{\"events\":["
            + good
            + ",{\"globalSeq\":2,\"eventId\":}],\"cursor\":\"2\",\"hasMore\":false}";

    assertThatThrownBy(() -> SyncJson.readPullPage(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("malformed JSON");
              assertThat(e.details().get(0).index()).isEqualTo(1);
              assertThat(e.details().get(0).message()).endsWith("(in event 1)");
            });
  }
}
