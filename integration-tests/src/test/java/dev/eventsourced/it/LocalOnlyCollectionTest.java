package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.it.RecordVersions.Version;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local-only collection ({@code @Collection(value = "drafts", sync = false)}) compiled by the
 * real processor: persisted, queryable and live, it survives a reopen and a change of its record,
 * and none of its events reaches the server or comes from it.
 */
class LocalOnlyCollectionTest {

  private static final String TODO =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(@Key String id, String title) {}
      """;

  private static final String DRAFT_V1 =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection(value = "drafts", sync = false)
      public record Draft(@Key String id, String text) {}
      """;

  private static final String DRAFT_V2 =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection(value = "drafts", sync = false)
      public record Draft(@Key String id, String text, String tag) {}
      """;

  @TempDir Path dir;
  private RecordVersions versions;
  private final Devices devices = new Devices();

  @AfterEach
  void close() throws Exception {
    devices.close();
    if (versions != null) versions.close();
  }

  @Test
  void localOnlyCollection_persistedQueryableLive_evolves_andNeverReachesTheServer()
      throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO, DRAFT_V1);
    Version v2 = versions.version("v2", TODO, DRAFT_V2);
    assertThat(v1.definition("app.Draft").synced()).isFalse();
    assertThat(v1.definition("app.Todo").synced()).isTrue();
    Path file = dir.resolve("app.sqlite");
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      HttpSyncTransport http = HttpSyncTransport.to(server.events());
      // Another client pushes an event under the local collection's id: it must not come in.
      http.push(
          List.of(
              new SyncEvent(
                  UUID.randomUUID(),
                  "drafts",
                  EventType.INSERT,
                  "x",
                  false,
                  "{\"id\":\"x\",\"text\":\"foreign\"}",
                  List.of(),
                  1,
                  "other",
                  1,
                  null)));

      try (EventSourcedDb db =
          devices.open(file, http, v1.definition("app.Todo"), v1.definition("app.Draft"))) {
        Repository<Record, Object> drafts = v1.repository(db, "app.Draft");
        LiveQuery<Record> live = drafts.query().live();
        drafts.insert(v1.row("app.Draft", "d1", "first"));
        drafts.insert(v1.row("app.Draft", "d2", "second"));
        drafts.update(v1.row("app.Draft", "d1", "first, edited"));
        v1.repository(db, "app.Todo").insert(v1.row("app.Todo", "t1", "milk"));
        assertThat(live.current())
            .containsExactly(
                v1.row("app.Draft", "d1", "first, edited"), v1.row("app.Draft", "d2", "second"));
        live.close();
        assertThat(db.eventLog().pendingCount()).isEqualTo(1);

        SyncResult result = db.sync();

        assertThat(result.errors()).isEmpty();
        assertThat(result.pushed()).isEqualTo(1);
        assertThat(drafts.find("x"))
            .as("pulled events of a local collection are ignored")
            .isEmpty();
        assertThat(drafts.count()).isEqualTo(2);
      }

      try (EventSourcedDb db =
          devices.open(file, http, v2.definition("app.Todo"), v2.definition("app.Draft"))) {
        Repository<Record, Object> drafts = v2.repository(db, "app.Draft");
        assertThat(drafts.all())
            .containsExactly(
                v2.row("app.Draft", "d1", "first, edited", null),
                v2.row("app.Draft", "d2", "second", null));
        drafts.update(v2.row("app.Draft", "d2", "second", "work"));
        drafts.delete("d1");
        assertThat(drafts.query().list())
            .containsExactly(v2.row("app.Draft", "d2", "second", "work"));
        assertThat(db.eventLog().pendingCount()).isZero();
        SyncResult result = db.sync();
        assertThat(result.errors()).isEmpty();
        assertThat(result.pushed()).isZero();
        assertThat(db.verify().isHealthy()).isTrue();
      }
      assertThat(devices.completed())
          .extracting(p -> p.collectionId())
          .as("the changed local record is rebuilt, from its logged events")
          .containsExactly("drafts");

      List<SyncEvent> log = http.pull(0, 100).events();
      assertThat(log)
          .extracting(SyncEvent::collectionId)
          .as("only the foreign event and the todo")
          .containsExactly("drafts", "todos");
      assertThat(log.get(0).clientId()).isEqualTo("other");
    }
  }
}
