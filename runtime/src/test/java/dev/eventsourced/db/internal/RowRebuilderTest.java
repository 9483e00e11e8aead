package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.Verification.Difference;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskDefinition;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.protocol.EventType;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rebuilding rows from their events, and comparing rows with them ({@code verify()}). */
class RowRebuilderTest {

  private static final TodoDefinition TODOS = TodoDefinition.INSTANCE;
  private static final TaskDefinition TASKS = TaskDefinition.INSTANCE;

  private Conn conn;
  private final StateTable<Todo, String> todoTable = new StateTable<>(TODOS);
  private final RowRebuilder<Todo, String> todos =
      new RowRebuilder<>(TODOS, new Fold<>(TODOS, new PayloadCodec<>(TODOS), null), todoTable);
  private final StateTable<Task, Long> taskTable = new StateTable<>(TASKS);
  private final RowRebuilder<Task, Long> tasks =
      new RowRebuilder<>(TASKS, new Fold<>(TASKS, new PayloadCodec<>(TASKS), null), taskTable);

  @BeforeEach
  void open() throws SQLException {
    conn = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"));
    for (String ddl : Schema.DDL) conn.execute(ddl);
    for (String ddl : TODOS.ddl()) conn.execute(ddl);
    for (String ddl : TASKS.ddl()) conn.execute(ddl);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  /** Logs an event as the given local sequence number. */
  private void log(
      long localSeq,
      String collection,
      EventType type,
      String key,
      String payload,
      String status,
      Long globalSeq,
      String... fields)
      throws SQLException {
    PreparedStatement insert =
        conn.prepare(
            "INSERT INTO \"_events\" (\"local_seq\", \"event_id\", \"collection_id\", \"type\", \"key\", "
                + "\"payload\", \"fields\", \"timestamp\", \"origin\", \"global_seq\", \"sync_status\", "
                + "\"schema_version\") VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 1)");
    insert.setLong(1, localSeq);
    insert.setString(2, UUID.randomUUID().toString());
    insert.setString(3, collection);
    insert.setString(4, type.wireName());
    insert.setString(5, key);
    insert.setString(6, payload);
    insert.setString(7, fields.length == 0 ? null : EventLogStore.fieldsJson(List.of(fields)));
    insert.setString(8, status.equals("synced") ? "remote" : "local");
    if (globalSeq == null) insert.setNull(9, java.sql.Types.INTEGER);
    else insert.setLong(9, globalSeq);
    insert.setString(10, status);
    insert.executeUpdate();
  }

  private void remote(
      long localSeq, EventType type, String key, String payload, long globalSeq, String... fields)
      throws SQLException {
    log(localSeq, "todos", type, key, payload, "synced", globalSeq, fields);
  }

  private void pending(long localSeq, EventType type, String key, String payload, String... fields)
      throws SQLException {
    log(localSeq, "todos", type, key, payload, "pending", null, fields);
  }

  private List<Difference> verify() throws SQLException {
    List<Difference> differences = new ArrayList<>();
    todos.verify(conn, differences);
    return differences;
  }

  @Test
  void rebuild_foldsGlobalOrderFirst_thenPendingInLocalOrder() throws SQLException {
    pending(1, EventType.UPDATE, "t1", "{\"title\":\"c\",\"priority\":7}");
    // Logged after the pending ones, but earlier in the global order: the insert (seq 5) comes
    // after the update (seq 4), which therefore finds no row.
    remote(2, EventType.INSERT, "t1", "{\"title\":\"a\",\"createdAt\":1}", 5);
    remote(3, EventType.UPDATE, "t1", "{\"title\":\"b\"}", 4);
    pending(10, EventType.UPDATE, "t1", "{\"title\":\"d\"}");

    Change change = todos.rebuild(conn, "t1", EventType.UPDATE);

    assertThat(change.row()).isEqualTo(new Todo("t1", "d", null, 1, 7));
    assertThat(change.origin()).isEqualTo(Origin.LOCAL);
    assertThat(change.synced()).isFalse();
    assertThat(todos.countPending(conn, "t1")).isEqualTo(2);
    assertThat(verify()).isEmpty();
  }

  @Test
  void rebuild_skipsUnreadableEvents() throws SQLException {
    remote(1, EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);
    remote(2, EventType.UPDATE, "t1", "{\"createdAt\":\"soon\"}", 2);
    remote(3, EventType.UPDATE, "t1", "{\"id\":\"t2\",\"title\":\"other key\"}", 3);
    remote(4, EventType.UPDATE, "t1", "{\"priority\":2}", 4);

    Change change = todos.rebuild(conn, "t1", EventType.UPDATE);

    assertThat(change.row()).isEqualTo(new Todo("t1", "a", null, 0, 2));
    assertThat(change.origin()).isEqualTo(Origin.REMOTE);
    assertThat(change.synced()).isTrue();
  }

  @Test
  void rebuild_leavesOutRejectedLocalEvents() throws SQLException {
    remote(1, EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);
    log(2, "todos", EventType.UPDATE, "t1", "{\"title\":\"refused\"}", "rejected", null);

    Change change = todos.rebuild(conn, "t1", EventType.UPDATE);

    assertThat(change.row()).isEqualTo(new Todo("t1", "a", null, 0, null));
    assertThat(change.synced()).isTrue();
    assertThat(todos.countPending(conn, "t1")).isZero();
  }

  @Test
  void rebuild_rowTheEventsDelete_isRemoved() throws SQLException {
    todoTable.put(conn, new Todo("t1", "stale", null, 0, null), Origin.LOCAL);
    remote(1, EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);
    remote(2, EventType.DELETE, "t1", "not a payload", 2);

    Change change = todos.rebuild(conn, "t1", EventType.DELETE);

    assertThat(change.row()).isNull();
    assertThat(todoTable.exists(conn, "t1")).isFalse();
  }

  @Test
  void rebuild_originIsTheLastEventThatChangedTheRow() throws SQLException {
    remote(1, EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);
    pending(2, EventType.UPDATE, "t2", "{\"title\":\"other row\"}");
    // Another row's pending event does not make t1 local.
    Change change = todos.rebuild(conn, "t1", EventType.UPDATE);
    assertThat(change.origin()).isEqualTo(Origin.REMOTE);

    pending(3, EventType.UPDATE, "t1", "{\"priority\":1}");
    assertThat(todos.rebuild(conn, "t1", EventType.UPDATE).origin()).isEqualTo(Origin.LOCAL);
  }

  @Test
  void rebuild_keyThatIsNotAKeyOfTheCollection_throwsIllegalArgument() {
    assertThatThrownBy(() -> tasks.rebuild(conn, "abc", EventType.INSERT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refill_lenient_foldsEveryLoggedKey_andMarksEventsTheCollectionCannotRead()
      throws SQLException {
    log(1, "tasks", EventType.INSERT, "1", "{\"title\":\"one\"}", "synced", 1L);
    log(2, "tasks", EventType.INSERT, "abc", "{\"title\":\"bad key\"}", "synced", 2L);
    log(3, "tasks", EventType.INSERT, "2", "{\"title\":\"two\"}", "pending", null);
    log(4, "todos", EventType.INSERT, "3", "{\"title\":\"another collection\"}", "synced", 3L);

    RowRebuilder.Refill refill = tasks.refill(conn, false, true, (events, rows) -> {});

    assertThat(refill.events()).isEqualTo(3);
    assertThat(refill.rows()).isEqualTo(2);
    assertThat(refill.changes()).extracting(Change::key).containsExactlyInAnyOrder(1L, 2L);
    assertThat(taskTable.find(conn, 1L)).contains(new Task(1, null, "one", null, false));
    assertThat(taskTable.find(conn, 2L)).contains(new Task(2, null, "two", null, false));
    assertThat(taskTable.exists(conn, 3L)).isFalse();
    try (var rs =
        conn.prepare("SELECT \"sync_status\", \"error\" FROM \"_events\" WHERE \"local_seq\" = 2")
            .executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("rejected");
      assertThat(rs.getString(2)).contains("abc");
    }
  }

  @Test
  void refill_foldsEachKeyInGlobalOrderThenLocalOrder_whateverOrderTheyWereLogged()
      throws SQLException {
    // Logged: a pending local update, then pulled events whose global order is the reverse.
    pending(1, EventType.UPDATE, "t1", "{\"title\":\"mine\"}", "title");
    remote(2, EventType.UPDATE, "t1", "{\"title\":\"second\",\"priority\":2}", 9);
    remote(3, EventType.INSERT, "t1", "{\"title\":\"first\",\"createdAt\":1}", 4);
    remote(4, EventType.INSERT, "t2", "{\"title\":\"gone\",\"createdAt\":1}", 6);
    remote(5, EventType.DELETE, "t2", "{}", 5); // before the insert in global order: row stays

    RowRebuilder.Refill refill = todos.refill(conn, true, false, (events, rows) -> {});

    assertThat(refill.rows()).isEqualTo(2);
    assertThat(todoTable.find(conn, "t1")).contains(new Todo("t1", "mine", null, 1, 2));
    assertThat(todoTable.find(conn, "t2")).contains(new Todo("t2", "gone", null, 1, null));
    assertThat(verify()).isEmpty();
  }

  @Test
  void refill_strict_failsOnAnEventItReadBeforeAndNamesTheFix() throws SQLException {
    log(1, "tasks", EventType.INSERT, "1", "{\"title\":\"one\"}", "synced", 1L);
    log(2, "tasks", EventType.INSERT, "abc", "{\"title\":\"bad key\"}", "synced", 2L);

    assertThatThrownBy(() -> tasks.refill(conn, true, false, (events, rows) -> {}))
        .isInstanceOf(dev.eventsourced.db.exception.SchemaMismatchException.class)
        .hasMessageContaining("key abc")
        .hasMessageContaining("@Upcast(fromVersion = 1)");
  }

  @Test
  void verify_healthyTable_reportsNothing() throws SQLException {
    remote(1, EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);
    pending(2, EventType.INSERT, "t2", "{\"title\":\"b\"}");
    remote(3, EventType.INSERT, "t3", "{\"title\":\"c\"}", 2);
    remote(4, EventType.DELETE, "t3", "{}", 3);
    todos.rebuild(conn, "t1", EventType.INSERT);
    todos.rebuild(conn, "t2", EventType.INSERT);
    todos.rebuild(conn, "t3", EventType.INSERT);

    assertThat(verify()).isEmpty();
  }

  @Test
  void verify_reportsEachKindOfDifference() throws SQLException {
    remote(1, EventType.INSERT, "values", "{\"title\":\"a\"}", 1);
    remote(2, EventType.INSERT, "missing", "{\"title\":\"b\"}", 2);
    remote(3, EventType.INSERT, "deleted", "{\"title\":\"c\"}", 3);
    remote(4, EventType.DELETE, "deleted", "{}", 4);
    pending(5, EventType.INSERT, "pending", "{\"title\":\"d\"}");
    remote(6, EventType.INSERT, "synced", "{\"title\":\"e\"}", 5);
    todoTable.put(conn, new Todo("values", "A!", null, 0, null), Origin.REMOTE);
    todoTable.put(conn, new Todo("deleted", "c", null, 0, null), Origin.REMOTE);
    todoTable.put(conn, new Todo("pending", "d", null, 0, null), Origin.LOCAL); // _pending 0
    todoTable.put(conn, new Todo("synced", "e", null, 0, null), Origin.REMOTE);
    todoTable.setPending(conn, "synced", 1);
    todoTable.put(conn, new Todo("extra", "no event", null, 0, null), Origin.LOCAL);

    List<Difference> differences = verify();

    assertThat(differences)
        .extracting(d -> d.key() + ": " + d.problem())
        .containsExactlyInAnyOrder(
            "values: the state table's values differ from the fold of the events",
            "missing: the events create the row, but the state table lacks it",
            "deleted: the events delete the row or never create it, but the state table has it",
            "pending: the row has 1 pending events but is marked synced",
            "synced: the row has 0 pending events but is marked pending",
            "extra: the state table has a row that no event creates");
    Difference values =
        differences.stream().filter(d -> d.key().equals("values")).findFirst().orElseThrow();
    assertThat(values.folded()).isEqualTo(new Todo("values", "a", null, 0, null));
    assertThat(values.stored()).isEqualTo(new Todo("values", "A!", null, 0, null));
    assertThat(values.collectionId()).isEqualTo("todos");
  }

  @Test
  void verify_numericKeyLoggedInAnotherForm_isComparedWithItsRow() throws SQLException {
    log(1, "tasks", EventType.INSERT, "42", "{\"title\":\"t\"}", "synced", 1L);
    taskTable.put(conn, new Task(42, null, "t", null, false), Origin.REMOTE);
    log(2, "tasks", EventType.INSERT, "x", "{\"title\":\"unreadable key\"}", "synced", 2L);
    List<Difference> differences = new ArrayList<>();

    tasks.verify(conn, differences);

    assertThat(differences).isEmpty();
  }

  @Test
  void verify_rowsAreComparedByValue_notByIdentity() throws SQLException {
    remote(
        1, EventType.INSERT, "t1", "{\"title\":\"a\",\"status\":\"COMPLETE\",\"priority\":3}", 1);
    todoTable.put(conn, new Todo("t1", "a", Status.COMPLETE, 0, 3), Origin.REMOTE);

    assertThat(verify()).isEmpty();
  }
}
