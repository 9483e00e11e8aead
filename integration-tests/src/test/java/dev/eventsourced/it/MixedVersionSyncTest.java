package dev.eventsourced.it;

import static dev.eventsourced.it.RecordVersions.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
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
 * version 2, and they write and sync in turns. Both converge on what they can both see, nothing is
 * rejected, and the server holds every event once.
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

  private static final String TODO_V2 =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(@Key String id, String title, Status status, long createdAt, String note) {
        public enum Status { OPEN, DONE }
      }
      """;

  private static final Set<String> SHARED = Set.of("id", "title", "status", "createdAt");

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
  void v1AndV2Devices_writeAndSyncInTurns_convergeOnSharedComponents_nothingRejected()
      throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_V1);
    Version v2 = versions.version("v2", TODO_V2);
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      HttpSyncTransport http = HttpSyncTransport.to(server.events());
      EventSourcedDb a = devices.open(dir.resolve("a.sqlite"), http, v1.definition("app.Todo"));
      EventSourcedDb b = devices.open(dir.resolve("b.sqlite"), http, v2.definition("app.Todo"));
      Repository<Record, Object> aTodos = v1.repository(a, "app.Todo");
      Repository<Record, Object> bTodos = v2.repository(b, "app.Todo");

      aTodos.insert(v1.row("app.Todo", "a", "milk", "OPEN", 1L));
      aTodos.insert(v1.row("app.Todo", "b", "bread", "OPEN", 2L));
      assertThat(sync(a).pushed()).isEqualTo(2);
      assertThat(sync(b).pulled()).isEqualTo(2);
      assertThat(bTodos.get("a")).isEqualTo(v2.row("app.Todo", "a", "milk", "OPEN", 1L, null));

      bTodos.update(v2.row("app.Todo", "a", "oat milk", "OPEN", 1L, "the green one"));
      bTodos.insert(v2.row("app.Todo", "c", "eggs", "OPEN", 3L, "six"));
      assertThat(sync(b).pushed()).isEqualTo(2);
      assertThat(sync(a).pulled()).isEqualTo(2);
      assertThat(aTodos.get("a")).isEqualTo(v1.row("app.Todo", "a", "oat milk", "OPEN", 1L));

      // Both write offline, on the same keys, then sync in turns.
      aTodos.update(v1.row("app.Todo", "c", "brown eggs", "OPEN", 3L));
      aTodos.delete("b");
      aTodos.update(v1.row("app.Todo", "a", "oat milk", "DONE", 1L));
      bTodos.update(v2.row("app.Todo", "c", "eggs", "DONE", 3L, "a dozen"));
      bTodos.update(v2.row("app.Todo", "b", "rye bread", "OPEN", 2L, null));
      bTodos.insert(v2.row("app.Todo", "d", "tea", "OPEN", 4L, "green"));
      sync(b);
      sync(a);
      sync(b);

      assertThat(results)
          .allSatisfy(
              r -> {
                assertThat(r.errors()).isEmpty();
                assertThat(r.rejected()).isZero();
              });
      assertThat(a.eventLog().pendingCount()).isZero();
      assertThat(b.eventLog().pendingCount()).isZero();
      assertThat(shared(aTodos.all())).isEqualTo(shared(bTodos.all()));
      assertThat(shared(aTodos.all()))
          .containsOnlyKeys("a", "c", "d")
          .containsEntry(
              "a", Map.of("id", "a", "title", "oat milk", "status", "DONE", "createdAt", 1L))
          .containsEntry(
              "c", Map.of("id", "c", "title", "brown eggs", "status", "DONE", "createdAt", 3L));
      assertThat(values(bTodos.get("c"))).containsEntry("note", "a dozen");
      assertThat(values(bTodos.get("a"))).containsEntry("note", "the green one");
      assertThat(a.verify().isHealthy()).isTrue();
      assertThat(b.verify().isHealthy()).isTrue();

      List<SyncEvent> log = http.pull(0, 100).events();
      assertThat(log).hasSize(10);
      assertThat(log.stream().map(SyncEvent::eventId).distinct()).hasSize(10);
      assertThat(a.eventLog().size()).isEqualTo(10);
      assertThat(b.eventLog().size()).isEqualTo(10);
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
