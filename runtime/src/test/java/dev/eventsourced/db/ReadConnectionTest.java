package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads run on the idle writer connection until reads and writes first meet (a database opened for
 * a query or two needs one connection); from then on reads take read connections, so that a long
 * read never holds up a write again, and a read during a write sees the last commit.
 */
class ReadConnectionTest {

  @TempDir Path dir;

  @Test
  void aWriteThatWaitedForARead_sendsLaterReadsToReadConnections() throws Exception {
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve("r.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .autoSync(false)
            .open()) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(new Todo("t1", "one", Status.PENDING, 1, null));

      // The first long read runs on the writer: a write meanwhile waits for it, once.
      CompletableFuture<Void> write1 = blockedRead(db, () -> insert(todos, "t2"));
      write1.get(10, TimeUnit.SECONDS);

      // From now on a long read does not hold up a write: it completes while the read is blocked.
      CountDownLatch reading = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<List<String>> read =
          CompletableFuture.supplyAsync(
              () ->
                  db.sql(
                          "SELECT id FROM todos ORDER BY id",
                          rows -> {
                            reading.countDown();
                            await(release);
                            return rows.getString(1);
                          })
                      .list());
      assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> write2 = CompletableFuture.runAsync(() -> insert(todos, "t3"));
      write2.get(10, TimeUnit.SECONDS); // would time out if the read still held the writer
      release.countDown();
      assertThat(read.get(10, TimeUnit.SECONDS)).containsExactly("t1", "t2");
      assertThat(todos.all()).extracting(Todo::id).containsExactlyInAnyOrder("t1", "t2", "t3");
    }
  }

  /** Starts a read that blocks in its first row, runs {@code write} meanwhile, then releases it. */
  private static CompletableFuture<Void> blockedRead(EventSourcedDb db, Runnable write)
      throws InterruptedException {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<String>> read =
        CompletableFuture.supplyAsync(
            () ->
                db.sql(
                        "SELECT id FROM todos",
                        rows -> {
                          reading.countDown();
                          await(release);
                          return rows.getString(1);
                        })
                    .list());
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> written = CompletableFuture.runAsync(write);
    Thread.sleep(200); // the write is now waiting for the lock the read holds
    release.countDown();
    return read.thenCombine(written, (rows, nothing) -> null);
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
