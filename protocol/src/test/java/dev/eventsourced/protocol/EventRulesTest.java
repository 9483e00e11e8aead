package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules applied to events built in process, the same ones the readers apply to JSON. */
class EventRulesTest {

  private static SyncEvent event(EventType type, String key, boolean numericKey, String payload) {
    return new SyncEvent(
        UUID.randomUUID(), "todos", type, key, numericKey, payload, null, 1, null, null, null);
  }

  @Test
  void validEvents_haveNoProblems_andGlobalSeqIsIgnored() {
    List<SyncEvent> events =
        List.of(
            event(EventType.INSERT, "todo-1", false, "{\"title\":\"x\"}"),
            event(EventType.DELETE, "-12.5e-3", true, " { } "),
            new SyncEvent(
                UUID.randomUUID(),
                "todos",
                EventType.UPDATE,
                "k",
                false,
                "{\"a\":1}",
                List.of("a"),
                1,
                "phone",
                3,
                42L));

    assertThat(EventRules.validatePush(events)).isEmpty();
  }

  @Test
  void everyRule_isNamedWithIndexAndMember() {
    List<SyncEvent> events = new ArrayList<>();
    events.add(event(EventType.INSERT, "", false, "{}"));
    events.add(event(EventType.INSERT, "12abc", true, "[1]"));
    events.add(event(EventType.INSERT, "1 2", true, "{} {}"));
    events.add(event(EventType.INSERT, "k", false, "{\"a\":"));
    events.add(
        new SyncEvent(
            UUID.randomUUID(),
            "",
            EventType.DELETE,
            "1",
            true,
            "{}",
            List.of("a", ""),
            0,
            "to\u0000o",
            -1,
            null));
    events.add(
        new SyncEvent(
            UUID.randomUUID(),
            "c".repeat(257),
            EventType.UPDATE,
            "k",
            false,
            "{}",
            List.of("\uD800"),
            1,
            null,
            null,
            null));
    events.add(null);

    assertThat(EventRules.validatePush(events))
        .extracting(Rejection::toString)
        .containsExactly(
            "events[0].key: must be a non-empty string or a number, got \"\"",
            "events[1].key: must be the text of a JSON number when numericKey is set, got \"12abc\"",
            "events[1].payload: must be the JSON text of an object, got \"[1]\"",
            "events[2].key: must be the text of a JSON number when numericKey is set, got \"1 2\"",
            "events[2].payload: must be the JSON text of an object and nothing else, got \"{} {}\"",
            "events[3].payload: must be the JSON text of an object, got malformed JSON: Unexpected end-of-input within/between"
                + " Object entries",
            "events[4].collectionId: must be a non-empty string, got \"\"",
            "events[4].timestamp: must be a positive integer (epoch milliseconds), got 0",
            "events[4].clientId: must not contain U+0000, got \"to\\u0000o\"",
            "events[4].schemaVersion: must be a positive integer, got -1",
            "events[4].fields: is only allowed on type update, this event has type delete; drop fields or send an update",
            "events[4].fields[1]: must be a non-empty string, got \"\"",
            "events[5].collectionId: must be at most 256 characters, got 257",
            "events[5].fields[0]: must be valid Unicode text, got an unpaired surrogate \\uD800 at character 0",
            "events[6].event: must not be null");
  }

  @Test
  void batchOfNoneOrMoreThan500_isRefusedAsAWhole() {
    List<SyncEvent> many = Collections.nCopies(501, event(EventType.INSERT, "k", false, "{}"));

    assertThat(EventRules.validatePush(List.of()))
        .extracting(Rejection::toString)
        .containsExactly("events: must hold 1..500 events, got 0");
    assertThat(EventRules.validatePush(many))
        .extracting(Rejection::toString)
        .containsExactly("events: must hold 1..500 events, got 501");
  }

  @Test
  void jsonNumbers_followTheJsonGrammar() {
    for (String number :
        List.of(
            "0",
            "-0",
            "7",
            "-12",
            "1.5",
            "0.25",
            "1e9",
            "1E+9",
            "2.5e-3",
            "12345678901234567890123")) {
      assertThat(EventRules.isJsonNumber(number)).as(number).isTrue();
    }
    for (String text :
        List.of(
            "",
            "-",
            "+1",
            "01",
            "1.",
            ".5",
            "1e",
            "1e+",
            "0x10",
            "NaN",
            "Infinity",
            " 1",
            "1 ",
            "1_000")) {
      assertThat(EventRules.isJsonNumber(text)).as(text).isFalse();
    }
  }

  @Test
  void names_mayHoldPairedSurrogatesButNotLoneOnesOrNul() {
    assertThat(EventRules.nameProblem("emoji \uD83D\uDE80")).isNull();
    assertThat(EventRules.nameProblem("x".repeat(256))).isNull();
    assertThat(EventRules.nameProblem("ab\uDE80"))
        .contains("unpaired surrogate \\uDE80 at character 2");
    assertThat(EventRules.nameProblem("end\uD83D"))
        .contains("unpaired surrogate \\uD83D at character 3");
  }
}
