package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Verification.Difference;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventSourcedDb#verify()} folds the log and names every row the state tables hold
 * otherwise.
 */
class VerifyTest {

  @TempDir Path dir;
  private EventSourcedDb db;
  private TodoRepository todos;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("db.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .open();
    todos = TodoRepository.of(db);
    todos.insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 1));
    todos.insert(new Todo("t2", "Call mum", Status.PENDING, 6, null));
    todos.update("t1", draft -> draft.status(Status.COMPLETE));
    todos.insert(new Todo("t3", "gone", null, 7, null));
    todos.delete("t3");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void afterLocalWrites_isHealthy() {
    assertThat(db.verify().differences()).isEmpty();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void insideATransaction_seesItsOwnWrites() {
    db.transaction(
        () -> {
          todos.insert(new Todo("t4", "in tx", null, 8, null));
          assertThat(db.verify().isHealthy()).isTrue();
        });
  }

  @Test
  void rowChangedBehindTheLogsBack_isNamed() throws SQLException {
    sql("UPDATE todos SET title = 'tampered' WHERE id = 't1'");

    assertThat(db.verify().differences())
        .singleElement()
        .satisfies(
            difference -> {
              assertThat(difference.collectionId()).isEqualTo("todos");
              assertThat(difference.key()).isEqualTo("t1");
              assertThat(difference.folded())
                  .isEqualTo(new Todo("t1", "Buy milk", Status.COMPLETE, 5, 1));
              assertThat(difference.stored())
                  .isEqualTo(new Todo("t1", "tampered", Status.COMPLETE, 5, 1));
            });
  }

  @Test
  void missingRow_extraRow_andWrongPendingCount_areNamed() throws SQLException {
    sql("DELETE FROM todos WHERE id = 't1'");
    sql(
        "INSERT INTO todos (id, title, created_at, _origin, _pending) VALUES ('x', 'no event', 1, 'local', 0)");
    sql("UPDATE todos SET _pending = 0 WHERE id = 't2'");

    assertThat(db.verify().differences())
        .extracting(Difference::key, Difference::problem)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "t1", "the events create the row, but the state table lacks it"),
            org.assertj.core.groups.Tuple.tuple(
                "x", "the state table has a row that no event creates"),
            org.assertj.core.groups.Tuple.tuple(
                "t2", "the row has 1 pending events but is marked synced"));
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite"))) {
      connection.createStatement().executeUpdate(statement);
    }
  }
}
