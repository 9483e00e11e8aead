package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, usage errors, and files that are missing or not an EventSourced DB: exit 2, one line. */
class UsageAndBadFilesTest {

  @TempDir static Path shared;
  static Path phone;

  @TempDir Path dir;

  @BeforeAll
  static void write() {
    phone = shared.resolve("phone.sqlite");
    Fixture.phoneAndLaptop(phone, shared.resolve("laptop.sqlite"));
  }

  @Test
  void help_listsEveryCommand_onStdout() {
    CliRun run = CliRun.run("--help");

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("Usage: eventsourced COMMAND FILE [options]")
        .contains("inspect", "log", "verify", "export", "import")
        .contains("Exit codes:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "log", "verify", "export", "import"})
  void commandHelp_showsItsOptionsAndExitCodes(String command) {
    CliRun run = CliRun.run(command, "--help");
    CliRun same = CliRun.run("help", command);

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .startsWith("Usage: eventsourced " + command + " FILE")
        .contains("Exit codes:");
    assertThat(same.out()).isEqualTo(run.out());
  }

  @Test
  void noCommand_unknownCommand_unknownOption_printUsageOnStderr_exitTwo() {
    CliRun none = CliRun.run();
    CliRun unknown = CliRun.run("frobnicate", phone.toString());
    CliRun option = CliRun.run("inspect", phone.toString(), "--bogus");
    CliRun dash = CliRun.run("log", phone.toString(), "-x");
    CliRun missingValue = CliRun.run("log", phone.toString(), "--limit");
    CliRun badNumber = CliRun.run("log", phone.toString(), "--limit", "many");
    CliRun noFile = CliRun.run("verify");
    CliRun twoFiles = CliRun.run("verify", phone.toString(), "other");

    assertThat(none.err()).startsWith("eventsourced: no command given").contains("Commands:");
    assertThat(unknown.err()).startsWith("eventsourced: unknown command 'frobnicate'");
    assertThat(option.err())
        .startsWith("eventsourced: unknown option --bogus")
        .contains("Usage: eventsourced inspect");
    assertThat(dash.err()).startsWith("eventsourced: unknown option -x");
    assertThat(missingValue.err()).startsWith("eventsourced: option --limit needs a value");
    assertThat(badNumber.err()).startsWith("eventsourced: option --limit needs a whole number");
    assertThat(noFile.err()).startsWith("eventsourced: the database FILE is missing");
    assertThat(twoFiles.err()).startsWith("eventsourced: unexpected argument 'other'");
    for (CliRun run :
        new CliRun[] {none, unknown, option, dash, missingValue, badNumber, noFile, twoFiles}) {
      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
    }
  }

  private static void assertOneLineTrouble(CliRun run, String message) {
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("eventsourced: " + message + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "log", "verify", "export"})
  void missingFile_isOneLine_andIsNotCreated(String command) {
    Path missing = dir.resolve("missing.sqlite");

    assertOneLineTrouble(CliRun.run(command, missing.toString()), "no such file: " + missing);
    assertThat(missing).doesNotExist();
  }

  @Test
  void directory_isOneLine() {
    assertOneLineTrouble(
        CliRun.run("inspect", dir.toString()), dir + " is a directory, not a database file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "log", "verify", "export"})
  void fileThatIsNotSqlite_isOneLine_andUnchanged(String command) throws IOException {
    Path garbage = dir.resolve("garbage.bin");
    byte[] bytes = new byte[8192];
    new Random(7).nextBytes(bytes);
    Files.write(garbage, bytes);

    assertOneLineTrouble(
        CliRun.run(command, garbage.toString()), garbage + " is not a SQLite database");
    assertThat(Files.readAllBytes(garbage)).isEqualTo(bytes);
  }

  @Test
  void emptyFile_andAnotherAppsDatabase_areNotOurs() throws SQLException, IOException {
    Path empty = Files.createFile(dir.resolve("empty.sqlite"));
    Path other = dir.resolve("other.sqlite");
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + other)) {
      conn.createStatement().executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    }

    assertOneLineTrouble(
        CliRun.run("inspect", empty.toString()),
        empty
            + " is not an EventSourced DB file: it is a SQLite database without the _meta and"
            + " _events tables (it is empty)");
    assertOneLineTrouble(
        CliRun.run("verify", other.toString()),
        other
            + " is not an EventSourced DB file: it is a SQLite database without the _meta and"
            + " _events tables");
  }

  @Test
  void newerStorageFormat_isRefused() throws Exception {
    Path newer = dir.resolve("newer.sqlite");
    Files.copy(phone, newer);
    Fixture.sql(newer, "UPDATE _meta SET value = '99' WHERE key = 'format_version'");

    assertOneLineTrouble(
        CliRun.run("export", newer.toString()),
        newer
            + " has storage format 99, newer than this tool reads (format 3 at most); use the"
            + " eventsourced-devtools of the runtime that wrote the file");
  }

  @Test
  void debug_addsTheStackTrace() throws IOException {
    Path garbage = dir.resolve("garbage.bin");
    Files.write(garbage, new byte[4096]);
    Files.writeString(garbage, "definitely not SQLite format 3, just text ".repeat(10));

    CliRun run = CliRun.run("inspect", garbage.toString(), "--debug");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("eventsourced: " + garbage + " is not a SQLite database\n")
        .contains("SQLiteException")
        .contains("\tat ");
  }

  @Test
  void eventIdsStoredAsBlobs_areReadInCanonicalForm() throws Exception {
    Path blobs = dir.resolve("blobs.sqlite");
    Files.copy(phone, blobs);
    Fixture.sql(
        blobs,
        "INSERT INTO _events (event_id, collection_id, type, key, payload, timestamp, origin,"
            + " global_seq, sync_status, schema_version) VALUES"
            + " (x'0190AABBCCDD7EEF8123456789ABCDEF', 'elsewhere', 'insert', 'k', '{}', 1, 'remote',"
            + " 1000, 'synced', 1)");

    CliRun run = CliRun.run("log", blobs.toString(), "--collection", "elsewhere", "--json");

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(Fixture.json(run.out().strip()))
        .containsEntry("eventId", "0190aabb-ccdd-7eef-8123-456789abcdef");
  }

  @Test
  void readOnlyOpen_cannotWrite() throws Exception {
    try (DatabaseFile file = DatabaseFile.openReadOnly(phone)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> file.requestRebuild("notes"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SQLITE_READONLY");
    }
  }

  @Test
  void readingCommands_leaveTheFileAsItWas() throws IOException {
    byte[] before = Files.readAllBytes(phone);

    for (String command : new String[] {"inspect", "log", "verify", "export"}) {
      assertThat(CliRun.run(command, phone.toString()).code()).isZero();
    }

    assertThat(Files.readAllBytes(phone)).isEqualTo(before);
  }
}
