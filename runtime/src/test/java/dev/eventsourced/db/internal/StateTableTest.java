package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskDefinition;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.protocol.EventType;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQL of one state table: which columns each write touches, and the row's metadata. */
class StateTableTest {

  private static final TodoDefinition TODOS = TodoDefinition.INSTANCE;
  private static final Todo ROW = new Todo("t1", "Buy milk", Status.PENDING, 5, 3);

  private Conn conn;
  private final StateTable<Todo, String> table = new StateTable<>(TODOS);

  @BeforeEach
  void open() throws SQLException {
    conn = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"));
    for (String ddl : TODOS.ddl()) conn.execute(ddl);
    for (String ddl : TaskDefinition.INSTANCE.ddl()) conn.execute(ddl);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private static BitSet columns(int... positions) {
    BitSet set = new BitSet();
    for (int p : positions) set.set(p);
    return set;
  }

  /** {@code _origin} and {@code _pending} of the row. */
  private String meta(String key) throws SQLException {
    var select = conn.prepare("SELECT \"_origin\", \"_pending\" FROM \"todos\" WHERE \"id\" = ?");
    select.setString(1, key);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getString(1) + "/" + rs.getInt(2) : "absent";
    }
  }

  @Test
  void insertLocal_newRow_isLocalWithOnePendingEvent() throws SQLException {
    table.insertLocal(conn, ROW);

    assertThat(table.find(conn, "t1")).contains(ROW);
    assertThat(meta("t1")).isEqualTo("local/1");
  }

