package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.LiveQueryException;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import dev.eventsourced.db.spi.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live query that cannot be brought up to date never fails the commit, never goes silently stale,
 * and never stops the other live queries: the in-memory update falls back to re-running the query
 * in SQL, and every failure reaches the committing thread's uncaught-exception handler as a {@link
 * LiveQueryException}.
 */
class LiveQueryFailureTest {

  /** {@code created_at}, read through a getter that throws for the value 666. */
  private static final ComparableColumn<Todo, Long> FRAGILE =
      new ComparableColumn<>(
          "createdAt",
          "created_at",
          ColumnType.INTEGER,
          todo -> {
            if (todo.createdAt() == 666) throw new IllegalStateException("getter bug");
            return todo.createdAt();
          });

  private EventSourcedDb db;
  private TodoRepository todos;
  private final List<Throwable> reported = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previousHandler;

  @BeforeEach
  void open() {
    previousHandler = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> reported.add(e));
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    todos = TodoRepository.of(db);
    for (int i = 0; i < 5; i++)
      todos.insert(new Todo("t" + i, "todo " + i, Status.PENDING, i * 10L, null));
  }

  @AfterEach
  void close() {
    db.close();
    Thread.currentThread().setUncaughtExceptionHandler(previousHandler);
  }

  @Test
  void failureOfTheInMemoryUpdate_reRunsTheQueryInSqlAndIsReported() {
    Query<Todo> query = todos.query().where(FRAGILE.gt(5L)).orderBy(TITLE.desc()).limit(3);
    LiveQuery<Todo> live = query.live();
    List<LiveUpdate<Todo>> updates = new ArrayList<>();
    live.subscribe(Runnable::run, updates::add);
    LiveQuery<Todo> bystander = todos.query().live();

    todos.insert(
        new Todo(
            "t9", "todo 9", Status.PENDING, 666, null)); // the filter throws on it, SQL does not

    assertThat(live.current())
        .isEqualTo(query.list())
        .extracting(Todo::id)
        .containsExactly("t9", "t4", "t3");
    assertThat(updates).hasSize(2);
    assertThat(bystander.current()).hasSize(6);
    assertThat(reported)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> {
              assertThat(e.isStale()).isFalse();
              assertThat(e)
                  .hasMessageContaining("re-run in SQL instead")
                  .hasMessageContaining("\"created_at\" > ?")
                  .hasRootCauseMessage("getter bug");
            });

    todos.insert(
        new Todo("t10", "todo 9a", Status.PENDING, 70, null)); // maintained in memory again
    assertThat(live.current()).isEqualTo(query.list());
    assertThat(reported).hasSize(1);
  }

  @Test
  void failureOfTheReRunToo_leavesTheQueryStale_reportsIt_andRetriesAtTheNextCommit() {
    Query<Todo> query =
        todos.query().orderBy(FRAGILE.asc()); // the order is computed for loaded rows too
    LiveQuery<Todo> live = query.live();
    List<LiveUpdate<Todo>> updates = new ArrayList<>();
    live.subscribe(Runnable::run, updates::add);
    List<Todo> before = live.current();

    todos.insert(new Todo("bad", "x", Status.PENDING, 666, null));

    assertThat(live.current()).isEqualTo(before);
    assertThat(updates).hasSize(1);
    assertThat(reported)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> {
              assertThat(e.isStale()).isTrue();
              assertThat(e)
                  .hasMessageContaining("is stale")
                  .hasMessageContaining("re-runs at the next commit that changes todos");
              assertThat(e.getSuppressed())
                  .singleElement()
                  .satisfies(s -> assertThat(s).hasMessage("getter bug"));
            });

    todos.delete("bad");
    todos.insert(new Todo("good", "y", Status.PENDING, 5, null));
    assertThat(live.current())
        .isEqualTo(query.list())
        .extracting(Todo::id)
        .containsExactly("t0", "good", "t1", "t2", "t3", "t4");
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).delta().applyTo(updates.get(0).rows())).isEqualTo(live.current());
    assertThat(reported).hasSize(1);
  }

  @Test
  void likePatternSqliteRefuses_reRunsInSqlAndReportsTheSqlError() {
    Query<Todo> query = todos.query().where(TITLE.like("%" + "x".repeat(50_000)));
    todos.deleteAll(List.of("t0", "t1", "t2", "t3", "t4"));
    LiveQuery<Todo> live = query.live(); // no row: SQLite never evaluates the LIKE

    todos.insert(new Todo("t", "x", Status.PENDING, 1, null));

    assertThatThrownBy(query::list).hasMessageContaining("pattern too complex");
    assertThat(live.current()).isEmpty();
    assertThat(reported)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> {
              assertThat(e.isStale()).isTrue();
              assertThat(e).hasMessageContaining("pattern too complex");
            });
  }

  @Test
  void reportedFailures_doNotReachTheWriter() {
    todos.query().orderBy(FRAGILE.desc()).live();
    todos.insert(new Todo("bad", "x", Status.PENDING, 666, null));
    assertThat(todos.find("bad")).isPresent();
    assertThat(reported).hasSize(1);
  }

  @Test
  void orderOnAFragileColumnThatLoadsFine_isReportedOnlyWhenItFails() {
    LiveQuery<Todo> live = todos.query().orderBy(CREATED_AT.desc(), FRAGILE.asc()).live();
    todos.insert(new Todo("n", "new", Status.PENDING, 100, null));
    assertThat(live.current()).extracting(Todo::id).startsWith("n");
    assertThat(reported).isEmpty();
  }
}
