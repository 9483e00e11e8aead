package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.it.RecordVersions.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An {@code @Index} added, then removed, by later versions: applied on open, nothing rebuilt. */
class IndexEvolutionTest {

  private static final String TODO =
      """
      package app;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Index;
      import dev.eventsourced.annotations.Key;

      @Collection("todos")
      %s
      public record Todo(@Key String id, String title, long createdAt) {}
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
  void indexAddedThenRemoved_appliedOnOpen_withoutRebuild_rowsUntouched() throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Path file = dir.resolve("app.sqlite");
    SqliteFile sqlite = new SqliteFile(file);
    Version v1 = versions.version("v1", TODO.formatted(""));
    try (EventSourcedDb db = devices.open(file, v1.definition("app.Todo"))) {
      v1.repository(db, "app.Todo").insert(v1.row("app.Todo", "a", "milk", 1L));
    }
    // A rebuild would restore "milk": the damage shows that nothing was rebuilt.
    sqlite.execute("UPDATE todos SET title = 'kept'");
    assertThat(sqlite.indexes("todos")).isEmpty();

    Version v2 =
        versions.version(
            "v2", TODO.formatted("@Index(value = {\"title\"}, name = \"todos_by_title\")"));
    assertThat(v2.definition("app.Todo").schemaVersion())
        .as("an index does not change the payload's shape")
        .isEqualTo(v1.definition("app.Todo").schemaVersion());
    try (EventSourcedDb db = devices.open(file, v2.definition("app.Todo"))) {
      assertThat(sqlite.indexes("todos")).containsExactly("todos_by_title");
      assertThat(v2.repository(db, "app.Todo").get("a"))
          .isEqualTo(v2.row("app.Todo", "a", "kept", 1L));
    }

    Version v3 = versions.version("v3", TODO.formatted(""));
    try (EventSourcedDb db = devices.open(file, v3.definition("app.Todo"))) {
      assertThat(sqlite.indexes("todos")).isEmpty();
      assertThat(v3.repository(db, "app.Todo").get("a"))
          .isEqualTo(v3.row("app.Todo", "a", "kept", 1L));
    }
    assertThat(devices.rebuilds).isEmpty();
  }
}
