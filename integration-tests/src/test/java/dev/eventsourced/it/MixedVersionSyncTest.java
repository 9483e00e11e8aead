package dev.eventsourced.it;

import static dev.eventsourced.it.RecordVersions.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.it.RecordVersions.Version;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two releases of an app on one real server: device A runs version 1 of the record, device B
 * version 2 (a component renamed with an upcaster, two added), and they write and sync in turns.
 * Both converge on what they can both see (invariant 4), B upcasts A's events, A keeps B's newer
 * events and reports them, nothing is rejected, the server holds every event once, and A, upgraded,
 * folds everything to B's state.
 */
class MixedVersionSyncTest {

  private static final String TODO_V1 =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(@Key String id, String title, Status status, long createdAt) {
        public enum Status { OPEN, DONE }
      }
      """;

  /** Version 2 renames title to name (with an upcaster) and adds two components. */
  private static final String TODO_V2 =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Default;
      import dev.eventsourced.annotations.Key;
      import dev.eventsourced.annotations.Upcast;
      import java.util.Map;

      @Collection("todos")
      public record Todo(
          @Key String id,
          String name,
          Status status,
          long createdAt,
          String note,
          @Default("3") int priority) {
        public enum Status { OPEN, DONE }

        @Upcast(fromVersion = 1)
        static Map<String, Object> titleBecameName(Map<String, Object> payload) {
          if (payload.containsKey("title")) payload.put("name", payload.remove("title"));
          return payload;
        }
      }
      """;

  /** The components both versions have, under the same name and type. */
  private static final Set<String> SHARED = Set.of("id", "status", "createdAt");

