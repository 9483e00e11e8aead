package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.event.RebuildProgress.Reason;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.exception.SchemaMismatchException;
import dev.eventsourced.db.fixtures.Evolved;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.testing.FaultyTransport;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.EventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that changes between app versions, at the runtime's level: the definitions a later build
 * would generate ({@link Evolved}) open a file written by an earlier one. (The same with records
 * compiled by the real processor is in the integration tests.)
 */
class SchemaEvolutionTest {

  @TempDir Path dir;

  private static final CollectionDefinition<Todo, String> V1 = TodoDefinition.INSTANCE;
  private final List<RebuildProgress> reports = new CopyOnWriteArrayList<>();

  private Path file() {
    return dir.resolve("app.sqlite");
  }

  private EventSourcedDb open(CollectionDefinition<?, ?>... definitions) {
    return EventSourcedDb.builder()
        .path(file())
        .collections(definitions)
        .onRebuild(reports::add)
        .open();
  }

  private static Todo todo(String id, String title) {
    return new Todo(id, title, Status.PENDING, 7, null);
  }

  private void sql(String statement) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement st = conn.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  private List<String> indexes(String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file());
        ResultSet rs =
            conn.createStatement()
                .executeQuery(
                    "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
                        + "AND tbl_name = '"
                        + table
                        + "' ORDER BY name")) {
      while (rs.next()) names.add(rs.getString(1));
    }
    return names;
  }

  @Test
  void changedRecord_rebuildsItsTableFromTheLog_andPendingEventsStayPending() throws Exception {
    try (EventSourcedDb db = open(V1)) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(todo("a", "milk"));
      todos.insert(todo("b", "bread"));
      todos.update("a", d -> d.title("oat milk"));
      todos.delete("b");
    }
    // The table is a cache: damage it, and the rebuild must restore it from the events alone.
    sql("UPDATE todos SET title = 'damaged'");
    sql("INSERT INTO todos (id, created_at) VALUES ('ghost', 1)");

    try (EventSourcedDb db = open(Evolved.of(V1).fingerprint("fp-2"))) {
      TodoRepository todos = TodoRepository.of(db);
      assertThat(todos.all()).containsExactly(todo("a", "oat milk"));
      assertThat(db.eventLog().size()).isEqualTo(4);
      assertThat(db.eventLog().pendingCount()).isEqualTo(4);
      assertThat(db.sql("SELECT _pending FROM todos WHERE id = 'a'", rs -> rs.getInt(1)).list())
          .containsExactly(2);
      assertThat(db.verify().isHealthy()).isTrue();
    }
    assertThat(reports).isNotEmpty();
    RebuildProgress first = reports.get(0);
    RebuildProgress last = reports.get(reports.size() - 1);
    assertThat(first.collectionId()).isEqualTo("todos");
    assertThat(first.reason()).isEqualTo(Reason.RECORD_CHANGED);
    assertThat(first.foldedEvents()).isZero();
    assertThat(first.totalEvents()).isEqualTo(4);
    assertThat(first.done()).isFalse();
    assertThat(last.done()).isTrue();
    assertThat(last.foldedEvents()).isEqualTo(4);
    assertThat(last.rows()).isEqualTo(1);

    reports.clear();
    open(Evolved.of(V1).fingerprint("fp-2")).close();
    assertThat(reports).as("a table written by this version is not rebuilt again").isEmpty();
  }

  @Test
  void changedRecord_leavesOtherCollectionsUntouched() throws Exception {
    TodoDefinition other = new TodoDefinition("other", "fp-1");
    try (EventSourcedDb db = open(V1, other)) {
      TodoRepository.of(db).insert(todo("a", "milk"));
      TodoRepository.of(db, other).insert(todo("b", "bread"));
    }
    sql("UPDATE other SET title = 'untouched'");

    try (EventSourcedDb db = open(Evolved.of(V1).fingerprint("fp-2"), other)) {
      assertThat(TodoRepository.of(db, other).get("b").title()).isEqualTo("untouched");
      assertThat(TodoRepository.of(db).get("a").title()).isEqualTo("milk");
    }
    assertThat(reports).extracting(RebuildProgress::collectionId).containsOnly("todos");
  }

  @Test
  void indexAddedOrRemoved_isAppliedOnOpen_withoutRebuild() throws Exception {
    try (EventSourcedDb db = open(V1)) {
      TodoRepository.of(db).insert(todo("a", "milk"));
    }
    sql("UPDATE todos SET title = 'kept'"); // a rebuild would restore "milk"
    List<String> ddl = new ArrayList<>(V1.ddl());
    ddl.add("CREATE UNIQUE INDEX IF NOT EXISTS \"todos_title_idx\" ON \"todos\" (\"title\")");

    open(Evolved.of(V1).ddl(ddl)).close();
    assertThat(indexes("todos")).containsExactly("todos_status_created_at_idx", "todos_title_idx");

    open(Evolved.of(V1).ddl(List.of(V1.ddl().get(0)))).close();
    assertThat(indexes("todos")).isEmpty();

    try (EventSourcedDb db = open(V1)) {
      assertThat(TodoRepository.of(db).get("a").title()).isEqualTo("kept");
    }
    assertThat(indexes("todos")).containsExactly("todos_status_created_at_idx");
    assertThat(reports).isEmpty();
  }

  @Test
  void olderEvents_goThroughTheUpcasters_andUpdatedFieldsFollowARename() throws Exception {
    open(V1).close();
    // Version 1 of the record called the title "name"; its events are in the log as it wrote them.
    logV1("e1", EventType.INSERT, "a", "{\"id\":\"a\",\"name\":\"milk\",\"createdAt\":7}", null);
    logV1("e2", EventType.UPDATE, "a", "{\"name\":\"oat milk\"}", "[\"name\"]");
    Evolved<Todo, String> v2 =
        Evolved.of(V1)
            .fingerprint("fp-2")
            .schemaVersion(2)
            .upcast(
                1,
                (version, payload) -> {
                  if (payload.containsKey("name")) payload.put("title", payload.remove("name"));
                  return payload;
                });

    try (EventSourcedDb db = open(v2)) {
      TodoRepository todos = TodoRepository.of(db);
      assertThat(todos.get("a").title()).isEqualTo("oat milk");
      todos.update("a", d -> d.title("whole milk"));
      Event written = db.eventLog().since(0, 100).get(2);
      assertThat(written.schemaVersion()).isEqualTo(2);
      assertThat(written.payload()).contains("whole milk");
      assertThat(db.verify().isHealthy()).isTrue();
    }
  }

  private void logV1(String id, EventType type, String key, String payload, String fields)
      throws SQLException {
    sql(
        "INSERT INTO _events (event_id, collection_id, type, key, payload, fields, timestamp, "
            + "origin, sync_status, schema_version) VALUES ('00000000-0000-0000-0000-0000000000"
            + id.substring(1)
            + "0', 'todos', '"
            + type.wireName()
            + "', '"
            + key
            + "', '"
            + payload
            + "', "
            + (fields == null ? "NULL" : "'" + fields + "'")
            + ", 1, 'local', 'pending', 1)");
  }

  @Test
  void eventTheNewRecordCannotRead_failsTheOpen_namingTheFix_andLeavesTheFileAsItWas()
      throws Exception {
    try (EventSourcedDb db = open(V1)) {
      TodoRepository.of(db).insert(todo("a", "milk"));
    }
    logV1("e9", EventType.UPDATE, "a", "{\"createdAt\":\"yesterday\"}", null);

    assertThatThrownBy(() -> open(Evolved.of(V1).fingerprint("fp-2").schemaVersion(2)))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("'todos'")
        .hasMessageContaining("key a")
        .hasMessageContaining("createdAt")
        .hasMessageContaining("@Upcast(fromVersion = 1)")
        .hasMessageContaining("nothing in the file was changed");

    try (EventSourcedDb db = open(V1)) {
      assertThat(TodoRepository.of(db).get("a").title()).isEqualTo("milk");
      assertThat(db.eventLog().size()).isEqualTo(2);
    }
  }

  @Test
  void rebuildInterrupted_leavesTheOldTable_andTheNextOpenRedoesIt() throws Exception {
    try (EventSourcedDb db = open(V1)) {
      TodoRepository todos = TodoRepository.of(db);
      for (int i = 0; i < 20_000; i++) todos.insert(todo("k" + i, "t" + i));
    }
    sql("UPDATE todos SET title = 'old' WHERE id = 'k1'");
    assertThatThrownBy(
            () ->
                EventSourcedDb.builder()
                    .path(file())
                    .collections(Evolved.of(V1).fingerprint("fp-2"))
                    .onRebuild(
                        progress -> {
                          if (progress.foldedEvents() > 0 && !progress.done())
                            throw new IllegalStateException("crash");
                        })
                    .open())
        .hasMessageContaining("crash");

    try (EventSourcedDb db = open(V1)) {
      assertThat(TodoRepository.of(db).get("k1").title())
          .as("the old table, untouched")
          .isEqualTo("old");
      assertThat(TodoRepository.of(db).count()).isEqualTo(20_000);
    }
    try (EventSourcedDb db = open(Evolved.of(V1).fingerprint("fp-2"))) {
      assertThat(TodoRepository.of(db).get("k1").title()).isEqualTo("t1");
      assertThat(TodoRepository.of(db).count()).isEqualTo(20_000);
    }
  }

  @Test
  void rebuildRequested_restoresTheFold_andTellsLiveQueries() throws Exception {
    try (EventSourcedDb db = open(V1)) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(todo("a", "milk"));
      todos.insert(todo("b", "bread"));
      LiveQuery<Todo> live = todos.query().live();
      sql("UPDATE todos SET title = 'damaged' WHERE id = 'a'");
      sql("DELETE FROM todos WHERE id = 'b'");

      RebuildProgress done = db.rebuild("todos");

      assertThat(done.reason()).isEqualTo(Reason.REQUESTED);
      assertThat(done.rows()).isEqualTo(2);
      assertThat(live.current()).containsExactlyInAnyOrder(todo("a", "milk"), todo("b", "bread"));
      assertThat(todos.all()).isEqualTo(todos.query().list());
      assertThatThrownBy(() -> db.rebuild("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("todos");
    }
  }

  @Test
  void localOnlyCollection_isPersistedAndRebuilt_butNeverPushedOrPulled() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    CollectionDefinition<Todo, String> drafts =
        Evolved.of((CollectionDefinition<Todo, String>) new TodoDefinition("drafts", "fp-1"))
            .localOnly();
    backend.appendForeign("drafts", EventType.INSERT, "x", "{\"id\":\"x\",\"createdAt\":1}", null);
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(file())
            .collections(V1, drafts)
            .sync(new FaultyTransport(backend))
            .autoSync(false)
            .open()) {
      TodoRepository local = TodoRepository.of(db, drafts);
      local.insert(todo("d", "draft"));
      local.update("d", d -> d.title("draft 2"));
      TodoRepository.of(db).insert(todo("a", "milk"));
      assertThat(db.eventLog().pendingCount()).isEqualTo(1);

      SyncResult result = db.sync();

      assertThat(result.ok()).isTrue();
      assertThat(result.pushed()).isEqualTo(1);
      assertThat(backend.log())
          .extracting(e -> e.collectionId())
          .containsExactly("drafts", "todos");
      assertThat(local.all()).containsExactly(todo("d", "draft 2"));
      assertThat(
              db.sql(
                      "SELECT count(*) FROM _events WHERE collection_id = 'drafts'",
                      rs -> rs.getInt(1))
                  .list())
          .containsExactly(2);
      assertThat(db.eventLog().since(0, 10))
          .filteredOn(e -> e.collectionId().equals("drafts"))
          .allSatisfy(
              e -> {
                assertThat(e.syncStatus()).isEqualTo(SyncStatus.SYNCED);
                assertThat(e.globalSeq()).isNull();
              });
      assertThat(db.sql("SELECT _pending FROM drafts", rs -> rs.getInt(1)).list())
          .containsExactly(0);
      sql("UPDATE drafts SET title = 'damaged'");
      db.rebuild("drafts");
      assertThat(local.all()).containsExactly(todo("d", "draft 2"));
      assertThat(db.verify().isHealthy()).isTrue();
    }
  }

  @Test
  void pulledEventsOfANewerVersion_areAppliedAsFarAsKnown_keptAndReported_thenFoldedOnUpgrade()
      throws Exception {
    MemoryBackend backend = new MemoryBackend();
    backend.appendForeign(
        "todos",
        EventType.INSERT,
        "a",
        "{\"id\":\"a\",\"title\":\"milk\",\"status\":\"PENDING\",\"createdAt\":7,\"colour\":\"red\"}",
        null,
        2);
    backend.appendForeign(
        "todos",
        EventType.UPDATE,
        "a",
        "{\"createdAt\":\"last tuesday\"}",
        List.of("createdAt"),
        2);
    SyncResult result;
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(file())
            .collections(V1)
            .sync(new FaultyTransport(backend))
            .autoSync(false)
            .open()) {
      result = db.sync();
      assertThat(TodoRepository.of(db).get("a")).isEqualTo(todo("a", "milk"));
      assertThat(db.eventLog().since(0, 10))
          .allSatisfy(e -> assertThat(e.syncStatus()).isEqualTo(SyncStatus.SYNCED))
          .allSatisfy(e -> assertThat(e.error()).contains("schema version 2"));
    }
    assertThat(result.ok()).isTrue();
    assertThat(result.newer()).hasSize(2);
    assertThat(result.newer().get(0).applied()).isTrue();
    assertThat(result.newer().get(1).applied()).isFalse();
    assertThat(result.newer().get(1).note()).contains("createdAt");

    // The upgraded app reads "createdAt" as text: an upcaster for version 1 keeps old numbers.
    Evolved<Todo, String> v2 =
        Evolved.of(V1)
            .fingerprint("fp-2")
            .schemaVersion(2)
            .upcast(1, (version, payload) -> payload);
    // Still the same record class here: the text cannot be read, so it stays kept and marked.
    try (EventSourcedDb db = open(v2)) {
      assertThat(TodoRepository.of(db).get("a")).isEqualTo(todo("a", "milk"));
      List<Event> events = db.eventLog().since(0, 10);
      assertThat(events.get(0).error()).as("read in full now: mark cleared").isNull();
      assertThat(events.get(1).error()).contains("schema version 2");
    }
  }
}
