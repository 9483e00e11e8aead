package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.protocol.EventType;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settling the rows a batch touched: rebuilt, or recounted, once each. */
class TouchedRowsTest {

  private final EventSourcedDb db =
      EventSourcedDb.builder()
          .inMemory()
          .collections(TodoRepository.COLLECTION, TaskRepository.COLLECTION)
          .open();
  private final Engine engine = TestAccess.engine(db);
  private final TodoRepository todos = TodoRepository.of(db);
  private CollectionStore<Todo, String> store;

  @BeforeEach
  void rows() {
    store = engine.store(TodoDefinition.INSTANCE);
    todos.insert(new Todo("t1", "a", null, 0, null));
    todos.update("t1", d -> d.title("b")); // two pending events
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** Tampers with the state row, as a bug or a foreign writer could. */
  private void tamper(String title, int pending) {
    engine.write(
        tx -> {
          store.state().put(engine.writer(), new Todo("t1", title, null, 0, null), Origin.REMOTE);
          store.state().setPending(engine.writer(), "t1", pending);
          return null;
        });
  }

  private Tx settle(Consumer<TouchedRows> touch) {
    return engine.write(
        tx -> {
          TouchedRows touched = new TouchedRows(engine);
          touch.accept(touched);
          touched.settle(engine.writer(), tx);
          return tx;
        });
  }

  private Change row() {
    return engine.read(conn -> store.state().changeOf(conn, "t1", EventType.UPDATE));
  }

  @Test
  void recount_setsThePendingCountFromTheLog_andLeavesTheValues() {
    tamper("tampered", 7);

    settle(touched -> touched.recount("todos", "t1", EventType.UPDATE));

    assertThat(todos.get("t1").title()).isEqualTo("tampered");
    long pending =
        engine.read(
            conn ->
                store
                    .state()
                    .scalar(
                        conn, "SELECT \"_pending\" FROM \"todos\" WHERE \"id\" = 't1'", List.of()));
    assertThat(pending).isEqualTo(2);
    assertThat(db.verify().differences())
        .singleElement()
        .satisfies(d -> assertThat(d.problem()).contains("values differ")); // not the count
  }

  @Test
  void rebuild_foldsTheRowFromItsEvents() {
    tamper("tampered", 0);

    settle(touched -> touched.rebuild("todos", "t1", EventType.UPDATE));

    assertThat(todos.get("t1").title()).isEqualTo("b");
    assertThat(row().synced()).isFalse();
    assertThat(row().origin()).isEqualTo(Origin.LOCAL);
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void recountThenRebuild_ofOneRow_rebuildsIt_once() {
    tamper("tampered", 0);
    Tx tx =
        settle(
            touched -> {
              touched.recount("todos", "t1", EventType.UPDATE);
              touched.rebuild("todos", "t1", EventType.DELETE);
              touched.recount("todos", "t1", EventType.INSERT);
            });

    assertThat(todos.get("t1").title()).isEqualTo("b");
    assertThat(tx.changes)
        .singleElement()
        .satisfies(c -> assertThat(c.type()).isEqualTo(EventType.INSERT));
  }

  @Test
  void contains_isPerCollectionAndKey_andUnknownCollectionsAreIgnored() {
    settle(
        touched -> {
          touched.recount("todos", "t1", EventType.UPDATE);
          touched.rebuild("notes", "n1", EventType.INSERT);
          assertThat(touched.contains("todos", "t1")).isTrue();
          assertThat(touched.contains("tasks", "t1")).isFalse();
          assertThat(touched.contains("notes", "n1")).isFalse();
        });
  }

  @Test
  void rebuild_ofAKeyTheCollectionCannotRead_isSkipped() {
    Tx tx = settle(touched -> touched.rebuild("tasks", "not a number", EventType.INSERT));
    assertThat(tx.changes).isEmpty();
  }

  @Test
  void recount_recordsAChangeOnlyWhenSomeoneListens() {
    Tx quiet = settle(touched -> touched.recount("todos", "t1", EventType.UPDATE));
    assertThat(quiet.changes).isEmpty();

    Runnable stop = engine.onCommit(changes -> {});
    try {
      Tx heard = settle(touched -> touched.recount("todos", "t1", EventType.UPDATE));
      assertThat(heard.changes).singleElement().satisfies(c -> assertThat(c.key()).isEqualTo("t1"));
    } finally {
      stop.run();
    }
  }

  @Test
  void settle_forgetsTheRows_soASecondSettleDoesNothing() {
    Tx tx =
        engine.write(
            t -> {
              TouchedRows touched = new TouchedRows(engine);
              touched.rebuild("todos", "t1", EventType.UPDATE);
              touched.settle(engine.writer(), t);
              touched.settle(engine.writer(), t);
              assertThat(touched.contains("todos", "t1")).isFalse();
              return t;
            });
    assertThat(tx.changes).hasSize(1);
  }
}
