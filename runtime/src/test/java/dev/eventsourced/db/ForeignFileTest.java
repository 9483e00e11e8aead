package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.IncompatibleFileException;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file this library did not create is refused before anything is written to it. */
class ForeignFileTest {

  @TempDir Path dir;

  @Test
  void anotherApplicationsDatabase_isRefusedUntouched() throws Exception {
    Path file = dir.resolve("other-app.sqlite");
    sql(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    sql(file, "INSERT INTO notes (body) VALUES ('hello')");
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> open(file))
        .isInstanceOf(IncompatibleFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("[notes]")
        .hasMessageContaining("not created by EventSourced DB");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.exists(Path.of(file + "-wal"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "CREATE TABLE _meta (name TEXT, setting TEXT)",
        "CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT); "
            + "INSERT INTO _meta VALUES ('format_version', '3')",
        "CREATE TABLE _events (id INTEGER PRIMARY KEY); "
            + "CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT); "
            + "INSERT INTO _meta VALUES ('schema', '3')"
      })
  void aFileWithLookalikeTables_isRefusedUntouched(String statements) throws Exception {
    Path file = dir.resolve("lookalike.sqlite");
    for (String statement : statements.split("; ")) sql(file, statement);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> open(file))
        .isInstanceOf(IncompatibleFileException.class)
        .hasMessageContaining("_meta")
        .hasMessageContaining("not created by EventSourced DB");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.exists(Path.of(file + "-wal"))).isFalse();
  }

  @Test
  void aFileThatIsNotSqlite_isRefusedUntouched() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(
        file,
        "these are not the bytes of a database, but they are long enough to look like a header");
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> open(file))
        .isInstanceOf(IncompatibleFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a SQLite database");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aTableOfTheSameNameThatNoCollectionCreated_isRefusedByName() throws Exception {
    Path file = dir.resolve("app.sqlite");
    EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open().close();
    sql(file, "CREATE TABLE todos (anything TEXT)");

    assertThatThrownBy(() -> open(file))
        .isInstanceOf(IncompatibleFileException.class)
        .hasMessageContaining("\"todos\"")
        .hasMessageContaining("@Collection(table");

    // The file still opens without that collection, and the foreign table is as it was.
    EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open().close();
  }

  @Test
  void emptyFile_isANewDatabase() throws Exception {
    Path file = dir.resolve("empty.sqlite");
    Files.createFile(file);

    try (EventSourcedDb db = open(file)) {
      assertThat(TodoRepository.of(db).count()).isZero();
    }
  }

  private static EventSourcedDb open(Path file) {
    return EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open();
  }

  private static void sql(Path file, String statement) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      connection.createStatement().executeUpdate(statement);
    }
  }
}