  @TempDir Path dir;
  private RecordVersions versions;
  private final Devices devices = new Devices();
  private final List<SyncResult> results = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    devices.close();
    if (versions != null) versions.close();
  }

  private SyncResult sync(EventSourcedDb db) {
    SyncResult result = db.sync();
    results.add(result);
    return result;
  }

  @Test
  void v1AndV2Devices_writeAndSyncInTurns_convergeAsFarAsEachSees_nothingRejected_v1KeepsNewer()
      throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_V1);
    Version v2 = versions.version("v2", TODO_V2);
    assertThat(v1.definition("app.Todo").schemaVersion()).isEqualTo(1);
    assertThat(v2.definition("app.Todo").schemaVersion()).isEqualTo(2);
    Path aFile = dir.resolve("a.sqlite");
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      HttpSyncTransport http = HttpSyncTransport.to(server.events());
      EventSourcedDb a = devices.open(aFile, http, v1.definition("app.Todo"));
      EventSourcedDb b = devices.open(dir.resolve("b.sqlite"), http, v2.definition("app.Todo"));
      Repository<Record, Object> aTodos = v1.repository(a, "app.Todo");
      Repository<Record, Object> bTodos = v2.repository(b, "app.Todo");

      aTodos.insert(v1.row("app.Todo", "a", "milk", "OPEN", 1L));
      aTodos.insert(v1.row("app.Todo", "b", "bread", "OPEN", 2L));
      assertThat(sync(a).pushed()).isEqualTo(2);
      assertThat(sync(b).pulled()).isEqualTo(2);
      assertThat(bTodos.get("a"))
          .as("v1's event upcast: title became name; the new components read their defaults")
          .isEqualTo(v2.row("app.Todo", "a", "milk", "OPEN", 1L, null, 3));

      bTodos.update(v2.row("app.Todo", "a", "oat milk", "OPEN", 1L, "the green one", 3));
      bTodos.insert(v2.row("app.Todo", "c", "eggs", "OPEN", 3L, "six", 1));
      assertThat(sync(b).pushed()).isEqualTo(2);
      SyncResult aPull = sync(a);
      assertThat(aPull.pulled()).isEqualTo(2);
      assertThat(aPull.newer())
          .hasSize(2)
          .allSatisfy(
              n -> {
                assertThat(n.schemaVersion()).isEqualTo(2);
                assertThat(n.knownVersion()).isEqualTo(1);
                assertThat(n.collectionId()).isEqualTo("todos");
              });
      assertThat(aTodos.get("c"))
          .as("v1 applies the members it knows of v2's insert")
          .isEqualTo(v1.row("app.Todo", "c", null, "OPEN", 3L));

      // Both write offline, on the same keys, then sync in turns.
      aTodos.update(v1.row("app.Todo", "c", "brown eggs", "OPEN", 3L));
      aTodos.delete("b");
      bTodos.update(v2.row("app.Todo", "c", "eggs", "DONE", 3L, "a dozen", 1));
      bTodos.update(v2.row("app.Todo", "b", "rye bread", "OPEN", 2L, null, 3));
      bTodos.insert(v2.row("app.Todo", "d", "tea", "OPEN", 4L, "green", 2));
      sync(b);
      assertThat(sync(a).newer()).hasSize(3);
      sync(b);

      assertThat(results)
          .allSatisfy(
              r -> {
                assertThat(r.errors()).isEmpty();
                assertThat(r.rejected()).isZero();
                assertThat(r.ok()).isTrue();
              });
      assertThat(a.eventLog().pendingCount()).isZero();
      assertThat(b.eventLog().pendingCount()).isZero();
      assertThat(shared(aTodos.all()))
          .as("what both versions can see is the same")
          .isEqualTo(shared(bTodos.all()))
          .containsOnlyKeys("a", "c", "d");
      assertThat(bTodos.all())
          .as("v2 holds the full fold, v1's events upcast")
          .containsExactly(
              v2.row("app.Todo", "a", "oat milk", "OPEN", 1L, "the green one", 3),
              v2.row("app.Todo", "c", "brown eggs", "DONE", 3L, "a dozen", 1),
              v2.row("app.Todo", "d", "tea", "OPEN", 4L, "green", 2));
      assertThat(a.eventLog().all())
          .filteredOn(e -> e.schemaVersion() == 2)
          .hasSize(5)
          .allSatisfy(
              e -> {
                assertThat(e.syncStatus()).isEqualTo(SyncStatus.SYNCED);
                assertThat(e.error()).contains("schema version 2");
              });
      assertThat(a.verify().isHealthy()).isTrue();
      assertThat(b.verify().isHealthy()).isTrue();

      List<SyncEvent> log = http.pull(0, 100).events();
      assertThat(log).hasSize(9);
      assertThat(log.stream().map(SyncEvent::eventId).distinct()).hasSize(9);
      assertThat(a.eventLog().size()).isEqualTo(9);
      assertThat(b.eventLog().size()).isEqualTo(9);

      // Device A upgrades: its rebuild folds the kept v2 events in full, and it equals B.
      a.close();
      EventSourcedDb upgraded = devices.open(aFile, http, v2.definition("app.Todo"));
      assertThat(v2.repository(upgraded, "app.Todo").all()).isEqualTo(bTodos.all());
      assertThat(upgraded.eventLog().all()).allSatisfy(e -> assertThat(e.error()).isNull());
    }
  }

  @Test
  void v1UpdateOfAnotherField_pulledOrRebuiltByV2_keepsTheValueOfTheRenamedComponent()
      throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_V1);
    Version v2 = versions.version("v2", TODO_V2);
    Path aFile = dir.resolve("a.sqlite");
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      HttpSyncTransport http = HttpSyncTransport.to(server.events());
      EventSourcedDb a = devices.open(aFile, http, v1.definition("app.Todo"));
      EventSourcedDb b = devices.open(dir.resolve("b.sqlite"), http, v2.definition("app.Todo"));
      Repository<Record, Object> aTodos = v1.repository(a, "app.Todo");
      Repository<Record, Object> bTodos = v2.repository(b, "app.Todo");
      aTodos.insert(v1.row("app.Todo", "a", "milk", "OPEN", 1L));
      sync(a);
      sync(b);
      bTodos.update(v2.row("app.Todo", "a", "oat milk", "OPEN", 1L, null, 3));
      sync(b);
      sync(a);
      aTodos.update(v1.row("app.Todo", "a", "milk", "DONE", 1L)); // fields [status]
      sync(a);
      sync(b);
      assertThat(results).allSatisfy(r -> assertThat(r.ok()).isTrue());

      Record expected = v2.row("app.Todo", "a", "oat milk", "DONE", 1L, null, 3);
      assertThat(bTodos.get("a")).as("pulled").isEqualTo(expected);
      b.rebuild("todos");
      assertThat(bTodos.get("a")).as("rebuilt").isEqualTo(expected);
      a.close();
      EventSourcedDb upgraded = devices.open(aFile, http, v2.definition("app.Todo"));
      assertThat(v2.repository(upgraded, "app.Todo").get("a")).as("upgraded").isEqualTo(expected);
    }
  }

  /** The rows by key, each with only the components both versions have. */
  private static Map<Object, Map<String, Object>> shared(List<Record> rows) {
    Map<Object, Map<String, Object>> byKey = new LinkedHashMap<>();
    for (Record row : rows) {
      Map<String, Object> values = new LinkedHashMap<>(values(row));
      values.keySet().retainAll(SHARED);
      byKey.put(values.get("id"), values);
    }
    return byKey;
  }
}
