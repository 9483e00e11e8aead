package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it migrates a file of an older storage format (format 2: the
 * log's CHECK constraints as IN lists) leaves the file of the older format as it was, and the next
 * open migrates it with every event. The migration is one transaction that copies the whole log:
 * the kill comes once its uncommitted copy has spilled into the WAL, at a seeded random size.
 */
class CrashDuringMigrationTest {

  private static final int EVENTS = 150_000;

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void close() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void killedMidMigration_leavesTheOlderFileAsItWas_andTheNextOpenMigratesIt() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CrashDuringMigrationTest seed: " + seed);
    Path file = dir.resolve("app.sqlite");
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open()) {
      List<Task> rows = new ArrayList<>(EVENTS);
      for (int i = 0; i < EVENTS; i++) rows.add(new Task("t" + i, "task " + i, i % 2 == 0, i, i));
      TaskRepository.of(db).insertAll(rows);
    }
    SqliteFile sqlite = new SqliteFile(file);
    toFormat2(sqlite);
    String before = fingerprint(sqlite);
    long walThreshold = 64 * 1024 + new Random(seed).nextInt(4 * 1024 * 1024);

    child = ChildJvm.start(OpenAndClose.class, file.toString());
    long start = System.nanoTime();
    while (child.isAlive() && walSize(file) < walThreshold) Thread.sleep(2);
    long wal = walSize(file);
    boolean aliveAtKill = child.isAlive();
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    System.out.printf(
        "killed at a WAL of %d bytes (threshold %d), %d ms after start%n",
        wal, walThreshold, (System.nanoTime() - start) / 1_000_000);
    assertThat(aliveAtKill).as("the child was still migrating when killed").isTrue();

    assertThat(sqlite.strings("SELECT value FROM _meta WHERE key = 'format_version'"))
        .containsExactly("2");
    assertThat(fingerprint(sqlite)).as("the format-2 file as it was").isEqualTo(before);
    assertThat(sqlite.strings("PRAGMA integrity_check")).containsExactly("ok");

    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open()) {
      assertThat(TaskRepository.of(db).count()).isEqualTo(EVENTS);
      assertThat(db.eventLog().size()).isEqualTo(EVENTS);
      assertThat(db.eventLog().pendingCount()).isEqualTo(EVENTS);
      assertThat(db.verify().isHealthy()).isTrue();
    }
    assertThat(sqlite.strings("SELECT value FROM _meta WHERE key = 'format_version'"))
        .containsExactly("3");
    assertThat(sqlite.strings("SELECT sql FROM sqlite_schema WHERE name = '_events'"))
        .singleElement()
        .asString()
        .doesNotContain(" IN (");
  }

  /**
   * Turns a new file into what the format-2 runtime wrote: the same log, its CHECKs as IN lists
   * (the one difference between formats 2 and 3).
   */
  private static void toFormat2(SqliteFile sqlite) throws Exception {
    String sql = sqlite.strings("SELECT sql FROM sqlite_schema WHERE name = '_events'").get(0);
    String format2 =
        sql.replace(
                "\"type\" = 'insert' OR \"type\" = 'update' OR \"type\" = 'delete'",
                "\"type\" IN ('insert', 'update', 'delete')")
            .replace(
                "\"origin\" = 'local' OR \"origin\" = 'remote'",
                "\"origin\" IN ('local', 'remote')")
            .replace(
                "\"sync_status\" = 'pending' OR \"sync_status\" = 'synced' OR \"sync_status\" = 'rejected'",
                "\"sync_status\" IN ('pending', 'synced', 'rejected')");
    assertThat(format2)
        .contains(" IN ('insert'")
        .contains(" IN ('local'")
        .contains(" IN ('pending'");
    sqlite.executeAll(
        "BEGIN",
        format2.replace("\"_events\"", "\"_events_old\""),
        "INSERT INTO \"_events_old\" SELECT * FROM \"_events\"",
        "DROP TABLE \"_events\"",
        "ALTER TABLE \"_events_old\" RENAME TO \"_events\"",
        "CREATE UNIQUE INDEX \"_events_global_seq\" ON \"_events\" (\"global_seq\") WHERE \"global_seq\" IS NOT NULL",
        "CREATE INDEX \"_events_row\" ON \"_events\" (\"collection_id\", \"key\")",
        "UPDATE _meta SET value = '2' WHERE key = 'format_version'",
        "COMMIT",
        "PRAGMA wal_checkpoint(TRUNCATE)");
  }

  /** The log's schema, size, last event and ids in one text, to compare before and after. */
  private static String fingerprint(SqliteFile sqlite) throws Exception {
    return String.join(
            "\n",
            sqlite.strings(
                "SELECT name || ': ' || sql FROM sqlite_schema WHERE tbl_name = '_events' "
                    + "AND sql IS NOT NULL ORDER BY name"))
        + "\n"
        + sqlite.strings(
            "SELECT count(*) || ' ' || max(local_seq) || ' ' || sum(length(payload)) || ' ' "
                + "|| hex(min(event_id)) || ' ' || hex(max(event_id)) FROM _events");
  }

  private static long walSize(Path file) throws IOException {
    Path wal = Path.of(file + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }
}
