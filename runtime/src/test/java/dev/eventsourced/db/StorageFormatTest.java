package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.db.exception.IncompatibleFileException;
import dev.eventsourced.db.fixtures.Evolved;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage formats: a format-1 file (event ids as text) and a format-2 file (the log's CHECKs as
 * {@code IN} lists), each written by the runtime of its time, open migrated in place to format 3
 * with every row, event, pending event and the pull cursor, and a log of the very shape a new file
 * gets; a failed migration leaves the older file as it was; a file of a newer format is refused
 * untouched.
 */
class StorageFormatTest {

  @TempDir Path dir;

  /** The ids of the fixture's six events, in local order. */
  private static final List<UUID> IDS =
      List.of(
          UUID.fromString("01a23108-7959-7650-80d1-925183a2c40e"),
          UUID.fromString("01a23108-7707-7924-ad3e-cdc3e96f572c"),
          UUID.fromString("01a23108-773c-7e1f-981e-b6cc8d2c0b27"),
          UUID.fromString("01a23108-79d2-728b-bce8-3beecd87b0f5"),
          UUID.fromString("01a23108-79d6-71d5-b777-f46034c191a3"),
          UUID.fromString("01a23108-79e1-7a5c-9be0-cfb4bba323a6"));

  /** Pulls nothing (recording each cursor asked for) and confirms pushes from globalSeq 4 on. */
  private static final class Recording implements SyncTransport {
    final List<Long> pulledSince = new ArrayList<>();
    final List<UUID> pushed = new ArrayList<>();
    long next = 4;

    @Override
    public PushResult push(List<SyncEvent> events) {
      List<Confirmation> confirmed = new ArrayList<>();
      for (SyncEvent event : events) {
        pushed.add(event.eventId());
        confirmed.add(new Confirmation(event.eventId(), next++));
      }
      return new PushResult(confirmed, List.of());
    }

    @Override
    public PullResult pull(long since, int limit) {
      pulledSince.add(since);
      return new PullResult(List.of(), since, false);
    }
  }

  private Path format1File(String... extraStatements) throws Exception {
    return fixtureFile("format1-todos.sql", extraStatements);
  }

