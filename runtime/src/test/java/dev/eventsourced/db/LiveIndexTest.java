package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.fixtures.Todo_;
import dev.eventsourced.db.live.LiveQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit visits only the live queries its rows can concern: with many live queries open, each
 * filtering on its own value or interval of a column, a change of a row no query holds or matches
 * reads the column a fixed number of times, not once per query. (The column's getter counts its
 * calls; before the index, every open query evaluated its filter on every change.)
 */
class LiveIndexTest {

  private static final int QUERIES = 200;

  private final AtomicInteger reads = new AtomicInteger();
  private final StringColumn<Todo> title =
      new StringColumn<>(
          "title",
          "title",
          todo -> {
            reads.incrementAndGet();
            return todo.title();
          });
  private final List<LiveQuery<Todo>> open = new ArrayList<>();
  private EventSourcedDb db;
  private TodoRepository todos;

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    todos = TodoRepository.of(db);
    for (int i = 0; i < QUERIES; i++) todos.insert(todo("t" + i, "title " + i, i));
  }

  @AfterEach
  void close() {
    for (LiveQuery<Todo> query : open) query.close();
    db.close();
  }

  private static Todo todo(String id, String title, long createdAt) {
    return new Todo(id, title, Todo.Status.PENDING, createdAt, null);
  }

  private LiveQuery<Todo> live(Query<Todo> query) {
    LiveQuery<Todo> live = query.live();
    live.subscribe(Runnable::run, update -> {});
    open.add(live);
    return live;
  }

  /** Reads of the column by the commit of {@code write}. */
  private int readsBy(Runnable write) {
    reads.set(0);
    write.run();
    return reads.get();
  }

  @Test
  void equalityQueries_unconcernedChange_readsTheColumnOnce_notOncePerQuery() {
    for (int i = 0; i < QUERIES; i++) live(todos.query().where(title.eq("title " + i)));
    LiveQuery<Todo> first = open.get(0);

    assertThat(readsBy(() -> todos.insert(todo("x", "another title", 1_000)))).isEqualTo(1);
    assertThat(readsBy(() -> todos.update(todo("x", "yet another", 1_001)))).isLessThanOrEqualTo(2);
    assertThat(readsBy(() -> todos.delete("x"))).isZero();

    // A row entering, changing within and leaving one query reaches that query.
    todos.insert(todo("y", "title 0", 5));
    assertThat(first.current()).extracting(Todo::id).containsExactly("t0", "y");
    todos.update(todo("y", "title 1", 5));
    assertThat(first.current()).extracting(Todo::id).containsExactly("t0");
    assertThat(open.get(1).current()).extracting(Todo::id).containsExactly("t1", "y");
  }

  @Test
  void rangeQueries_unconcernedChange_readsTheColumnAFewTimes_notOncePerQuery() {
    for (int i = 0; i < QUERIES; i++) {
      live(todos.query().where(Todo_.CREATED_AT.between(10L * i, 10L * i + 4)).where(title.ne("")));
    }
    // Only the indexed query a row falls in evaluates its filter (and so reads the title).
    assertThat(readsBy(() -> todos.insert(todo("x", "x", 10L * QUERIES + 7)))).isZero();
    assertThat(readsBy(() -> todos.insert(todo("z", "z", 15)))).isZero();
    assertThat(readsBy(() -> todos.insert(todo("w", "w", 12)))).isEqualTo(1);
    assertThat(open.get(1).current())
        .extracting(Todo::id)
        .containsExactly("t10", "t11", "t12", "t13", "t14", "w");
  }

  @Test
  void queriesWithoutAnIndexableConjunct_stillSeeEveryChange() {
    for (int i = 0; i < 10; i++) live(todos.query().where(title.eq("a").or(title.eq("b" + i))));
    assertThat(readsBy(() -> todos.insert(todo("x", "c", 1)))).isEqualTo(10 * 2);
  }
}
