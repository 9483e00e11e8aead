package dev.eventsourced.it;

import static dev.eventsourced.it.RecordVersions.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.RebuildProgress.Reason;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.it.RecordVersions.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component added to or removed from a record compiled by the real processor: the next version
 * opens the file the previous one wrote, its table is rebuilt from the log, and old and new events
 * fold.
 */
class ComponentEvolutionTest {

  @TempDir Path dir;
  private RecordVersions versions;
  private final Devices devices = new Devices();

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

  private static final String TODO_WITH_NOTE =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(@Key String id, String title, Status status, long createdAt, String note) {
        public enum Status { OPEN, DONE }
      }
      """;

  private static final String TODO_WITH_DEFAULTS =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Default;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(
          @Key String id,
          String title,
          Status status,
          long createdAt,
          String note,
          @Default("3") int priority,
          @Default("OPEN") Status review) {
        public enum Status { OPEN, DONE }
      }
      """;

  @AfterEach
  void close() throws Exception {
    devices.close();
    if (versions != null) versions.close();
  }

  private Path file() {
    return dir.resolve("app.sqlite");
  }

  @Test
  void
      nullableThenDefaultedComponentsAdded_oldRowsReadNullThenTheDefault_andTheTableGetsTheColumns()
          throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_V1);
    try (EventSourcedDb db = devices.open(file(), v1.definition("app.Todo"))) {
      Repository<Record, Object> todos = v1.repository(db, "app.Todo");
      todos.insert(v1.row("app.Todo", "a", "milk", "OPEN", 1L));
      todos.insert(v1.row("app.Todo", "b", "bread", "OPEN", 2L));
      todos.update(v1.row("app.Todo", "a", "oat milk", "DONE", 1L));
    }
    SqliteFile sqlite = new SqliteFile(file());
    assertThat(sqlite.columns("todos")).doesNotContain("note");

    Version v2 = versions.version("v2", TODO_WITH_NOTE);
    try (EventSourcedDb db = devices.open(file(), v2.definition("app.Todo"))) {
      Repository<Record, Object> todos = v2.repository(db, "app.Todo");
      assertThat(todos.all())
          .containsExactly(
              v2.row("app.Todo", "a", "oat milk", "DONE", 1L, null),
              v2.row("app.Todo", "b", "bread", "OPEN", 2L, null));
      todos.update(v2.row("app.Todo", "b", "bread", "OPEN", 2L, "wholemeal"));
      todos.insert(v2.row("app.Todo", "c", "eggs", "OPEN", 3L, "six"));
      assertThat(db.verify().isHealthy()).isTrue();
    }
    assertThat(sqlite.columns("todos")).contains("note");
    assertThat(devices.completed())
        .singleElement()
        .satisfies(
            done -> {
              assertThat(done.reason()).isEqualTo(Reason.RECORD_CHANGED);
              assertThat(done.foldedEvents()).isEqualTo(3);
              assertThat(done.rows()).isEqualTo(2);
            });

    devices.rebuilds.clear();
    try (EventSourcedDb db = devices.open(file(), v2.definition("app.Todo"))) {
      Repository<Record, Object> todos = v2.repository(db, "app.Todo");
      assertThat(value(todos.get("b"), "note")).isEqualTo("wholemeal");
      assertThat(value(todos.get("a"), "note")).isNull();
      assertThat(todos.count()).isEqualTo(3);
    }
    assertThat(devices.rebuilds).as("the table is already v2's: no second rebuild").isEmpty();

    // Version 3 adds components with defaults: every older event folds with them.
    Version v3 = versions.version("v3", TODO_WITH_DEFAULTS);
    try (EventSourcedDb db = devices.open(file(), v3.definition("app.Todo"))) {
      Repository<Record, Object> todos = v3.repository(db, "app.Todo");
      assertThat(todos.all())
          .containsExactly(
              v3.row("app.Todo", "a", "oat milk", "DONE", 1L, null, 3, "OPEN"),
              v3.row("app.Todo", "b", "bread", "OPEN", 2L, "wholemeal", 3, "OPEN"),
              v3.row("app.Todo", "c", "eggs", "OPEN", 3L, "six", 3, "OPEN"));
      todos.insert(v3.row("app.Todo", "d", "tea", "OPEN", 4L, null, 1, "DONE"));
      assertThat(db.verify().isHealthy()).isTrue();
    }
    assertThat(sqlite.columns("todos")).contains("priority", "review");
    assertThat(devices.completed()).hasSize(1);
    assertThat(v3.definition("app.Todo").schemaVersion())
        .isGreaterThan(v2.definition("app.Todo").schemaVersion());
  }

  @Test
  void primitiveComponentAddedWithoutDefault_failsTheBuild_namingDefault() {
    versions = new RecordVersions(dir.resolve("build"));
    versions.version("v1", TODO_V1);
    RecordVersions.Compiled v2 =
        versions.compile("v2", TODO_V1.replace("long createdAt)", "long createdAt, int priority)"));
    assertThat(v2.success()).as(v2.describe()).isFalse();
    assertThat(v2.errors()).singleElement().asString().contains("priority").contains("@Default");
  }

  @Test
  void componentRemoved_columnGoes_oldAndNewEventsFold_andPulledOldPayloadsAreAccepted()
      throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_WITH_NOTE);
    Version v2 = versions.version("v2", TODO_V1);
    Path otherFile = dir.resolve("other.sqlite");
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      try (EventSourcedDb db =
          devices.open(file(), HttpSyncTransport.to(server.events()), v1.definition("app.Todo"))) {
        Repository<Record, Object> todos = v1.repository(db, "app.Todo");
        todos.insert(v1.row("app.Todo", "a", "milk", "OPEN", 1L, "semi-skimmed"));
        todos.update(v1.row("app.Todo", "a", "milk", "OPEN", 1L, "whole"));
        assertThat(db.sync().pushed()).isEqualTo(2);
      }
      // Another device stays on version 1 and keeps writing the removed component.
      EventSourcedDb older =
          devices.open(otherFile, HttpSyncTransport.to(server.events()), v1.definition("app.Todo"));
      assertThat(older.sync().pulled()).isEqualTo(2);

      try (EventSourcedDb db =
          devices.open(file(), HttpSyncTransport.to(server.events()), v2.definition("app.Todo"))) {
        Repository<Record, Object> todos = v2.repository(db, "app.Todo");
        assertThat(new SqliteFile(file()).columns("todos")).doesNotContain("note");
        assertThat(todos.all()).containsExactly(v2.row("app.Todo", "a", "milk", "OPEN", 1L));
        todos.update(v2.row("app.Todo", "a", "milk", "DONE", 1L));

        Repository<Record, Object> olderTodos = v1.repository(older, "app.Todo");
        olderTodos.insert(v1.row("app.Todo", "b", "bread", "OPEN", 2L, "sliced"));
        olderTodos.update(v1.row("app.Todo", "a", "skimmed milk", "OPEN", 1L, "skimmed"));
        assertThat(older.sync().pushed()).isEqualTo(2);

        SyncResult result = db.sync();
        assertThat(result.errors()).isEmpty();
        assertThat(result.rejected()).isZero();
        assertThat(result.pushed()).isEqualTo(1);
        assertThat(result.pulled()).isEqualTo(2);
        // The fold in server order: v1's update set title and note, then v2's set the status.
        assertThat(todos.all())
            .containsExactly(
                v2.row("app.Todo", "a", "skimmed milk", "DONE", 1L),
                v2.row("app.Todo", "b", "bread", "OPEN", 2L));
        assertThat(db.eventLog().all())
            .hasSize(5)
            .allSatisfy(e -> assertThat(e.error()).as(describe(e)).isNull());
        assertThat(db.verify().isHealthy()).isTrue();
      }
      assertThat(HttpSyncTransport.to(server.events()).pull(0, 100).events()).hasSize(5);
    }
  }

  private static String describe(Event e) {
    return e.type() + " " + e.key() + " " + e.payload();
  }
}
