package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.it.RecordVersions.Compiled;
import dev.eventsourced.it.RecordVersions.Version;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) in the middle of rebuilding a changed record's table leaves the old
 * table as it was, and the next open under the new version redoes the rebuild to the fold.
 */
class CrashDuringRebuildTest {

  private static final int EVENTS = 100_000;

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

  @TempDir Path dir;
  private RecordVersions versions;
  private Process child;
  private final Devices devices = new Devices();

  @AfterEach
  void close() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    devices.close();
    if (versions != null) versions.close();
  }

  private static long walSize(Path file) throws java.io.IOException {
    Path wal = Path.of(file + "-wal");
    return java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0;
  }

  @Test
  void killedMidRebuild_oldTableIntact_andTheNextOpenRedoesIt() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CrashDuringRebuildTest seed: " + seed);
    double share = 0.05 + new Random(seed).nextDouble() * 0.9;
    Path file = dir.resolve("app.sqlite");
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_V1);
    long start = System.nanoTime();
    try (EventSourcedDb db = devices.open(file, v1.definition("app.Todo"))) {
      List<Record> rows = new ArrayList<>(EVENTS);
      for (int i = 0; i < EVENTS; i++)
        rows.add(v1.row("app.Todo", "k" + i, "t" + i, i % 3 == 0 ? "DONE" : "OPEN", (long) i));
      v1.repository(db, "app.Todo").insertAll(rows);
    }
    System.out.printf(
        "wrote %d events in %d ms%n", EVENTS, (System.nanoTime() - start) / 1_000_000);
    SqliteFile sqlite = new SqliteFile(file);
    // Marks the old table: the rebuild would restore "t1"; only the old table says "old".
    sqlite.execute("UPDATE todos SET title = 'old' WHERE id = 'k1'");
    List<String> tables = sqlite.tables();
    Compiled v2 = versions.compile("v2", TODO_V2);
    assertThat(v2.success()).as(v2.describe()).isTrue();

    child =
        ChildJvm.start(
            RebuildUntilKilled.class,
            v2.classes().toString(),
            file.toString(),
            "app.Todo",
            Double.toString(share));
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    // Past a few thousand rows SQLite spills the uncommitted new table into the WAL: the kill
    // then leaves uncommitted frames on disk, which the next open must ignore.
    System.out.printf("WAL at the kill: %d bytes%n", walSize(file));
    assertThat(line).as("the child reports the rebuild under way").startsWith("rebuilding ");
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    System.out.printf(
        "killed while %s, %d ms after start%n", line, (System.nanoTime() - start) / 1_000_000);

    assertThat(sqlite.tables()).as("no half-built table is left").isEqualTo(tables);
    try (EventSourcedDb db = devices.open(file, v1.definition("app.Todo"))) {
      Repository<Record, Object> todos = v1.repository(db, "app.Todo");
      assertThat(todos.get("k1")).isEqualTo(v1.row("app.Todo", "k1", "old", "OPEN", 1L));
      assertThat(todos.count()).isEqualTo(EVENTS);
      assertThat(db.eventLog().size()).isEqualTo(EVENTS);
    }
    assertThat(devices.rebuilds).as("v1 still owns the table: nothing to rebuild").isEmpty();

    start = System.nanoTime();
    Version loaded = Version.load(v2.classes());
    try (loaded;
        EventSourcedDb db = devices.open(file, loaded.definition("app.Todo"))) {
      Repository<Record, Object> todos = loaded.repository(db, "app.Todo");
      assertThat(todos.get("k1")).isEqualTo(loaded.row("app.Todo", "k1", "t1", "OPEN", 1L, null));
      assertThat(todos.get("k99999"))
          .isEqualTo(loaded.row("app.Todo", "k99999", "t99999", "DONE", 99_999L, null));
      assertThat(todos.count()).isEqualTo(EVENTS);
      System.out.printf("reopened under v2 in %d ms%n", (System.nanoTime() - start) / 1_000_000);
      assertThat(db.verify().isHealthy()).isTrue();
      System.out.printf("verified in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
    assertThat(devices.completed())
        .singleElement()
        .extracting(RebuildProgress::foldedEvents, RebuildProgress::rows)
        .containsExactly((long) EVENTS, (long) EVENTS);
  }
}
