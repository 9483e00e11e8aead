package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw SQL queries: parameters, mapping, and their live version. */
class SqlQueryTest {

  private EventSourcedDb db;
  private TodoRepository todos;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .inMemory()
            .collections(TodoRepository.COLLECTION, ProjectRepository.COLLECTION)
            .open();
    todos = TodoRepository.of(db);
    todos.insert(new Todo("a", "one", Status.PENDING, 10, 1));
    todos.insert(new Todo("b", "two", Status.COMPLETE, 20, 2));
    todos.insert(new Todo("c", "three", Status.PENDING, 30, 3));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private SqlQuery<Map.Entry<String, Long>> countsByStatus() {
    return db.sql(
        "SELECT status, count(*) FROM \"todos\" WHERE created_at >= ? GROUP BY status ORDER BY status",
        rs -> Map.entry(rs.getString(1), rs.getLong(2)),
        0);
  }

  @Test
  void list_bindsConvertedParametersAndMapsRows() {
    assertThat(
            db.sql(
                    "SELECT id FROM todos WHERE status = ? AND created_at > ? ORDER BY id",
                    rs -> rs.getString(1),
                    Status.PENDING,
                    15)
                .list())
        .containsExactly("c");
    assertThat(countsByStatus().list())
        .containsExactly(Map.entry("COMPLETE", 1L), Map.entry("PENDING", 2L));
    assertThat(db.sql("SELECT id FROM todos ORDER BY id DESC", rs -> rs.getString(1)).first())
        .contains("c");
  }

  @Test
  void live_rerunsOncePerCommitTouchingItsTablesOnly() {
    LiveQuery<Map.Entry<String, Long>> live = countsByStatus().keyedBy(Map.Entry::getKey).live();
    List<LiveUpdate<Map.Entry<String, Long>>> updates = new ArrayList<>();
    live.subscribe(Runnable::run, updates::add);
    db.transaction(
        () -> {
          todos.insert(new Todo("d", "four", Status.COMPLETE, 40, null));
          todos.insert(new Todo("e", "five", Status.COMPLETE, 50, null));
        });
    assertThat(updates).hasSize(2);
    assertThat(live.current()).containsExactly(Map.entry("COMPLETE", 3L), Map.entry("PENDING", 2L));
    assertThat(updates.get(1).delta().changed())
        .singleElement()
        .satisfies(c -> assertThat(c.previous()).isEqualTo(Map.entry("COMPLETE", 1L)));

    ProjectRepository.of(db).insert(new Project("p", "other table", null, false, null, null));
    todos.update("a", draft -> draft.title("same counts")); // touches the table, same result
    assertThat(updates).hasSize(2);
  }

  @Test
  void live_withoutKnownTable_asksToNameThem() {
    assertThatThrownBy(() -> db.sql("SELECT 1", rs -> rs.getInt(1)).live())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name them with live(");
    assertThatThrownBy(() -> db.sql("SELECT 1", rs -> rs.getInt(1)).live("nope"))
        .hasMessageContaining("'nope' is not a table");
    assertThat(db.sql("SELECT 1", rs -> rs.getInt(1)).live("todos").current()).containsExactly(1);
  }

  @Test
  void identifiers_skipStringsAndCommentsAndUnquote() {
    assertThat(
            SqlQuery.identifiers(
                "SELECT 'todos' FROM \"Pro\"\"jects\" -- tasks\n JOIN [x] /* y */ WHERE a_b1 = 2"))
        .containsExactly("select", "from", "pro\"jects", "join", "x", "where", "a_b1");
  }

  @Test
  void nullRow_failsNamingTheQuery() {
    assertThatThrownBy(() -> db.sql("SELECT id FROM todos", rs -> null).list())
        .isInstanceOf(EventSourcedException.class)
        .hasMessageContaining("returned null for row 1");
  }
}
