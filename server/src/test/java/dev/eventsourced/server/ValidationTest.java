package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of the protocol: a request that breaks one gets 400 (413, 415) with {@code
 * {"error","details"}} naming the event index and field, nothing of it is stored, and the server
 * goes on serving. Bad input never gets a 500.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ValidationTest extends ServerTestBase {

  ValidationTest(StoreKind storeKind) {
    super(storeKind);
  }

  /** After every rejection: nothing was stored, and a valid push still works and gets seq 1. */
  @AfterEach
  void nothingStoredAndStillServing() {
    assertThat(http.pull("").json().get("events"))
        .as("events stored by rejected requests")
        .isEmpty();
    assertThat(pushOk(Events.inserts("after", "ok", 1))).containsExactly(1L);
  }

  static Stream<Arguments> brokenEvents() {
    return Stream.of(
        broken("eventId missing", e -> e.remove("eventId"), "eventId", "is required"),
        broken(
            "eventId not a UUID",
            e -> e.put("eventId", "abc"),
            "eventId",
            "must be a UUID (8-4-4-4-12 hex digits), got \"abc\""),
        broken(
            "eventId UUID without dashes",
            e -> e.put("eventId", "0b6a3c1e6f0e4a539a553c1d1b5f2a10"),
            "eventId",
            "must be a UUID"),
        broken(
            "eventId a number",
            e -> e.put("eventId", 12),
            "eventId",
            "must be a UUID string, got 12"),
        broken("eventId null", e -> e.putNull("eventId"), "eventId", "got null"),
        broken(
            "collectionId missing", e -> e.remove("collectionId"), "collectionId", "is required"),
        broken(
            "collectionId empty",
            e -> e.put("collectionId", ""),
            "collectionId",
            "must be a non-empty string"),
        broken(
            "collectionId a number",
            e -> e.put("collectionId", 3),
            "collectionId",
            "must be a non-empty string, got 3"),
        broken(
            "collectionId too long",
            e -> e.put("collectionId", "c".repeat(257)),
            "collectionId",
            "at most 256 characters"),
        broken(
            "collectionId with U+0000",
            e -> e.put("collectionId", "to\u0000dos"),
            "collectionId",
            "must not contain U+0000"),
        broken(
            "type unknown",
            e -> e.put("type", "upsert"),
            "type",
            "must be one of \"insert\", \"update\", \"delete\", got \"upsert\""),
        broken("type wrong case", e -> e.put("type", "Insert"), "type", "got \"Insert\""),
        broken("type missing", e -> e.remove("type"), "type", "is required"),
        broken("type a number", e -> e.put("type", 1), "type", "got 1"),
        broken(
            "key empty string",
            e -> e.put("key", ""),
            "key",
            "must be a non-empty string or a number, got \"\""),
        broken("key null", e -> e.putNull("key"), "key", "got null"),
        broken("key boolean", e -> e.put("key", true), "key", "got true"),
        broken("key object", e -> e.putObject("key").put("id", 1), "key", "got an object"),
        broken("key array", e -> e.putArray("key").add(1), "key", "got an array"),
        broken("key missing", e -> e.remove("key"), "key", "is required"),
        broken(
            "payload array",
            e -> e.putArray("payload").add(1),
            "payload",
            "must be a JSON object, got an array"),
        broken(
            "payload string",
            e -> e.put("payload", "{}"),
            "payload",
            "must be a JSON object, got \"{}\""),
        broken("payload null", e -> e.putNull("payload"), "payload", "got null"),
        broken("payload missing", e -> e.remove("payload"), "payload", "is required"),
        broken(
            "timestamp zero",
            e -> e.put("timestamp", 0),
            "timestamp",
            "must be a positive integer (epoch milliseconds), got 0"),
        broken("timestamp negative", e -> e.put("timestamp", -5), "timestamp", "got -5"),
        broken("timestamp fraction", e -> e.put("timestamp", 1.5), "timestamp", "got 1.5"),
        broken(
            "timestamp string",
            e -> e.put("timestamp", "1700000000000"),
            "timestamp",
            "got \"1700000000000\""),
        broken(
            "timestamp too large",
            e -> e.put("timestamp", new java.math.BigInteger("99999999999999999999")),
            "timestamp",
            "too large"),
        broken("timestamp missing", e -> e.remove("timestamp"), "timestamp", "is required"),
        broken(
            "fields on an insert",
            e -> e.putArray("fields").add("title"),
            "fields",
            "is only allowed on type update"),
        broken(
            "fields not an array",
            e -> e.put("type", "update").put("fields", "title"),
            "fields",
            "must be an array of non-empty strings"),
        broken(
            "fields with an empty name",
            e -> e.put("type", "update").putArray("fields").add("title").add(""),
            "fields[1]",
            "non-empty"),
        broken(
            "fields with a number",
            e -> e.put("type", "update").putArray("fields").add(7),
            "fields[0]",
            "got 7"),
        broken(
            "clientId empty", e -> e.put("clientId", ""), "clientId", "must be a non-empty string"),
        broken("clientId a number", e -> e.put("clientId", 9), "clientId", "got 9"),
        broken(
            "schemaVersion zero",
            e -> e.put("schemaVersion", 0),
            "schemaVersion",
            "must be a positive integer, got 0"),
        broken(
            "schemaVersion fraction", e -> e.put("schemaVersion", 1.5), "schemaVersion", "got 1.5"),
        broken(
            "schemaVersion string", e -> e.put("schemaVersion", "2"), "schemaVersion", "got \"2\""),
        broken(
            "schemaVersion beyond int",
            e -> e.put("schemaVersion", 3_000_000_000L),
            "schemaVersion",
            "at most 2147483647"));
  }

  private static Arguments broken(
      String name, Consumer<ObjectNode> breakIt, String field, String message) {
    return argumentSet(name, breakIt, field, message);
  }

  @ParameterizedTest
  @MethodSource("brokenEvents")
  void brokenEvent_isRejectedWith400NamingIndexAndField(
      Consumer<ObjectNode> breakIt, String field, String message) {
    ArrayNode batch = Events.inserts("todos", "t", 3);
    breakIt.accept((ObjectNode) batch.get(1));

    Http.Response response = http.push(Events.json(batch));

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.json().get("error").asText()).isEqualTo("invalid events");
    assertThat(response.json().get("details")).hasSize(1);
    JsonNode detail = response.json().get("details").get(0);
    assertThat(detail.get("index").asInt()).isEqualTo(1);
    assertThat(detail.get("field").asText()).isEqualTo(field);
    assertThat(detail.get("message").asText()).contains(message);
  }

  @Test
  void optionalMembersSetToNull_countAsAbsent() {
    ObjectNode event = Events.insert("todos", "t");
    event.putNull("fields");
    event.putNull("clientId");
    event.putNull("schemaVersion");

    assertThat(pushOk(Events.batch(event))).containsExactly(1L);

    JsonNode stored = http.pull("").json().get("events").get(0);
    assertThat(stored.has("fields")).isFalse();
    // the @AfterEach expects an empty log: start over
    restartOverEmptyStore();
  }

  @Test
  void memberGivenTwice_isRejected() {
    String id = java.util.UUID.randomUUID().toString();
    String body =
        "[{\"eventId\":\""
            + id
            + "\",\"collectionId\":\"c\",\"collectionId\":\"d\",\"type\":\"insert\","
            + "\"key\":\"k\",\"payload\":{},\"timestamp\":1}]";

    Http.Response response = http.push(body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("details").get(0).get("field").asText())
        .isEqualTo("collectionId");
    assertThat(response.json().get("details").get(0).get("message").asText())
        .contains("given twice");
  }

  @Test
  void unpairedSurrogateEscapeInCollectionId_isRejected() {
    String body =
        Events.json(Events.inserts("todos", "t", 1)).replace("\"todos\"", "\"a\\uD800b\"");

    assertRejected(
        http.push(body),
        400,
        "collectionId",
        "must be valid Unicode text, got an unpaired surrogate \\uD800");
  }

  @Test
  void eventThatIsNotAnObject_isRejectedWithItsIndex() {
    ArrayNode batch = Events.inserts("todos", "t", 2);
    batch.add("not an event");

    Http.Response response = http.push(Events.json(batch));

    assertThat(response.status()).isEqualTo(400);
    JsonNode detail = response.json().get("details").get(0);
    assertThat(detail.get("index").asInt()).isEqualTo(2);
    assertThat(detail.get("field").asText()).isEqualTo("event");
    assertThat(detail.get("message").asText())
        .isEqualTo("must be a JSON object, got \"not an event\"");
  }

  @Test
  void everyProblemOfEveryEvent_isListed() {
    ArrayNode batch = Events.inserts("todos", "t", 4);
    ((ObjectNode) batch.get(0)).put("type", "nope").put("timestamp", -1);
    ((ObjectNode) batch.get(3)).remove("payload");

    Http.Response response = http.push(Events.json(batch));

    assertThat(response.json().get("details"))
        .extracting(d -> d.get("index").asInt() + ":" + d.get("field").asText())
        .containsExactly("0:type", "0:timestamp", "3:payload");
  }

  @Test
  void moreThan100Problems_areListedUpTo100AndCounted() {
    ArrayNode batch = Events.inserts("todos", "t", 150);
    batch.forEach(event -> ((ObjectNode) event).put("eventId", "bad"));

    Http.Response response = http.push(Events.json(batch));

    assertThat(response.status()).isEqualTo(400);
    JsonNode details = response.json().get("details");
    assertThat(details).hasSize(101);
    assertThat(details.get(100).get("message").asText())
        .isEqualTo("50 more problems are not listed");
  }

  @Test
  void emptyArray_isRejected() {
    assertRejected(http.push("[]"), 400, "body", "must hold 1..500 events, got 0");
  }

  @Test
  void moreThan500Events_isRejected() {
    assertRejected(
        http.push(Events.json(Events.inserts("todos", "t", 501))),
        400,
        "body",
        "must hold 1..500 events, got 501; split the push into batches of at most 500");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "\"events\"", "42", "null"})
  void bodyThatIsNotAnArray_isRejected(String body) {
    assertRejected(http.push(body), 400, "body", "must be a JSON array of 1..500 events, got");
  }

  @Test
  void emptyBody_isRejected() {
    assertRejected(http.push(""), 400, "body", "is empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"eventId\": }]",
        "[{\"eventId\":\"x\"",
        "[{'eventId':'x'}]",
        "[1,]",
        "[{\"a\":1} {\"b\":2}]",
        "[{\"payload\":{\"x\":NaN}}]",
        "[\"unterminated]",
      })
  void malformedJson_isRejectedWithTheParserLocation(String body) {
    Http.Response response = http.push(body);

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.json().get("error").asText()).isEqualTo("malformed JSON");
    assertThat(response.json().get("details").get(0).get("message").asText())
        .containsPattern("line 1, column \\d+");
  }

  @Test
  void contentAfterTheArray_isRejected() {
    assertRejected(
        http.push(Events.json(Events.inserts("todos", "t", 1)) + " []"),
        400,
        "body",
        "has more content after the array");
  }

  @Test
  void invalidUtf8_isRejectedWithTheByteOffset() {
    byte[] valid = Events.json(Events.inserts("todos", "t", 1)).getBytes(StandardCharsets.UTF_8);
    byte[] body = valid.clone();
    int offset = new String(valid, StandardCharsets.UTF_8).indexOf("t-0") + 1;
    body[offset] = (byte) 0xC3; // starts a two-byte sequence that the next byte does not continue
    body[offset + 1] = (byte) 0x28;

    assertRejected(
        http.post(body, "application/json"),
        400,
        "body",
        "is not valid UTF-8: malformed byte sequence at byte offset " + offset);
  }

  @Test
  void deeplyNestedPayload_isRejectedNot500() {
    String payload = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    String body =
        "[{\"eventId\":\""
            + java.util.UUID.randomUUID()
            + "\",\"collectionId\":\"c\",\"type\":\"insert\","
            + "\"key\":\"k\",\"payload\":"
            + payload
            + ",\"timestamp\":1}]";

    Http.Response response = http.push(body);

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.json().get("error").asText()).isEqualTo("malformed JSON");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=iso-8859-1",
        "application/jsonp"
      })
  void wrongContentType_isRejectedWith415(String contentType) {
    Http.Response response =
        http.post(
            Events.json(Events.inserts("todos", "t", 1)).getBytes(StandardCharsets.UTF_8),
            contentType);

    assertRejected(response, 415, "Content-Type", "must");
  }

  @Test
  void missingContentType_isRejectedWith415() {
    Http.Response response =
        http.post(
            Events.json(Events.inserts("todos", "t", 1)).getBytes(StandardCharsets.UTF_8), null);

    assertRejected(
        response, 415, "Content-Type", "is missing; send Content-Type: application/json");
  }

  @Test
  void contentTypeWithUtf8Charset_isAccepted() {
    Http.Response response =
        http.post(
            Events.json(Events.inserts("todos", "t", 1)).getBytes(StandardCharsets.UTF_8),
            "Application/JSON; charset=\"UTF-8\"");

    assertThat(response.status()).isEqualTo(200);
    restartOverEmptyStore();
  }

  @Test
  void oversizedBody_isRejectedWith413() {
    byte[] body = ("[" + " ".repeat(5 * 1024 * 1024) + "]").getBytes(StandardCharsets.UTF_8);

    Http.Response response = http.post(body, "application/json");

    assertRejected(response, 413, "body", "is 5242882 bytes, more than the limit of 4194304 bytes");
  }

  @Test
  void oversizedBodyWithExpectContinue_isRejectedWith413WithoutAskingForIt() {
    // on a plain socket: java.net.http in JDK 17 hangs when the answer to Expect: 100-continue is
    // not 100
    int status =
        http.raw(
            "POST "
                + server.eventsUri().getPath()
                + " HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nExpect: 100-continue\r\nContent-Length: 52428800");

    assertThat(status).isEqualTo(413);
  }

  @Test
  void hugeDeclaredContentLength_isRejectedWith413WithoutReadingTheBody() {
    int status =
        http.raw(
            "POST "
                + server.eventsUri().getPath()
                + " HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: 999999999999");

    assertThat(status).isEqualTo(413);
  }

  @Test
  void oversizedChunkedBody_isRejectedWith413() {
    byte[] body = ("[" + " ".repeat(5 * 1024 * 1024) + "]").getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.eventsUri())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    Http.Response response = http.send(request);

    assertRejected(response, 413, "body", "is more than the limit of 4194304 bytes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "since=abc",
        "since=-1",
        "since=1.5",
        "since=",
        "since=0x10",
        "since=1&since=2",
        "since=99999999999999999999"
      })
  void badSince_isRejected(String query) {
    assertRejected(http.pull(query), 400, "since", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=abc", "limit=1.5", "limit=", "limit=1&limit=2"})
  void badLimit_isRejected(String query) {
    assertRejected(http.pull(query), 400, "limit", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"wait=soon", "wait=0.5"})
  void badWait_isRejected(String query) {
    assertRejected(http.pull(query), 400, "wait", "must be an integer");
  }

  @Test
  void emptyCollectionFilter_isRejected() {
    assertRejected(http.pull("collection="), 400, "collection", "must be a non-empty string");
  }

  @Test
  void tooManyCollections_isRejected() {
    StringBuilder query = new StringBuilder("since=0");
    for (int i = 0; i < 101; i++) {
      query.append("&collection=c").append(i);
    }
    assertRejected(
        http.pull(query.toString()),
        400,
        "collection",
        "at most 100 collections per pull, got 101");
  }

  @Test
  void malformedPercentEscape_isRejected() {
    assertThat(http.raw("GET " + server.eventsUri().getPath() + "?since=%zz HTTP/1.1"))
        .isEqualTo(400);
  }

  @Test
  void randomlyCorruptedBodies_neverGet500() {
    String valid = Events.json(Events.inserts("todos", "t", 3));
    byte[] original = valid.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(20240611);
    byte[] alphabet =
        "[]{}\",:0123456789-.eE+ \\tnulfrsa\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);
    int accepted = 0;
    for (int round = 0; round < 150; round++) {
      byte[] body = original.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        body[random.nextInt(body.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      if (random.nextInt(5) == 0) {
        body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
      }
      Http.Response response = http.post(body, "application/json");
      assertThat(response.status())
          .as("round %d: %s for %s", round, response, new String(body, StandardCharsets.ISO_8859_1))
          .isIn(200, 400);
      accepted += response.status() == 200 ? 1 : 0;
    }
    if (accepted > 0) {
      restartOverEmptyStore(); // a corruption may have left a valid push (e.g. inside a payload
      // string)
    }
  }

  private void assertRejected(Http.Response response, int status, String field, String message) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    JsonNode json = response.json();
    assertThat(json.get("error").isTextual()).isTrue();
    JsonNode detail = json.get("details").get(0);
    assertThat(detail.get("field").asText()).isEqualTo(field);
    assertThat(detail.get("message").asText()).contains(message);
    assertThat(response.http().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  /**
   * For the tests whose request was accepted: continue on an empty store so the @AfterEach check
   * holds.
   */
  private void restartOverEmptyStore() {
    server.close();
    fixture.close();
    fixture = storeKind.fixture(tempDir);
    server = null;
    server = startServer(java.util.function.UnaryOperator.identity());
    http = new Http(server.eventsUri());
  }
}
