package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export, then import into another file, which the app then opens. */
class ExportImportTest {

  @TempDir static Path shared;
  static Path phone;
  static String exported;

  @TempDir Path dir;

  @BeforeAll
  static void write() {
    phone = shared.resolve("phone.sqlite");
    Fixture.phoneAndLaptop(phone, shared.resolve("laptop.sqlite"));
    CliRun run = CliRun.run("export", phone.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    exported = run.out();
  }

  /** Every row of a table with its metadata columns, blobs in hex, in key order. */
  static List<String> rows(Path file, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          if (value instanceof byte[] bytes) value = HexFormat.of().formatHex(bytes);
          row.append(meta.getColumnName(i)).append('=').append(value).append(' ');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  static long count(Path file, String sql) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void roundTrip_intoANewFile_theAppFoldsTheSameRows() throws Exception {
    Path lines = dir.resolve("events.ndjson");
    Files.writeString(lines, exported);
    Path copy = dir.resolve("copy.sqlite");

    CliRun run = CliRun.run("import", copy.toString(), "--from", lines.toString(), "--json");

    assertThat(run.code()).as(run.toString()).isZero();
    Map<String, Object> summary = Fixture.json(run.out());
    assertThat(CommandsTest.number(summary.get("imported"))).isEqualTo(10);
    assertThat(CommandsTest.number(summary.get("skipped"))).isZero();
    assertThat(summary.get("collections")).asList().containsExactly("counters", "notes");
    assertThat(summary.get("rebuildOnOpen")).asList().isEmpty(); // no tables yet
    try (EventSourcedDb db = Fixture.open(copy, null)) {
      assertThat(db.verify().isHealthy()).isTrue();
      assertThat(db.eventLog().pendingCount()).isEqualTo(3);
    }
    assertThat(CliRun.run("export", copy.toString()).out())
        .as("the same events, in the same local order")
        .isEqualTo(exported);
    assertThat(rows(copy, "notes")).isEqualTo(rows(phone, "notes"));
    assertThat(rows(copy, "counters")).isEqualTo(rows(phone, "counters"));
    assertThat(CliRun.run("verify", copy.toString()).code()).isZero();
  }

  @Test
  void importFromStdin_twice_skipsWhatTheLogHolds() throws Exception {
    Path copy = dir.resolve("copy.sqlite");

    CliRun first = CliRun.runWithInput(exported, "import", copy.toString());
    CliRun second = CliRun.runWithInput(exported, "import", copy.toString(), "--from", "-");

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).startsWith("imported 10 events into " + copy);
    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(second.out())
        .startsWith("imported 0 events into " + copy + " (10 already in its log, skipped)");
    assertThat(count(copy, "SELECT count(*) FROM _events")).isEqualTo(10);
  }

  @Test
  void importIntoAFileTheAppOpened_rebuildsTheCollectionOnItsNextOpen() throws Exception {
    Path target = dir.resolve("target.sqlite");
    Path source = dir.resolve("source.sqlite");
    try (EventSourcedDb db = Fixture.open(target, null)) {
      NoteRepository.of(db).insert(Note.of("mine", "already here"));
    }
    try (EventSourcedDb db = Fixture.open(source, null)) {
      NoteRepository.of(db).insert(Note.of("theirs", "imported"));
      NoteRepository.of(db).update("theirs", draft -> draft.title("imported, then changed"));
    }
    String lines = CliRun.run("export", source.toString()).out();

    CliRun run = CliRun.runWithInput(lines, "import", target.toString());

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("imported 2 events")
        .contains("rebuilt from the log when the app next opens it: notes");
    assertThat(CliRun.run("verify", target.toString()).code())
        .as("the table is stale until the app rebuilds it")
        .isEqualTo(1);
    try (EventSourcedDb db = Fixture.open(target, null)) {
      assertThat(NoteRepository.of(db).get("theirs").title()).isEqualTo("imported, then changed");
      assertThat(NoteRepository.of(db).get("mine").title()).isEqualTo("already here");
    }
    assertThat(CliRun.run("verify", target.toString()).code()).isZero();
  }

  @Test
  void badLine_namesItsNumber_andNothingIsImported() throws Exception {
    String[] lines = exported.split("\n");
    Path copy = dir.resolve("copy.sqlite");
    List<String[]> cases =
        List.of(
            new String[] {"not json", "line 3: not one JSON value"},
            new String[] {"[1, 2]", "line 3: not a JSON object"},
            new String[] {"{\"eventId\": \"x\"}", "line 3: invalid events"},
            new String[] {lines[0].replace("\"type\":\"insert\"", "\"type\":\"upsert\""), "type"},
            new String[] {
              lines[0]
                  .replace("\"origin\":\"local\"", "\"origin\":\"remote\"")
                  .replace(",\"globalSeq\":1", ""),
              "a remote event needs its globalSeq"
            },
            new String[] {
              lines[0].replace("\"status\":\"synced\"", "\"status\":\"pending\""),
              "a pending event is a local one"
            },
            new String[] {
              lines[0].replace("\"globalSeq\":1", "\"globalSeq\":-4"),
              "globalSeq must be a positive whole number"
            },
            new String[] {lines[0] + " " + lines[1], "line 3: not one JSON value"});
    for (String[] bad : cases) {
      String input = lines[0] + "\n" + lines[1] + "\n" + bad[0] + "\n" + lines[2] + "\n";

      CliRun run = CliRun.runWithInput(input, "import", copy.toString());

      assertThat(run.code()).as(bad[0] + "\n" + run).isEqualTo(2);
      assertThat(run.err()).as(bad[0]).startsWith("eventsourced: line 3: ").contains(bad[1]);
      assertThat(run.err()).contains("nothing was imported").doesNotContain("Exception");
      assertThat(run.err().lines()).hasSize(1);
      assertThat(copy).doesNotExist();
    }
  }

  @Test
  void hugeLine_isRefusedWithoutReadingItWhole() throws Exception {
    Path copy = dir.resolve("copy.sqlite");
    String first = exported.split("\n")[0];
    String huge = "{\"eventId\":\"" + "x".repeat(Import.MAX_LINE_CHARS) + "\"}";

    CliRun run = CliRun.runWithInput(first + "\n" + huge + "\n", "import", copy.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("eventsourced: line 2: longer than 16777216 characters");
    assertThat(copy).doesNotExist();
  }

  @Test
  void globalSeqAlreadyHeldByAnotherEvent_isRefused() throws Exception {
    Path copy = dir.resolve("copy.sqlite");
    CliRun.runWithInput(exported, "import", copy.toString());
    String other =
        exported.split("\n")[0].replaceFirst(
            "\"eventId\":\"[^\"]+\"", "\"eventId\":\"01a2310d-0000-7000-8000-000000000000\"");

    CliRun run = CliRun.runWithInput(other + "\n", "import", copy.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("line 1: globalSeq 1 is already held by event");
    assertThat(count(copy, "SELECT count(*) FROM _events")).isEqualTo(10);
  }

  @Test
  void fileWhoseWriteLockAnotherProcessHolds_isRefusedAsBusy() throws Exception {
    Path copy = dir.resolve("copy.sqlite");
    CliRun.runWithInput(exported.split("\n")[0] + "\n", "import", copy.toString());
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement st = other.createStatement()) {
      st.execute("BEGIN IMMEDIATE");

      CliRun run = CliRun.runWithInput(exported, "import", copy.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .contains("is busy: another process holds its write lock; nothing was written");
      st.execute("ROLLBACK");
    }
    assertThat(count(copy, "SELECT count(*) FROM _events")).isEqualTo(1);
    assertThat(CliRun.runWithInput(exported, "import", copy.toString()).code()).isZero();
    assertThat(count(copy, "SELECT count(*) FROM _events")).isEqualTo(10);
  }

  @Test
  void importIntoAFileThatIsNotADatabase_changesNothing() throws IOException {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(
        notes,
        "shopping list: milk, bread, and some more text to pass 100 bytes"
            + " so that SQLite reads a header".repeat(4));
    byte[] before = Files.readAllBytes(notes);

    CliRun run = CliRun.runWithInput(exported, "import", notes.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("eventsourced: " + notes + " is not a SQLite database\n");
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
  }

  @Test
  void importIntoAMissingDirectory_saysSo() {
    Path nowhere = dir.resolve("no/such/dir/app.sqlite");

    CliRun run = CliRun.runWithInput(exported, "import", nowhere.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("eventsourced: cannot create " + nowhere)
        .contains("does not exist");
    assertThat(run.err().lines()).hasSize(1);
  }
}
