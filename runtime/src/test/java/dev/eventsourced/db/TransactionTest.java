package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.exception.DuplicateKeyException;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {

  @TempDir Path dir;
  private EventSourcedDb db;
  private TodoRepository todos;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("tx.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .open();
    todos = TodoRepository.of(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Todo todo(String id) {
    return new Todo(id, "t", Status.PENDING, 1, null);
  }

  @Test
  void transaction_commitsAllMutationsTogether() {
    db.transaction(
        () -> {
          todos.insert(todo("a"));
          todos.insert(todo("b"));
          todos.update("a", d -> d.title("changed"));
          todos.delete("b");
        });

    assertThat(todos.all()).extracting(Todo::title).containsExactly("changed");
    assertThat(db.eventLog().size()).isEqualTo(4);
  }

  @Test
  void transaction_bodyThrows_rollsBackStateAndEvents() {
    todos.insert(todo("keep"));

    assertThatThrownBy(
            () ->
                db.transaction(
                    () -> {
                      todos.insert(todo("a"));
                      todos.delete("keep");
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");

    assertThat(todos.all()).extracting(Todo::id).containsExactly("keep");
    assertThat(db.eventLog().size()).isEqualTo(1);
  }

  @Test
  void nestedTransaction_caughtFailure_undoesOnlyNestedPart() {
    db.transaction(
        () -> {
          todos.insert(todo("outer"));
          try {
            db.transaction(
                () -> {
                  todos.insert(todo("inner"));
                  throw new IllegalStateException("inner fails");
                });
          } catch (IllegalStateException expected) {
            // the outer transaction goes on
          }
          todos.insert(todo("after"));
        });

    assertThat(todos.all()).extracting(Todo::id).containsExactly("after", "outer");
    assertThat(db.eventLog().all()).extracting(Event::key).containsExactly("outer", "after");
  }

  @Test
  void caughtDuplicateKey_insideTransaction_leavesEarlierWritesCommittable() {
    todos.insert(todo("dup"));

    db.transaction(
        () -> {
          todos.insert(todo("a"));
          assertThatThrownBy(() -> todos.insert(todo("dup")))
              .isInstanceOf(DuplicateKeyException.class);
          todos.insert(todo("b"));
        });

    assertThat(todos.all()).extracting(Todo::id).containsExactly("a", "b", "dup");
    assertThat(db.eventLog().size()).isEqualTo(3);
  }

  @Test
  void collectionFirstUsedInRolledBackTransaction_worksAfterwards() {
    TodoDefinition later = new TodoDefinition("later", "fp-later");
    assertThatThrownBy(
            () ->
                db.transaction(
                    () -> {
                      TodoRepository.of(db, later).insert(todo("a"));
                      throw new IllegalStateException("undo");
                    }))
        .hasMessage("undo");

    TodoRepository repository = TodoRepository.of(db, later);
    repository.insert(todo("b"));
    assertThat(repository.all()).extracting(Todo::id).containsExactly("b");
  }

  @Test
  void transactionResult_returnsBodyValue() {
    long count =
        db.transactionResult(
            () -> {
              todos.insert(todo("a"));
              return todos.count();
            });

    assertThat(count).isEqualTo(1);
  }

  @Test
  void openTransaction_isInvisibleToReadersOnOtherThreads() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    AtomicLong seenDuring = new AtomicLong(-1);
    Thread reader =
        new Thread(
            () -> {
              try {
                written.await(5, TimeUnit.SECONDS);
                seenDuring.set(todos.count() + db.eventLog().size());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                checked.countDown();
              }
            });
    reader.start();

    db.transaction(
        () -> {
          todos.insert(todo("a"));
          written.countDown();
          try {
            checked.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    reader.join();

    assertThat(seenDuring.get()).isZero();
    assertThat(todos.count()).isEqualTo(1);
  }
}
