package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.exception.SchemaMismatchException;
import dev.eventsourced.it.RecordVersions.Compiled;
import dev.eventsourced.it.RecordVersions.Version;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds without a schema snapshot ({@code -Aeventsourced.schemaDir=none}): the processor cannot
 * vet a change, so the runtime refuses on open the ones that would lose data silently, and leaves
 * the file as it was.
 */
class UnvettedChangeTest {

  @TempDir Path dir;
  private RecordVersions versions;
  private final Devices devices = new Devices();

  private static final String V1 =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(@Key String id, String title) {}
      """;

  private static final String RENAMED =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      public record Todo(@Key String id, String name) {}
      """;

  private static final String RENAMED_AND_BUMPED =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection(value = "todos", schemaVersion = 2)
      public record Todo(@Key String id, String name) {}
      """;

  @AfterEach
  void close() throws Exception {
    devices.close();
    if (versions != null) versions.close();
  }

  private Version compile(String name, String source) {
    Compiled compiled = versions.compile(name, List.of("-Aeventsourced.schemaDir=none"), source);
    assertThat(compiled.success()).as(compiled.describe()).isTrue();
    return Version.load(compiled.classes());
  }

  @Test
  void probableRename_withoutNewVersion_failsTheOpen_andTheFileKeepsItsRows() {
    versions = new RecordVersions(dir.resolve("build"));
    Path file = dir.resolve("app.sqlite");
    Version v1 = compile("v1", V1);
    try (EventSourcedDb db = devices.open(file, v1.definition("app.Todo"))) {
      v1.repository(db, "app.Todo").insert(v1.row("app.Todo", "a", "milk"));
    }

    Version renamed = compile("v2", RENAMED);
    assertThatThrownBy(() -> devices.open(file, renamed.definition("app.Todo")))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("component title was removed and name of the same type added")
        .hasMessageContaining("@Upcast(fromVersion = 1)")
        .hasMessageContaining("Nothing in the file was changed");

    try (EventSourcedDb db = devices.open(file, v1.definition("app.Todo"))) {
      Repository<Record, Object> todos = v1.repository(db, "app.Todo");
      assertThat(todos.all()).containsExactly(v1.row("app.Todo", "a", "milk"));
    }

    // Raising the version says the change is meant: the table is rebuilt.
    Version bumped = compile("v3", RENAMED_AND_BUMPED);
    try (EventSourcedDb db = devices.open(file, bumped.definition("app.Todo"))) {
      assertThat(bumped.repository(db, "app.Todo").all())
          .containsExactly(bumped.row("app.Todo", "a", null));
    }
  }
}
