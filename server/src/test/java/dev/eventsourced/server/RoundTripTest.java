package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What is pushed comes back on pull, member for member and byte for byte, in one global order. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class RoundTripTest extends ServerTestBase {

  RoundTripTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  void pushedEvents_comeBackOnPullInPushOrderWithSeqFromOne() {
    List<Long> seqs = pushOk(Events.inserts("todos", "t", 3));

    assertThat(seqs).containsExactly(1L, 2L, 3L);
    Http.Response pull = http.pull("since=0");
    assertThat(pull.status()).isEqualTo(200);
    JsonNode page = pull.json();
    assertThat(page.get("events")).hasSize(3);
    assertThat(page.get("cursor").isTextual()).isTrue();
    assertThat(page.get("cursor").asText()).isEqualTo("3");
    assertThat(page.get("hasMore").asBoolean()).isFalse();
    for (int i = 0; i < 3; i++) {
      JsonNode event = page.get("events").get(i);
      assertThat(event.get("globalSeq").asLong()).isEqualTo(i + 1);
      assertThat(event.get("cursor").asText()).isEqualTo(String.valueOf(i + 1));
      assertThat(event.get("key").asText()).isEqualTo("t-" + i);
    }
  }

  @Test
  void everyMember_roundTripsIncludingOptionalOnes() {
    String id = UUID.randomUUID().toString();
    String body =
        "[{\"eventId\":\""
            + id
            + "\",\"collectionId\":\"todos\",\"type\":\"update\",\"key\":\"todo-1\","
            + "\"payload\":{\"status\":\"COMPLETE\",\"updatedAt\":1700000000123},\"timestamp\":1700000000123,"
            + "\"fields\":[\"status\",\"updatedAt\"],\"clientId\":\"laptop-7\",\"schemaVersion\":3}]";

    assertThat(http.push(body).status()).isEqualTo(200);

    JsonNode event = http.pull("since=0").json().get("events").get(0);
    assertThat(Events.json(event))
        .isEqualTo(
            "{\"globalSeq\":1,\"eventId\":\""
                + id
                + "\",\"collectionId\":\"todos\","
                + "\"type\":\"update\",\"key\":\"todo-1\",\"payload\":{\"status\":\"COMPLETE\",\"updatedAt\":1700000000123},"
                + "\"timestamp\":1700000000123,\"cursor\":\"1\",\"fields\":[\"status\",\"updatedAt\"],"
                + "\"clientId\":\"laptop-7\",\"schemaVersion\":3}");
  }

  @Test
  void optionalMembers_areLeftOutWhenNotPushed() {
    pushOk(Events.inserts("todos", "t", 1));

    JsonNode event = http.pull("").json().get("events").get(0);

    assertThat(event.has("fields")).isFalse();
    assertThat(event.has("clientId")).isFalse();
    assertThat(event.has("schemaVersion")).isFalse();
  }

  @Test
  void numberKey_staysTheSameJsonNumber() {
    String body =
        "["
            + withKey("42")
            + ","
            + withKey("-7")
            + ","
            + withKey("1.50")
            + ","
            + withKey("6.02e23")
            + ","
            + withKey("12345678901234567890123")
            + ","
            + withKey("\"42\"")
            + "]";

    assertThat(http.push(body).status()).isEqualTo(200);

    String pulled = http.pull("").text();
    assertThat(pulled)
        .contains(
            "\"key\":42,",
            "\"key\":-7,",
            "\"key\":1.50,",
            "\"key\":6.02e23,",
            "\"key\":12345678901234567890123,",
            "\"key\":\"42\",");
  }

  @Test
  void payload_comesBackExactlyAsSent() {
    String payload =
        "{ \"b\" : 1.0, \"a\":[true,null, {\"nested\":\"\\u00e9\\n\\\"q\\\"\"}],\"big\":123456789012345678901234567890,"
            + "\"e\":1E+2 }";
    String body =
        "[{\"eventId\":\""
            + UUID.randomUUID()
            + "\",\"collectionId\":\"c\",\"type\":\"insert\",\"key\":\"k\","
            + "\"payload\":"
            + payload
            + ",\"timestamp\":1}]";

    assertThat(http.push(body).status()).isEqualTo(200);

    assertThat(http.pull("").text()).contains("\"payload\":" + payload + ",");
  }

  @Test
  void unicodeAndSqlLookingStrings_roundTripByteForByte() {
    String[] strings = {
      "'; DROP TABLE events; --",
      "Robert'); DELETE FROM sync_events WHERE ('1'='1",
      "\" OR 1=1 --",
      "emoji \uD83D\uDE80\uD83E\uDDD1\u200D\uD83D\uDCBB and CJK \u6F22\u5B57 and RTL \u05E9\u05DC\u05D5\u05DD",
      "combining e\u0301 vs \u00E9, zero width \u200B, BOM \uFEFF inside",
      "backslash \\ tab \t newline \n quote \" percent % underscore _",
      "\u0000-less but \u0001 control",
    };
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < strings.length; i++) {
      var event = Events.insert(strings[i], strings[i]);
      event.putObject("payload").put("text", strings[i]).put(strings[i], i);
      body.append(i == 0 ? "" : ",").append(Events.json(event));
    }
    String sent = body.append("]").toString().replace("\\u0000", "");

    Http.Response push = http.push(sent);

    assertThat(push.status()).as("%s", push).isEqualTo(200);
    JsonNode events = http.pull("").json().get("events");
    for (int i = 0; i < strings.length; i++) {
      String expected = strings[i].replace("\u0000", "");
      JsonNode event = events.get(i);
      assertThat(event.get("collectionId").asText().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
      assertThat(event.get("key").asText().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
      assertThat(event.get("payload").get("text").asText()).isEqualTo(expected);
      assertThat(event.get("payload").get(expected).asInt()).isEqualTo(i);
    }
  }

  @Test
  void unknownMembers_areToleratedAndNotStored() {
    var event = Events.insert("todos", "t-1");
    event.put("deviceModel", "Pixel");
    event.putObject("future").putArray("x").add(1);

    assertThat(http.push(Events.json(Events.batch(event))).status()).isEqualTo(200);

    JsonNode pulled = http.pull("").json().get("events").get(0);
    assertThat(pulled.has("deviceModel")).isFalse();
    assertThat(pulled.has("future")).isFalse();
  }

  @Test
  void confirmations_echoEachEventIdAsSentAndPullReturnsItLowerCase() {
    String id = UUID.randomUUID().toString().toUpperCase();
    String body =
        "[{\"eventId\":\""
            + id
            + "\",\"collectionId\":\"c\",\"type\":\"delete\",\"key\":\"k\",\"payload\":{},\"timestamp\":5}]";

    JsonNode confirmed = http.push(body).json().get("confirmed").get(0);

    assertThat(confirmed.get("eventId").asText()).isEqualTo(id);
    assertThat(http.pull("").json().get("events").get(0).get("eventId").asText())
        .isEqualTo(id.toLowerCase());
  }

  private static String withKey(String keyJson) {
    return "{\"eventId\":\""
        + UUID.randomUUID()
        + "\",\"collectionId\":\"c\",\"type\":\"insert\",\"key\":"
        + keyJson
        + ",\"payload\":{},\"timestamp\":1}";
  }
}
