package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The answers to a push: confirmations, and refusals with their rejections. */
class PushResponseTest {

  private static final UUID A = UUID.fromString("0b6a3c1e-6f0e-4a53-9a55-3c1d1b5f2a10");
  private static final UUID B = UUID.fromString("a0000000-0000-4000-8000-00000000000b");

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void confirmations_roundTrip_andEchoIdsAsSent() {
    List<Confirmation> confirmations =
        List.of(
            new Confirmation(A, 1), new Confirmation(B, Long.MAX_VALUE), new Confirmation(A, 1));

    String canonical = text(SyncJson.writeConfirmations(confirmations));
    String asSent =
        text(
            SyncJson.writeConfirmations(
                confirmations,
                List.of(A.toString().toUpperCase(), B.toString(), A.toString().toUpperCase())));

    assertThat(canonical)
        .isEqualTo(
            "{\"confirmed\":[{\"eventId\":\""
                + A
                + "\",\"globalSeq\":1},{\"eventId\":\""
                + B
                + "\",\"globalSeq\":9223372036854775807},{\"eventId\":\""
                + A
                + "\",\"globalSeq\":1}]}");
    assertThat(asSent).contains("\"eventId\":\"0B6A3C1E-6F0E-4A53-9A55-3C1D1B5F2A10\"");
    assertThat(SyncJson.readConfirmations(canonical)).isEqualTo(confirmations);
    assertThat(SyncJson.readConfirmations(asSent)).isEqualTo(confirmations);
    assertThat(SyncJson.readConfirmations("{\"confirmed\":[]}")).isEmpty();
  }

  @Test
  void confirmationsReader_skipsUnknownMembers() {
    String body =
        "{\"server\":\"x\",\"confirmed\":[{\"note\":[1,{}],\"globalSeq\":7,\"eventId\":\""
            + A
            + "\"}],\"took\":3}";

    assertThat(SyncJson.readConfirmations(body)).containsExactly(new Confirmation(A, 7));
  }

  @Test
  void brokenConfirmations_areNamed() {
    String body =
        "{\"confirmed\":[{\"eventId\":\"nope\",\"globalSeq\":1},{\"eventId\":\""
            + A
            + "\",\"globalSeq\":0},"
            + "{\"eventId\":\""
            + A
            + "\"},{\"globalSeq\":3},5]}";

    assertThatThrownBy(() -> SyncJson.readConfirmations(body))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid push response");
              assertThat(e.details())
                  .extracting(Rejection::toString)
                  .containsExactly(
                      "confirmed[0].eventId: must be a UUID (8-4-4-4-12 hex digits), got \"nope\"",
                      "confirmed[1].globalSeq: must be a positive integer, got 0",
                      "confirmed[2].globalSeq: is required",
                      "confirmed[3].eventId: is required",
                      "confirmed[4]: must be a JSON object, got 5");
            });
    for (String bad :
        List.of(
            "",
            "[]",
            "{}",
            "{\"confirmed\":{}}",
            "{\"confirmed\":[]} x",
            "<html>",
            "{\"confirmed\":[")) {
      assertThatThrownBy(() -> SyncJson.readConfirmations(bad))
          .as(bad)
          .isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void errorBody_roundTrips_indexAndFieldOnlyWhenGiven() {
    List<Rejection> details =
        List.of(
            Rejection.atEvent(3, "key", "must be a non-empty string or a number, got \"\""),
            Rejection.ofRequest("since", "must be a non-negative integer, got \"x\""),
            Rejection.ofRequest(null, "no \"field\"\n"));

    String json = text(SyncJson.writeError("invalid events", details));

    assertThat(json)
        .isEqualTo(
            "{\"error\":\"invalid events\",\"details\":["
                + "{\"index\":3,\"field\":\"key\",\"message\":\"must be a non-empty string or a number, got \\\"\\\"\"},"
                + "{\"field\":\"since\",\"message\":\"must be a non-negative integer, got \\\"x\\\"\"},"
                + "{\"message\":\"no \\\"field\\\"\\n\"}]}");
    assertThat(SyncJson.readRejections(json)).isEqualTo(details);
  }

  @Test
  void rejectionsReader_isLenient() {
    assertThat(SyncJson.readRejections("{\"error\":\"invalid request\"}"))
        .containsExactly(Rejection.ofRequest(null, "invalid request"));
    assertThat(SyncJson.readRejections("{}"))
        .containsExactly(Rejection.ofRequest(null, "refused without a reason"));
    assertThat(
            SyncJson.readRejections(
                "{\"details\":[\"plain text\",{\"index\":-2,\"field\":7},{\"index\":1e3,\"message\":\"m\"},"
                    + "{\"index\":99999999999,\"message\":\"big\"},{\"index\":2,\"field\":\"key\",\"message\":\"bad\",\"extra\":[]}]}"))
        .containsExactly(
            Rejection.ofRequest(null, "\"plain text\""),
            Rejection.ofRequest(null, "invalid"),
            Rejection.ofRequest(null, "m"),
            Rejection.ofRequest(null, "big"),
            Rejection.atEvent(2, "key", "bad"));
    for (String bad : List.of("", "[]", "\"error\"", "<html>", "{\"error\":")) {
      assertThatThrownBy(() -> SyncJson.readRejections(bad))
          .as(bad)
          .isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void rejection_describesWhere() {
    assertThat(Rejection.atEvent(2, "key", "bad")).hasToString("events[2].key: bad");
    assertThat(Rejection.atEvent(2, null, "bad")).hasToString("events[2]: bad");
    assertThat(Rejection.ofRequest("since", "bad")).hasToString("since: bad");
    assertThat(Rejection.ofRequest(null, "bad")).hasToString("bad");
    assertThatThrownBy(() -> Rejection.atEvent(-1, "key", "bad"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
