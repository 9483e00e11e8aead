package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

  @TempDir Path dir;

  @Test
  void concurrentWriters_loseNothing_andReadersNeverSeeHalfATransaction() throws Exception {
    int writers = 6;
    int transactionsPerWriter = 150;
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve("c.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .open()) {
      TodoRepository todos = TodoRepository.of(db);
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<String> torn = new AtomicReference<>();
      ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < transactionsPerWriter; i++) {
                    String id = writer + "-" + i;
                    long created = i;
                    // Each transaction inserts a pair and updates one: readers must see pairs only.
                    db.transaction(
                        () -> {
                          todos.insert(new Todo(id + "a", "a", Status.PENDING, created, null));
                          todos.insert(new Todo(id + "b", "b", Status.PENDING, created, null));
                          todos.update(id + "a", d -> d.status(Status.COMPLETE));
                        });
                    if (i % 10 == 0) todos.upsert(new Todo(id + "a", "a", Status.COMPLETE, i, 1));
                  }
                }));
      }
      for (int r = 0; r < 2; r++) {
        pool.submit(
            () -> {
              while (!done.get()) {
                // One statement, one snapshot: every transaction is there whole or not at all.
                List<Todo> snapshot = todos.all();
                long pairs = snapshot.stream().filter(t -> t.id().endsWith("b")).count();
                long completed =
                    snapshot.stream()
                        .filter(t -> t.id().endsWith("a") && t.status() == Status.COMPLETE)
                        .count();
                if (snapshot.size() != 2 * pairs || completed != pairs) {
                  torn.compareAndSet(
                      null,
                      snapshot.size() + " rows, " + pairs + " pairs, " + completed + " completed");
                }
              }
            });
      }
      for (Future<?> future : futures) future.get();
      done.set(true);
      pool.shutdown();

      assertThat(torn.get()).isNull();
      int transactions = writers * transactionsPerWriter;
      assertThat(todos.count()).isEqualTo(2L * transactions);
      assertThat(todos.query().where(pending()).count()).isEqualTo(transactions);
      int upserts = writers * (transactionsPerWriter / 10);
      assertThat(db.eventLog().size()).isEqualTo(3L * transactions + upserts);
      List<Event> events = db.eventLog().all();
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).localSeq()).isEqualTo(i + 1);
      }
    }
  }

  private static Condition<Todo> pending() {
    return dev.eventsourced.db.fixtures.Todo_.STATUS.eq(Status.PENDING);
  }
}
