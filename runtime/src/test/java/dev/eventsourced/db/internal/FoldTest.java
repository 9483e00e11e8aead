package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.protocol.EventType;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fold rule of invariant 4, as {@link Fold} states it: these tests are its specification. */
class FoldTest {

  private static final TodoDefinition TODOS = TodoDefinition.INSTANCE;
  private static final Todo ROW = new Todo("t1", "Buy milk", Status.PENDING, 5, 3);

  private final Fold<Todo, String> fold = new Fold<>(TODOS, new PayloadCodec<>(TODOS), null);
  private Conn conn;
  private StateTable<Todo, String> table;

  @BeforeEach
  void openTable() throws SQLException {
    conn = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"));
    for (String ddl : TODOS.ddl()) conn.execute(ddl);
    table = new StateTable<>(TODOS);
  }

  @AfterEach
  void closeTable() throws SQLException {
    conn.close();
  }

  private Fold.Step<Todo, String> step(EventType type, String key, String payload, String... fields)
      throws UnreadableEventException {
    return fold.read(type, key, payload, List.of(fields), 1, Origin.REMOTE, 1L, 0);
  }

  @Test
  void insert_setsTheWholeRow_overAnExistingOne() throws Exception {
    Todo after =
        fold.apply(
            ROW, step(EventType.INSERT, "t1", "{\"id\":\"t1\",\"title\":\"new\",\"createdAt\":7}"));

    assertThat(after).isEqualTo(new Todo("t1", "new", null, 7, null));
  }

  @Test
  void insert_withoutTheKeyMember_takesTheEventsKey() throws Exception {
    assertThat(fold.apply(null, step(EventType.INSERT, "t9", "{\"title\":\"keyless\"}")))
        .isEqualTo(new Todo("t9", "keyless", null, 0, null));
    assertThat(fold.apply(null, step(EventType.INSERT, "t9", "{}")))
        .isEqualTo(new Todo("t9", null, null, 0, null));
  }

  @Test
  void update_setsTheFieldsItLists() throws Exception {
    Todo after =
        fold.apply(
            ROW,
            step(
                EventType.UPDATE,
                "t1",
                "{\"id\":\"t1\",\"title\":\"ignored\",\"status\":\"COMPLETE\",\"createdAt\":0,\"priority\":null}",
                "status"));

    assertThat(after).isEqualTo(new Todo("t1", "Buy milk", Status.COMPLETE, 5, 3));
  }

  @Test
  void update_withoutFields_setsExactlyThePayloadsMembers() throws Exception {
    assertThat(fold.apply(ROW, step(EventType.UPDATE, "t1", "{\"priority\":null,\"unknown\":[1]}")))
        .isEqualTo(new Todo("t1", "Buy milk", Status.PENDING, 5, null));
    assertThat(
            fold.apply(
                ROW,
                step(
                    EventType.UPDATE,
                    "t1",
                    "{\"id\":\"t1\",\"title\":\"all\",\"status\":null,\"createdAt\":1,\"priority\":2}")))
        .isEqualTo(new Todo("t1", "all", null, 1, 2));
  }

  @Test
  void update_ofAMissingRow_doesNothing() throws Exception {
    assertThat(fold.apply(null, step(EventType.UPDATE, "t1", "{\"title\":\"x\"}"))).isNull();
  }

  @Test
  void delete_removesTheRow_whateverItsPayload() throws Exception {
    assertThat(fold.apply(ROW, step(EventType.DELETE, "t1", "not even json"))).isNull();
  }

  @Test
  void payloadsThatContradictTheirEvent_areUnreadable() {
    assertThatThrownBy(() -> step(EventType.INSERT, "t1", "{\"id\":\"t2\"}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("contradicts the event's key t1");
    assertThatThrownBy(() -> step(EventType.UPDATE, "t1", "{\"createdAt\":\"soon\"}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("/createdAt");
    assertThatThrownBy(() -> step(EventType.UPDATE, "t1", "{\"createdAt\":1.5}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("expected an integer");
    assertThatThrownBy(() -> step(EventType.UPDATE, "t1", "{\"priority\":4294967296}"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> step(EventType.INSERT, "t1", "[]"))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> step(EventType.INSERT, "t1", "{\"title\":\"x\"} trailing"))
        .isInstanceOf(UnreadableEventException.class);
  }

  @Test
  void aResolver_replacesTheDefaultRule_andSeesTheFieldsAnUpdateSets() throws Exception {
    ConflictResolver<Todo> keepTitle =
        (current, event) ->
            current == null
                ? event.row()
                : new Todo(
                    current.id(),
                    current.title(),
                    event.fields().contains("status") ? event.row().status() : current.status(),
                    current.createdAt(),
                    current.priority());
    Fold<Todo, String> custom = new Fold<>(TODOS, new PayloadCodec<>(TODOS), keepTitle);

    Todo after =
        custom.apply(
            ROW,
            custom.read(
                EventType.UPDATE,
                "t1",
                "{\"title\":\"x\",\"status\":\"COMPLETE\"}",
                List.of(),
                1,
                Origin.REMOTE,
                1L,
                0));

    assertThat(after).isEqualTo(new Todo("t1", "Buy milk", Status.COMPLETE, 5, 3));
  }

  @Test
  void changedColumns_compareByValue_textsIncluded() {
    String before =
        "{\"id\":\"t1\",\"title\":\"Buy milk\",\"status\":\"PENDING\",\"createdAt\":5,\"priority\":3}";
    String after =
        "{\"id\":\"t1\",\"title\":\"Buy oat milk\",\"status\":\"PENDING\",\"createdAt\":5,\"priority\":4}";

    assertThat(fold.fieldNames(fold.changedColumns(before, after)))
        .containsExactly("title", "priority");
    assertThat(fold.changedColumns(before, before).cardinality()).isZero();
  }

  /** The rule is stated twice, in memory and on the table: random histories must fold alike. */
  @Test
  void onTheTable_foldsAsInMemory() throws Exception {
    long seed = Long.getLong("seed", System.nanoTime());
    System.out.println("FoldTest seed: " + seed + " (replay with -Dseed=" + seed + ")");
    Random random = new Random(seed);
    String[] payloads = {
      "{\"id\":\"%s\",\"title\":\"a\",\"status\":\"PENDING\",\"createdAt\":1,\"priority\":1}",
      "{\"title\":\"b\"}",
      "{\"status\":\"COMPLETE\",\"priority\":null}",
      "{\"createdAt\":9}",
      "{}",
      "{\"id\":\"%s\"}",
      "{\"priority\":\"wrong type\"}",
      "{\"id\":\"other\",\"title\":\"c\"}"
    };
    String[][] fieldLists = {{}, {"title"}, {"status", "priority"}, {"nope"}};
    Todo memory = null;
    for (int i = 0; i < 500; i++) {
      EventType type = EventType.values()[random.nextInt(3)];
      String payload = payloads[random.nextInt(payloads.length)].replace("%s", "t1");
      String[] fields =
          type == EventType.UPDATE ? fieldLists[random.nextInt(fieldLists.length)] : new String[0];
      Fold.Step<Todo, String> step;
      try {
        step = step(type, "t1", payload, fields);
      } catch (UnreadableEventException e) {
        continue;
      }
      memory = fold.apply(memory, step);
      fold.applyTo(table, conn, step, null, false);
      assertThat(table.find(conn, "t1").orElse(null))
          .as("seed %d, step %d: %s %s %s", seed, i, type, payload, List.of(fields))
          .isEqualTo(memory);
    }
  }
}