  private Path fixtureFile(String fixture, String... extraStatements) throws Exception {
    Path file = dir.resolve("old.sqlite");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement()) {
      for (String sql : fixture(fixture)) statement.execute(sql);
      for (String sql : extraStatements) statement.execute(sql);
    }
    return file;
  }

  private static List<String> fixture(String name) throws IOException {
    String text;
    try (InputStream in = StorageFormatTest.class.getResourceAsStream("/storage/" + name)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      if (current.length() == 0 && line.startsWith("--")) continue;
      current.append(current.length() == 0 ? "" : "\n").append(line);
      if (line.endsWith(";")) {
        statements.add(current.toString());
        current.setLength(0);
      }
    }
    return statements;
  }

  private static List<String> column(Path file, String sql) throws SQLException {
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) values.add(rs.getString(1));
      return values;
    }
  }

  @Test
  void format1File_opensMigrated_withItsRowsEventsOutboxAndCursor() throws Exception {
    opensMigrated_withItsRowsEventsOutboxAndCursor(format1File());
  }

  @Test
  void format2File_opensMigrated_withItsRowsEventsOutboxAndCursor() throws Exception {
    opensMigrated_withItsRowsEventsOutboxAndCursor(fixtureFile("format2-todos.sql"));
  }

  private void opensMigrated_withItsRowsEventsOutboxAndCursor(Path file) throws Exception {
    Recording transport = new Recording();
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(file)
            .collections(TodoRepository.COLLECTION)
            .sync(transport)
            .autoSync(false)
            .open()) {
      TodoRepository todos = TodoRepository.of(db);
      assertThat(todos.all())
          .extracting(Todo::id, Todo::title)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("a", "oat milk"),
              org.assertj.core.groups.Tuple.tuple("c", "eggs"),
              org.assertj.core.groups.Tuple.tuple("d", "tea"));
      List<Event> log = db.eventLog().all();
      assertThat(log).extracting(Event::eventId).containsExactlyElementsOf(IDS);
      assertThat(log).extracting(Event::localSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(log).extracting(Event::globalSeq).containsExactly(3L, 1L, 2L, null, null, null);
      assertThat(log)
          .extracting(Event::origin)
          .containsExactly(
              Origin.LOCAL, Origin.REMOTE, Origin.REMOTE, Origin.LOCAL, Origin.LOCAL, Origin.LOCAL);
      assertThat(log.get(4).fields()).containsExactly("title");
      assertThat(db.eventLog().pendingCount()).isEqualTo(3);
      assertThat(db.eventLog().pending(10))
          .extracting(Event::eventId)
          .containsExactlyElementsOf(IDS.subList(3, 6));
      assertThat(db.verify().isHealthy()).isTrue();

      SyncResult result = db.sync();
      assertThat(result.errors()).isEmpty();
      assertThat(result.pushed()).isEqualTo(3);
      assertThat(transport.pushed).containsExactlyElementsOf(IDS.subList(3, 6));
      assertThat(transport.pulledSince).as("the pull cursor survived").startsWith(3L);
      assertThat(db.eventLog().pendingCount()).isZero();
      assertThat(db.eventLog().all()).extracting(Event::syncStatus).containsOnly(SyncStatus.SYNCED);
      assertThat(db.verify().isHealthy()).isTrue();
    }
    assertThat(column(file, "SELECT value FROM _meta WHERE key = 'format_version'"))
        .containsExactly("3");
    assertThat(logSchema(file))
        .as("the migrated log has the shape of a new file's")
        .isEqualTo(logSchema(newFile()));
    assertThat(column(file, "SELECT value FROM _meta WHERE key = 'pending_from'"))
        .as("the outbox's low-water mark moved past the confirmed events")
        .containsExactly("7");
    assertThat(column(file, "SELECT DISTINCT typeof(event_id) || length(event_id) FROM _events"))
        .containsExactly("blob16");
    assertThat(
            column(
                file,
                "SELECT name FROM sqlite_schema WHERE tbl_name = '_events' AND type = 'index' "
                    + "AND sql IS NOT NULL ORDER BY name"))
        .containsExactly("_events_global_seq", "_events_row");
    assertThat(column(file, "PRAGMA integrity_check")).containsExactly("ok");
  }

  /** The log's table and index statements as SQLite keeps them, by name. */
  private static List<String> logSchema(Path file) throws SQLException {
    return column(
        file,
        "SELECT name || ': ' || sql FROM sqlite_schema WHERE tbl_name = '_events' "
            + "AND sql IS NOT NULL ORDER BY name");
  }

  /** Opens {@code file} with the todos collection (migrating it, if it is older) and closes it. */
  private static void openAndClose(Path file) {
    EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open().close();
  }

  private Path newFile() {
    Path file = dir.resolve("new.sqlite");
    openAndClose(file);
    return file;
  }

  @Test
  void newFilesLog_checksItsEnumeratedColumns() throws Exception {
    Path file = newFile();
    String valid =
        "INSERT INTO _events (event_id, collection_id, type, key, payload, timestamp, origin, "
            + "sync_status, schema_version) VALUES (randomblob(16), 'todos', 'insert', 'k', '{}', "
            + "1, 'local', 'pending', 1)";
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement()) {
      for (String value : List.of("'insert'", "'local'", "'pending'")) {
        assertThatThrownBy(() -> statement.execute(valid.replace(value, "'bogus'")))
            .as(value)
            .hasMessageContaining("CHECK constraint failed");
      }
      statement.execute(valid);
    }
    assertThat(logSchema(file)).noneMatch(sql -> sql.contains(" IN ("));
  }

  @Test
  void closing_movesTheOutboxMarkPastLocalOnlyEvents_andWritesNothingAfterASessionWithout()
      throws Exception {
    Path file = dir.resolve("marks.sqlite");
    EventSourcedDb.Builder local =
        EventSourcedDb.builder()
            .path(file)
            .collections(Evolved.of(TodoRepository.COLLECTION).localOnly());
    try (EventSourcedDb db = local.open()) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(new Todo("a", "milk", Todo.Status.PENDING, 1, null));
      todos.insert(new Todo("b", "eggs", Todo.Status.PENDING, 2, null));
    }
    assertThat(column(file, "SELECT value FROM _meta WHERE key = 'pending_from'"))
        .as("past the two events logged synced at once")
        .containsExactly("3");

    try (EventSourcedDb db = local.open()) {
      assertThat(TodoRepository.of(db).count()).isEqualTo(2);
      // Tamper with the mark (still a valid lower bound): a session that logs nothing leaves it.
      try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement statement = raw.createStatement()) {
        statement.execute("UPDATE _meta SET value = '1' WHERE key = 'pending_from'");
      }
    }
    assertThat(column(file, "SELECT value FROM _meta WHERE key = 'pending_from'"))
        .containsExactly("1");
    try (EventSourcedDb db = local.open()) {
      assertThat(db.eventLog().pendingCount()).isZero();
      TodoRepository.of(db).insert(new Todo("c", "tea", Todo.Status.PENDING, 3, null));
    }
    assertThat(column(file, "SELECT value FROM _meta WHERE key = 'pending_from'"))
        .containsExactly("4");
  }

  @Test
  void aFileOfOursTurnedToARollbackJournal_opensInWalModeAgain() throws Exception {
    Path file = newFile();
    assertThat(column(file, "PRAGMA journal_mode")).containsExactly("wal");
    column(file, "PRAGMA journal_mode=DELETE");
    assertThat(column(file, "PRAGMA journal_mode")).containsExactly("delete");
    openAndClose(file);
    assertThat(column(file, "PRAGMA journal_mode")).containsExactly("wal");
  }

  @Test
  void migrationThatFails_leavesTheFormat1FileAsItWas() throws Exception {
    // An id that is the upper-case twin of another: distinct text in format 1, the same 16 bytes
    // from format 2 on, so the copy fails halfway (the runtime never writes such ids; a hand edit
    // might).
    Path file =
        format1File(
            "INSERT INTO \"_events\" VALUES (7, '01A23108-7959-7650-80D1-925183A2C40E', 'todos', "
                + "'update', 'c', '{\"title\":\"x\"}', '[\"title\"]', 1, 'remote', 9, 'synced', 1, NULL, NULL)");
    List<String> before = column(file, "SELECT event_id FROM _events ORDER BY local_seq");
    assertThatThrownBy(() -> openAndClose(file)).isInstanceOf(EventSourcedException.class);
    assertThat(column(file, "SELECT value FROM _meta WHERE key = 'format_version'"))
        .containsExactly("1");
    assertThat(column(file, "SELECT event_id FROM _events ORDER BY local_seq"))
        .containsExactlyElementsOf(before);
    assertThat(column(file, "SELECT DISTINCT typeof(event_id) FROM _events"))
        .containsExactly("text");
    assertThat(column(file, "SELECT name FROM sqlite_schema WHERE name = '_events_migrated'"))
        .isEmpty();
    assertThat(column(file, "SELECT count(*) FROM todos")).containsExactly("3");
  }

  @Test
  void fileOfANewerFormat_isRefusedUntouched() throws Exception {
    Path file = format1File("UPDATE _meta SET value = '99' WHERE key = 'format_version'");
    assertThatThrownBy(() -> openAndClose(file))
        .isInstanceOf(IncompatibleFileException.class)
        .hasMessageContaining("storage format 99")
        .hasMessageContaining("Upgrade");
    assertThat(column(file, "SELECT DISTINCT typeof(event_id) FROM _events"))
        .containsExactly("text");
  }
}
