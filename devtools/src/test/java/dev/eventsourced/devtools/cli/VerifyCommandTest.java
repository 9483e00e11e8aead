package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** verify on a real file: healthy, then with one thing changed behind the runtime's back. */
class VerifyCommandTest {

  @TempDir static Path shared;
  static Path template;

  @TempDir Path dir;
  Path file;

  @BeforeAll
  static void write() {
    template = shared.resolve("phone.sqlite");
    Fixture.phoneAndLaptop(template, shared.resolve("laptop.sqlite"));
  }

  @BeforeEach
  void copy() throws IOException {
    file = dir.resolve("copy.sqlite");
    Files.copy(template, file);
  }

  private CliRun verify(String... more) {
    String[] args = new String[2 + more.length];
    args[0] = "verify";
    args[1] = file.toString();
    System.arraycopy(more, 0, args, 2, more.length);
    return CliRun.run(args);
  }

  @Test
  void healthyFile_exitsZero() {
    CliRun run = verify();

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("notes: 4 rows, 7 events: every row equals the fold of its events")
        .contains("counters: 1 rows, 3 events");
    Map<String, Object> json = Fixture.json(verify("--json").out());
    assertThat(json).containsEntry("healthy", true);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "title  | 'tampered'",
        "mood   | 'BUSY'",
        "at     | 1",
        "amount | '1.5'",
        "blob   | x'010204'",
        "score  | 0.75",
        "done   | 1",
        "day    | '2026-12-02'",
        "tags   | '[\"a\",\"b\"]'",
        "counts | '{\"x\":2}'",
        "place  | '{\"name\":\"home\",\"floor\":3}'",
        "comment | 'added'",
      })
  @SuppressWarnings("unchecked")
  void changedColumn_exitsOne_namingKeyAndColumn(String column, String value) throws SQLException {
    Fixture.sql(file, "UPDATE notes SET " + column + " = " + value + " WHERE id = 'n3'");

    CliRun run = verify();

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("notes: 4 rows, 7 events: 1 key differs")
        .contains("key n3: the state table's values differ from the fold of the events")
        .containsPattern("(?m)^    " + column + ": stored ");
    Map<String, Object> json = Fixture.json(verify("--json").out());
    assertThat(json).containsEntry("healthy", false);
    List<Map<String, Object>> collections = (List<Map<String, Object>>) json.get("collections");
    Map<String, Object> notes = collections.get(1);
    List<Map<String, Object>> differences = (List<Map<String, Object>>) notes.get("differences");
    assertThat(differences)
        .singleElement()
        .satisfies(d -> assertThat(d).containsEntry("key", "n3"));
    assertThat((List<Map<String, Object>>) differences.get(0).get("columns"))
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("column", column));
  }

  @Test
  void changedJsonColumn_sameValueOtherSpelling_isNoDifference() throws SQLException {
    Fixture.sql(
        file, "UPDATE notes SET place = '{ \"floor\": 2.0, \"name\": \"home\" }' WHERE id = 'n3'");

    assertThat(verify().code()).isZero();
  }

  @Test
  void missingRow_extraRow_wrongPendingMark_areDifferences() throws SQLException {
    Fixture.sql(file, "DELETE FROM counters WHERE id = 1");
    Fixture.sql(file, "INSERT INTO counters (id, name, value) VALUES (99, 'ghost', 1)");
    Fixture.sql(file, "UPDATE notes SET _pending = 0 WHERE id = 'n2'");

    CliRun run = verify();

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("key 1: the events create the row, but the state table lacks it")
        .contains("key 99: the state table has a row that no event creates")
        .contains("key n2: the row has 1 pending events but is marked synced")
        .contains("verify: 3 differences in 2 collections");
  }

  @Test
  void deletedRowStillInTable_isADifference() throws SQLException {
    Fixture.sql(file, "INSERT INTO counters (id, name, value, _pending) VALUES (2, 'two', 2, 1)");

    CliRun run = verify();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "key 2: the events delete the row or never create it, but the state table has it");
  }

  @Test
  void collectionWithoutColumnDescription_cannotBeChecked_exitsTwo() throws SQLException {
    Fixture.sql(file, "DELETE FROM _meta WHERE key = 'columns:notes'");

    CliRun run = verify();

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out())
        .contains("notes: not checked: the file does not describe its columns")
        .contains("counters: 1 rows, 3 events: every row equals the fold of its events");
    assertThat(run.err()).contains("could not check every collection");
  }

  @Test
  void keyWithEventsOfAnOlderSchemaVersion_isListedNotChecked() throws SQLException {
    Fixture.sql(file, "UPDATE _events SET schema_version = 0 WHERE key = 'n1'");
    Fixture.sql(file, "UPDATE notes SET title = 'whatever' WHERE id = 'n1'");

    CliRun run = verify();

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("key n1 not checked: event #1 was written with schema version 0");
  }

  @Test
  void eventsOfACollectionWithoutTable_areReportedNotCompared() throws SQLException {
    Fixture.sql(
        file,
        "INSERT INTO _events (event_id, collection_id, type, key, payload, timestamp, origin,"
            + " global_seq, sync_status, schema_version) VALUES ('00000000-0000-7000-8000-000000000001',"
            + " 'elsewhere', 'insert', 'k', '{}', 1, 'remote', 1000, 'synced', 1)");

    CliRun run = verify();

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("elsewhere: not checked: it has events but no table");
  }
}
