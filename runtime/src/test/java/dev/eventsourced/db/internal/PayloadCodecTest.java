package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.exception.InvalidValueException;
import dev.eventsourced.db.fixtures.Item;
import dev.eventsourced.db.fixtures.ItemDefinition;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskDefinition;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.spi.ColumnType;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value rules and strict payload reads of {@link PayloadCodec} (invariants 4 and 7). */
class PayloadCodecTest {

  private final PayloadCodec<Todo, String> todos = new PayloadCodec<>(TodoDefinition.INSTANCE);
  private final PayloadCodec<Task, Long> tasks = new PayloadCodec<>(TaskDefinition.INSTANCE);
  private final PayloadCodec<Item, Long> items = new PayloadCodec<>(ItemDefinition.INSTANCE);
  private final PayloadCodec<Bag, String> bags = new PayloadCodec<>(BagDefinition.INSTANCE);

  private static Item item(long id, String text, List<String> tags, Instant at, float ratio) {
    return new Item(
        id, null, text, null, false, null, (byte) 0, null, null, null, ratio, null, null, null,
        null, at, null, null, null, tags);
  }

  // ---- encode: the value rules ------------------------------------------------------------

  @Test
  void encode_unpairedSurrogateInAComponent_isRefusedNamingTheMemberPath() {
    assertThatThrownBy(() -> items.encode(item(1, "a\uD800b", null, null, 0)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("text at /text")
        .hasMessageContaining("U+D800")
        .hasMessageContaining("key 1");
  }

  @Test
  void encode_unpairedSurrogateInAListElement_namesTheElementIndex() {
    assertThatThrownBy(() -> items.encode(item(1, "ok", List.of("fine", "x\uDC00"), null, 0)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("text at /tags/1")
        .hasMessageContaining("U+DC00");
  }

  @Test
  void encode_unpairedSurrogateInAMapKey_namesItAsAMapKey() {
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("good", 1);
    scores.put("bad\uD800", 2);
    assertThatThrownBy(() -> bags.encode(new Bag("b1", null, scores, null)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("map key at /scores")
        .hasMessageContaining("'b1'");
  }

  @Test
  void encode_unpairedSurrogateInTheKey_isRefused() {
    assertThatThrownBy(() -> todos.encode(new Todo("k\uD800", "t", null, 0, null)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("text at /id");
  }

  @Test
  void encode_wellFormedSupplementaryCharacter_isStoredExactly() {
    Todo row = new Todo("t1", "emoji \uD83D\uDE00 and \u0000", null, 0, null);
    PayloadCodec.Encoded<Todo> encoded = todos.encode(row);
    assertThat(encoded.row()).isEqualTo(row);
  }

  @Test
  void encode_nullMapKey_isRefusedNamingTheComponent() {
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put(null, 1);
    assertThatThrownBy(() -> bags.encode(new Bag("b1", null, scores, null)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("/scores")
        .hasMessageContaining("cannot be stored");
  }

  @Test
  void encode_instantOutOfEpochMillisRange_isRefusedNamingTheComponent() {
    assertThatThrownBy(() -> items.encode(item(7, null, null, Instant.MAX, 0)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("component at /at")
        .hasMessageContaining("key 7");
    assertThatThrownBy(() -> items.encode(item(7, null, null, Instant.MIN, 0)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("/at");
  }

  @Test
  void encode_normalisesInstantToMillisAndNegativeZero_inTheRowAndThePayload() {
    Instant at = Instant.parse("2024-05-06T07:08:09.123456789Z");
    PayloadCodec.Encoded<Item> encoded = items.encode(item(1, null, null, at, -0.0f));

    assertThat(encoded.row().at()).isEqualTo(Instant.parse("2024-05-06T07:08:09.123Z"));
    assertThat(Float.floatToRawIntBits(encoded.row().ratio())).isEqualTo(0);
    assertThat(encoded.payload()).doesNotContain("-0.0");
    assertThat(encoded.payload()).contains("\"at\":" + at.toEpochMilli());
  }

  @Test
  void encode_instantBeforeTheEpoch_isTruncatedTowardThePast() {
    Instant at = Instant.ofEpochSecond(-1, 999_999_999); // -0.000000001 s
    assertThat(items.encode(item(1, null, null, at, 0)).row().at())
        .isEqualTo(Instant.ofEpochMilli(-1));
  }

  @Test
  void encode_rowOfExactImmutableValues_isItsOwnCanonicalCopy() {
    Todo row = new Todo("t1", "x", Status.PENDING, 3, 4);
    assertThat(todos.encode(row).row()).isSameAs(row);
  }

  @Test
  void encode_rowWithMutableCollections_getsAnUnmodifiableCopy() {
    List<String> tags = new ArrayList<>(List.of("a", "b"));
    Item stored = items.encode(item(1, null, tags, null, 0)).row();
    tags.add("c");
    assertThat(stored.tags()).containsExactly("a", "b");
    assertThatThrownBy(() -> stored.tags().add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---- read: strict ------------------------------------------------------------------------

  @Test
  void read_memberOfTheWrongType_isUnreadableNamingTheMember() {
    String[][] cases = {
      {"{\"count\":1.5}", "/count"},
      {"{\"count\":\"1\"}", "/count"},
      {"{\"tiny\":300}", "/tiny"},
      {"{\"letter\":\"ab\"}", "/letter"},
      {"{\"level\":\"NOPE\"}", "/level"},
      {"{\"uuid\":\"not-a-uuid\"}", "/uuid"},
      {"{\"day\":\"2024-13-01\"}", "/day"},
      {"{\"price\":\"abc\"}", "/price"},
      {"{\"data\":\"!!!\"}", "/data"},
      {"{\"big\":9223372036854775808}", "/big"},
      {"{\"flag\":1}", "/flag"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> items.read(c[0]))
          .as(c[0])
          .isInstanceOf(UnreadableEventException.class)
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void read_notAnObject_orTrailingContent_orMalformed_isUnreadable() {
    assertThatThrownBy(() -> todos.read("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> todos.read("{\"title\":\"x\"} {}"))
        .hasMessageContaining("content after its JSON object");
    assertThatThrownBy(() -> todos.read("{\"title\":"))
        .isInstanceOf(UnreadableEventException.class);
  }

  // ---- readFor: the key is the event's ----------------------------------------------------

  @Test
  void readFor_keylessPayload_getsTheEventsKey() throws Exception {
    assertThat(todos.readFor("t9", "{\"title\":\"keyless\"}"))
        .isEqualTo(new Todo("t9", "keyless", null, 0, null));
    assertThat(todos.readFor("t9", "{ }")).isEqualTo(new Todo("t9", null, null, 0, null));
    assertThat(tasks.readFor(42L, "{\"title\":\"n\"}"))
        .isEqualTo(new Task(42L, null, "n", null, false));
  }

  @Test
  void readFor_keylessPayloadWithAStrangeKey_keepsTheKeyExactly() throws Exception {
    String key = "quote\" back\\slash \uD83D\uDE00";
    assertThat(todos.readFor(key, "{\"title\":\"x\"}").id()).isEqualTo(key);
  }

  @Test
  void readFor_payloadRepeatingTheKey_reads() throws Exception {
    assertThat(todos.readFor("t1", "{\"id\":\"t1\",\"title\":\"x\"}").title()).isEqualTo("x");
    assertThat(tasks.readFor(42L, "{\"id\":42}").id()).isEqualTo(42L);
  }

  @Test
  void readFor_payloadNamingAnotherKey_isUnreadable() {
    assertThatThrownBy(() -> todos.readFor("t1", "{\"id\":\"t2\",\"title\":\"x\"}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("id=t2")
        .hasMessageContaining("contradicts the event's key t1");
    assertThatThrownBy(() -> tasks.readFor(42L, "{\"id\":43}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("contradicts");
  }

  @Test
  void readFor_payloadWithAKeyOfTheWrongType_reportsThatFailure() {
    assertThatThrownBy(() -> tasks.readFor(42L, "{\"id\":\"42\"}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("/id");
  }

  @Test
  void readFor_keylessPayloadWithAnotherBadMember_isUnreadable() {
    assertThatThrownBy(() -> todos.readFor("t1", "{\"createdAt\":\"soon\"}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("/createdAt");
  }

  // ---- memberTexts and members -------------------------------------------------------------

  @Test
  void memberTexts_areTheMembersJsonText_absentOnesNull_unknownOnesIgnored() {
    String payload =
        "{ \"title\" : \"a \\\"quoted\\\" } brace\" , \"zzz\": [1, {\"id\": 2}], \"createdAt\":5 }";
    String[] texts = todos.memberTexts(payload);
    assertThat(texts).containsExactly(null, "\"a \\\"quoted\\\" } brace\"", null, "5", null);
  }

  @Test
  void memberTexts_setOrderAndNestedArrays_areCompared() {
    String ab = "{\"id\":\"b\",\"labels\":[\"a\",\"b\"],\"grid\":[[1,2],[3]]}";
    String ba = "{\"id\":\"b\",\"labels\":[\"b\",\"a\"],\"grid\":[[1,2],[3]]}";
    String[] first = bags.memberTexts(ab);
    String[] second = bags.memberTexts(ba);

    assertThat(first[1]).isEqualTo("[\"a\",\"b\"]");
    assertThat(first[1]).isNotEqualTo(second[1]); // the order of a set, as stored, counts
    assertThat(first[3]).isEqualTo("[[1,2],[3]]").isEqualTo(second[3]);
    assertThat(first[2]).isNull();
  }

  @Test
  void memberTexts_nullAndEmptyAndEscapedStrings_differ() {
    String[] nul = todos.memberTexts("{\"title\":null}");
    String[] empty = todos.memberTexts("{\"title\":\"\"}");
    String[] absent = todos.memberTexts("{}");
    String[] unicode = todos.memberTexts("{\"title\":\"\\u00e9\"}");
    assertThat(nul[1]).isEqualTo("null");
    assertThat(empty[1]).isEqualTo("\"\"");
    assertThat(absent[1]).isNull();
    assertThat(unicode[1]).isEqualTo("\"\\u00e9\"");
  }

  @Test
  void sameRow_comparesByValue_bytesByContent_setsByOrder() {
    Item a = item(1, null, null, null, 0);
    Item withData =
        new Item(
            1,
            null,
            null,
            null,
            false,
            null,
            (byte) 0,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new byte[] {1, 2},
            null);
    Item sameData =
        new Item(
            1,
            null,
            null,
            null,
            false,
            null,
            (byte) 0,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new byte[] {1, 2},
            null);
    Item emptyData =
        new Item(
            1,
            null,
            null,
            null,
            false,
            null,
            (byte) 0,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new byte[0],
            null);
    assertThat(items.sameRow(withData, sameData)).isTrue();
    assertThat(items.sameRow(a, emptyData)).isFalse(); // null != new byte[0]
    assertThat(items.sameRow(a, null)).isFalse();
    assertThat(items.sameRow(null, null)).isTrue();

    Set<String> ab = new LinkedHashSet<>(List.of("a", "b"));
    Set<String> ba = new LinkedHashSet<>(List.of("b", "a"));
    assertThat(bags.sameRow(new Bag("x", ab, null, null), new Bag("x", ba, null, null))).isFalse();
  }

  @Test
  void members_listsTheColumnsThePayloadCarries() throws Exception {
    BitSet members = todos.members("{\"priority\":null,\"other\":{\"title\":1},\"title\":\"x\"}");
    assertThat(members.stream().toArray()).containsExactly(1, 4);
    assertThatThrownBy(() -> todos.members("\"text\"")).hasMessageContaining("not a JSON object");
  }

  // ---- a collection with Set, Map and nested List components, as the processor writes it -----

  /** A row with container components. */
  record Bag(
      String id, Set<String> labels, Map<String, Integer> scores, List<List<Integer>> grid) {}

  static final class BagDefinition implements CollectionDefinition<Bag, String> {
    static final BagDefinition INSTANCE = new BagDefinition();
    private static final List<ColumnInfo> COLUMNS =
        List.of(
            new ColumnInfo("id", "id", ColumnType.STRING, false, true),
            new ColumnInfo("labels", "labels", ColumnType.JSON, true, false),
            new ColumnInfo("scores", "scores", ColumnType.JSON, true, false),
            new ColumnInfo("grid", "grid", ColumnType.JSON, true, false));

    @Override
    public String collectionId() {
      return "bags";
    }

    @Override
    public String tableName() {
      return "bags";
    }

    @Override
    public Class<Bag> recordType() {
      return Bag.class;
    }

    @Override
    public int schemaVersion() {
      return 1;
    }

    @Override
    public List<String> ddl() {
      return List.of();
    }

    @Override
    public String fingerprint() {
      return "bags-1";
    }

    @Override
    public List<ColumnInfo> columns() {
      return COLUMNS;
    }

    @Override
    public int keyColumn() {
      return 0;
    }

    @Override
    public int columnIndex(String component) {
      for (int i = 0; i < COLUMNS.size(); i++) {
        if (COLUMNS.get(i).component().equals(component)) return i;
      }
      return -1;
    }

    @Override
    public String keyOf(Bag row) {
      return row.id();
    }

    @Override
    public String keyToString(String key) {
      return key;
    }

    @Override
    public String keyFromString(String key) {
      return key;
    }

    @Override
    public boolean numericKey() {
      return false;
    }

    @Override
    public void bindKey(PreparedStatement statement, int index, String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void bindColumn(PreparedStatement statement, int index, Bag row, int column) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Bag readRow(ResultSet rs, int first) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void writePayload(JsonGenerator json, Bag row) throws IOException {
      json.writeStartObject();
      json.writeFieldName("id");
      JsonValues.writeString(json, row.id());
      json.writeFieldName("labels");
      if (row.labels() == null) json.writeNull();
      else {
        json.writeStartArray();
        for (String label : row.labels()) JsonValues.writeString(json, label);
        json.writeEndArray();
      }
      json.writeFieldName("scores");
      if (row.scores() == null) json.writeNull();
      else {
        json.writeStartObject();
        for (Map.Entry<String, Integer> entry : row.scores().entrySet()) {
          json.writeFieldName(entry.getKey()); // as generated: a null key fails here
          JsonValues.writeNumber(json, entry.getValue());
        }
        json.writeEndObject();
      }
      json.writeFieldName("grid");
      if (row.grid() == null) json.writeNull();
      else {
        json.writeStartArray();
        for (List<Integer> line : row.grid()) {
          json.writeStartArray();
          for (Integer cell : line) JsonValues.writeNumber(json, cell);
          json.writeEndArray();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }

    @Override
    public Bag readPayload(JsonParser json) throws IOException {
      JsonValues.expect(json, JsonToken.START_OBJECT);
      String id = null;
      Set<String> labels = null;
      Map<String, Integer> scores = null;
      List<List<Integer>> grid = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        switch (field) {
          case "id" -> id = JsonValues.readString(json);
          case "labels" -> {
            if (json.currentToken() != JsonToken.VALUE_NULL) {
              Set<String> set = new LinkedHashSet<>();
              while (json.nextToken() != JsonToken.END_ARRAY) set.add(JsonValues.readString(json));
              labels = Collections.unmodifiableSet(set);
            }
          }
          case "scores" -> {
            if (json.currentToken() != JsonToken.VALUE_NULL) {
              Map<String, Integer> map = new LinkedHashMap<>();
              while (json.nextToken() != JsonToken.END_OBJECT) {
                String key = json.currentName();
                json.nextToken();
                map.put(key, JsonValues.readInteger(json));
              }
              scores = Collections.unmodifiableMap(map);
            }
          }
          case "grid" -> {
            if (json.currentToken() != JsonToken.VALUE_NULL) {
              List<List<Integer>> lines = new ArrayList<>();
              while (json.nextToken() != JsonToken.END_ARRAY) {
                List<Integer> line = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY)
                  line.add(JsonValues.readInteger(json));
                lines.add(Collections.unmodifiableList(line));
              }
              grid = Collections.unmodifiableList(lines);
            }
          }
          default -> json.skipChildren();
        }
      }
      return new Bag(id, labels, scores, grid);
    }
  }
}
