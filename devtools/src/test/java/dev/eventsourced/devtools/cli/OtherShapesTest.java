package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collection with its own table name and a UUID key; a collection that never syncs. */
class OtherShapesTest {

  @TempDir Path dir;

  @Test
  void tableNamedOtherwise_uuidKey_verifyAndRoundTrip() throws Exception {
    Path file = dir.resolve("tasks.sqlite");
    UUID a = UUID.fromString("0190aabb-ccdd-7eef-8123-456789abcdef");
    UUID b = UUID.randomUUID();
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open()) {
      TaskRepository tasks = TaskRepository.of(db);
      tasks.insert(new Task(a, "write", Optional.empty(), Set.of("x")));
      tasks.insert(new Task(b, "read", Optional.of(Instant.ofEpochMilli(5)), Set.of()));
      tasks.update(a, draft -> draft.due(Optional.of(Instant.ofEpochMilli(99))));
      tasks.delete(b);
    }

    CliRun inspect = CliRun.run("inspect", file.toString());
    assertThat(inspect.out()).containsPattern("tasks\\s+task_rows\\s+1\\s+1\\s+4\\s+");
    assertThat(CliRun.run("verify", file.toString()).code()).isZero();

    Fixture.sql(file, "UPDATE task_rows SET due = 100 WHERE id = '" + a + "'");
    CliRun dirty = CliRun.run("verify", file.toString());
    assertThat(dirty.code()).as(dirty.toString()).isEqualTo(1);
    assertThat(dirty.out())
        .contains("key " + a + ": the state table's values differ")
        .contains("due: stored 100, the events give 99");

    Path copy = dir.resolve("copy.sqlite");
    String lines = CliRun.run("export", file.toString()).out();
    assertThat(CliRun.runWithInput(lines, "import", copy.toString()).code()).isZero();
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(copy).collections(TaskRepository.COLLECTION).open()) {
      assertThat(TaskRepository.of(db).all())
          .containsExactly(
              new Task(a, "write", Optional.of(Instant.ofEpochMilli(99)), Set.of("x")));
    }
    assertThat(CliRun.run("verify", copy.toString()).code()).isZero();
  }

  @Test
  void localOnlyCollection_eventsSyncedWithoutGlobalSeq_verifyAndExport() throws Exception {
    Path file = dir.resolve("memos.sqlite");
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(MemoRepository.COLLECTION).open()) {
      MemoRepository memos = MemoRepository.of(db);
      memos.insert(new Memo(1, "one"));
      memos.insert(new Memo(2, "two"));
      memos.update(new Memo(1, "uno"));
    }

    assertThat(CliRun.run("verify", file.toString()).code()).isZero();
    String lines = CliRun.run("export", file.toString()).out();
    assertThat(lines.lines())
        .hasSize(3)
        .allMatch(line -> line.contains("\"status\":\"synced\"") && !line.contains("globalSeq"));

    Fixture.sql(file, "UPDATE memos SET text = 'eins' WHERE id = 1");
    CliRun dirty = CliRun.run("verify", file.toString());
    assertThat(dirty.code()).isEqualTo(1);
    assertThat(dirty.out()).contains("text: stored \"eins\", the events give \"uno\"");
  }
}
