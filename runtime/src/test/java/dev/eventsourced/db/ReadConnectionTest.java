package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.internal.Engine;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads run on the idle writer connection until reads and writes first meet (a database opened for
 * a query or two needs one connection); from then on reads take read connections, so that a long
 * read never holds up a write again. A {@code RowMapper} (the caller's code) never runs on the
 * writer, so it may wait for another thread's write.
 */
class ReadConnectionTest {

  @TempDir Path dir;

  /** Threads of their own: the common pool may have one (2 cores), and a read blocks in it. */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aWriteThatWaitedForARead_sendsLaterReadsToReadConnections() throws Exception {
    try (EventSourcedDb db = open()) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(new Todo("t1", "one", Status.PENDING, 1, null));
      Engine engine = db.engine();

      // The first long read runs on the idle writer: a write meanwhile waits for it, once.
      Blocked first = blockedRead(engine);
      CompletableFuture<Void> write1 =
          CompletableFuture.runAsync(() -> insert(todos, "t2"), threads);
      Thread.sleep(300);
      assertThat(write1).as("the write waits for the read on the writer").isNotDone();
      first.release.countDown();
      write1.get(10, TimeUnit.SECONDS);
      assertThat(first.ids.get(10, TimeUnit.SECONDS)).containsExactly("t1");

      // From now on a long read does not hold up a write: it completes while the read is blocked.
      Blocked second = blockedRead(engine);
      CompletableFuture.runAsync(() -> insert(todos, "t3"), threads).get(10, TimeUnit.SECONDS);
      second.release.countDown();
      assertThat(second.ids.get(10, TimeUnit.SECONDS)).containsExactly("t1", "t2");
      assertThat(todos.all()).extracting(Todo::id).containsExactlyInAnyOrder("t1", "t2", "t3");
    }
  }

  @Test
  void aRowMapperWaitingForAWrite_doesNotHoldTheWriter() throws Exception {
    try (EventSourcedDb db = open()) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(new Todo("t1", "one", Status.PENDING, 1, null));

      // the mapper waits for a write another thread makes: on the writer that would never end
      List<String> ids =
          db.sql(
                  "SELECT id FROM todos",
                  rows -> {
                    try {
                      CompletableFuture.runAsync(() -> insert(todos, "t2"), threads)
                          .get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                      throw new IllegalStateException("the write waited for this read", e);
                    }
                    return rows.getString(1);
                  })
              .list();

      assertThat(ids).containsExactly("t1");
      assertThat(todos.get("t2")).isNotNull();
    }
  }

  private EventSourcedDb open() {
    return EventSourcedDb.builder()
        .path(dir.resolve("r.sqlite"))
        .collections(TodoRepository.COLLECTION)
        .autoSync(false)
        .open();
  }

  private record Blocked(CountDownLatch release, CompletableFuture<List<String>> ids) {}

  /** A read that reads the ids, then blocks until released; returns once it is blocked. */
  private Blocked blockedRead(Engine engine) throws InterruptedException {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<String>> ids =
        CompletableFuture.supplyAsync(
            () ->
                engine.read(
                    conn -> {
                      List<String> read = new ArrayList<>();
                      try (Statement statement = conn.connection().createStatement();
                          ResultSet rows =
                              statement.executeQuery("SELECT id FROM todos ORDER BY id")) {
                        while (rows.next()) read.add(rows.getString(1));
                      }
                      reading.countDown();
                      await(release);
                      return read;
                    }),
            threads);
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    return new Blocked(release, ids);
  }

  private static void insert(TodoRepository todos, String id) {
    todos.insert(new Todo(id, id, Status.PENDING, 2, null));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