  @Test
  void insertLocal_existingKey_failsWithAUniqueViolation_andKeepsTheRow() throws SQLException {
    table.insertLocal(conn, ROW);

    assertThatThrownBy(() -> table.insertLocal(conn, new Todo("t1", "other", null, 0, null)))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(SqlErrors.isUniqueViolation((SQLException) e)).isTrue());
    assertThat(table.find(conn, "t1")).contains(ROW);
    assertThat(meta("t1")).isEqualTo("local/1");
  }

  @Test
  void upsertLocal_existingRemoteRow_replacesItAndCountsOneMorePending() throws SQLException {
    table.put(conn, ROW, Origin.REMOTE);
    table.setPending(conn, "t1", 2);
    Todo replacement = new Todo("t1", "Oat milk", null, 9, null);

    table.upsertLocal(conn, replacement);

    assertThat(table.find(conn, "t1")).contains(replacement);
    assertThat(meta("t1")).isEqualTo("local/3");
  }

  @Test
  void patchLocal_setsOnlyTheListedColumns_andCountsOnePending() throws SQLException {
    table.put(conn, ROW, Origin.REMOTE);
    Todo source = new Todo("t1", "ignored", Status.COMPLETE, 99, null);

    boolean found = table.patchLocal(conn, "t1", source, columns(2, 4));

    assertThat(found).isTrue();
    assertThat(table.find(conn, "t1"))
        .contains(new Todo("t1", "Buy milk", Status.COMPLETE, 5, null));
    assertThat(meta("t1")).isEqualTo("local/1");
  }

  @Test
  void patchLocal_missingRow_returnsFalse_andCreatesNothing() throws SQLException {
    assertThat(table.patchLocal(conn, "t1", ROW, columns(1))).isFalse();
    assertThat(table.exists(conn, "t1")).isFalse();
  }

  @Test
  void patch_replayed_setsOnlyTheListedColumns_andKeepsThePendingCount() throws SQLException {
    table.insertLocal(conn, ROW); // one pending local event

    table.patch(
        conn,
        "t1",
        new Todo("t1", "Remote title", Status.COMPLETE, 0, 0),
        columns(1),
        Origin.REMOTE);

    assertThat(table.find(conn, "t1"))
        .contains(new Todo("t1", "Remote title", Status.PENDING, 5, 3));
    assertThat(meta("t1")).isEqualTo("remote/1");
  }

  @Test
  void patch_missingRow_doesNothing() throws SQLException {
    table.patch(conn, "t1", ROW, columns(1, 2), Origin.REMOTE);
    assertThat(table.exists(conn, "t1")).isFalse();
  }

  @Test
  void patch_columnSetChangedByTheCallerAfterwards_doesNotChangeTheCachedStatement()
      throws SQLException {
    table.put(conn, ROW, Origin.REMOTE);
    BitSet set = columns(1);
    table.patch(conn, "t1", new Todo("t1", "A", null, 0, null), set, Origin.REMOTE);
    set.set(2); // the caller reuses its BitSet
    table.patch(conn, "t1", new Todo("t1", "B", Status.COMPLETE, 0, null), set, Origin.REMOTE);
    table.patch(conn, "t1", new Todo("t1", "C", null, 0, null), columns(1), Origin.REMOTE);

    assertThat(table.find(conn, "t1")).contains(new Todo("t1", "C", Status.COMPLETE, 5, 3));
  }

  @Test
  void put_newRow_hasNoPendingEvents_andTheGivenOrigin() throws SQLException {
    table.put(conn, ROW, Origin.REMOTE);
    assertThat(meta("t1")).isEqualTo("remote/0");
  }

  @Test
  void put_existingRow_replacesEveryColumn_andKeepsItsPendingCount() throws SQLException {
    table.insertLocal(conn, ROW);
    table.upsertLocal(conn, ROW); // pending 2
    Todo remote = new Todo("t1", null, null, 1, null);

    table.put(conn, remote, Origin.REMOTE);

    assertThat(table.find(conn, "t1")).contains(remote);
    assertThat(meta("t1")).isEqualTo("remote/2");
  }

  @Test
  void setPending_decidesSynced_inChangeOf() throws SQLException {
    table.insertLocal(conn, ROW);
    Change pending = table.changeOf(conn, "t1", EventType.INSERT);
    table.setPending(conn, "t1", 0);
    Change synced = table.changeOf(conn, "t1", EventType.UPDATE);

    assertThat(pending.row()).isEqualTo(ROW);
    assertThat(pending.synced()).isFalse();
    assertThat(pending.origin()).isEqualTo(Origin.LOCAL);
    assertThat(synced.synced()).isTrue();
    assertThat(synced.type()).isEqualTo(EventType.UPDATE);
  }

  @Test
  void changeOf_missingRow_hasNoRow_andCountsAsSynced() throws SQLException {
    Change change = table.changeOf(conn, "gone", EventType.DELETE);
    assertThat(change.row()).isNull();
    assertThat(change.origin()).isNull();
    assertThat(change.synced()).isTrue();
    assertThat(change.key()).isEqualTo("gone");
  }

  @Test
  void remove_deletesOnlyThatRow() throws SQLException {
    table.put(conn, ROW, Origin.REMOTE);
    table.put(conn, new Todo("t2", "x", null, 0, null), Origin.REMOTE);

    table.remove(conn, "t1");
    table.remove(conn, "never there");

    assertThat(table.exists(conn, "t1")).isFalse();
    assertThat(table.exists(conn, "t2")).isTrue();
  }

  @Test
  void forEachWithPending_readsEveryRowWithItsMetadata() throws SQLException {
    table.insertLocal(conn, ROW);
    table.put(conn, new Todo("t2", "x", null, 0, null), Origin.REMOTE);
    List<String> seen = new ArrayList<>();

    table.forEachWithPending(
        conn,
        (row, origin, synced) -> {
          seen.add(row.id() + ":" + origin + ":" + synced);
          return null;
        });

    assertThat(seen).containsExactlyInAnyOrder("t1:LOCAL:false", "t2:REMOTE:true");
  }

  @Test
  void numericKey_isBoundAsANumber() throws SQLException {
    StateTable<Task, Long> tasks = new StateTable<>(TaskDefinition.INSTANCE);
    Task task = new Task(42, "p", "t", null, true);
    tasks.put(conn, task, Origin.REMOTE);

    assertThat(tasks.find(conn, 42L)).contains(task);
    assertThat(tasks.scalar(conn, "SELECT typeof(\"id\") = 'integer' FROM \"tasks\"", List.of()))
        .isEqualTo(1);
    tasks.patch(conn, 42L, new Task(42, null, "renamed", 1, false), columns(2, 3), Origin.LOCAL);
    assertThat(tasks.find(conn, 42L)).contains(new Task(42, "p", "renamed", 1, true));
  }

  @Test
  void quote_doublesQuotesInIdentifiers() {
    assertThat(StateTable.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(table.table()).isEqualTo("\"todos\"");
    assertThat(table.selectColumns())
        .isEqualTo("\"id\", \"title\", \"status\", \"created_at\", \"priority\"");
  }
}
