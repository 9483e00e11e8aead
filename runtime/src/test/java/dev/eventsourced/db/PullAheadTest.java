package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncResult.Phase;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sync round pulls ahead of its applying: while one page is applied the fetcher thread pulls the
 * next ones, at most a few pages ahead; a failed pull or a page that breaks the protocol ends the
 * round with every page before it applied and the cursor after them.
 */
class PullAheadTest {

  private static final int EVENTS = 20;
  private static final int PAGE = 2;

  private final MemoryBackend backend = new MemoryBackend();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  /** Counts pulls; fails the pull after the given number of pulls (0 = never). */
  private static final class Counting implements SyncTransport {
    final SyncTransport backend;
    final AtomicInteger pulls = new AtomicInteger();
    final List<Long> since = new ArrayList<>();
    volatile int failAfter;

    Counting(SyncTransport backend) {
      this.backend = backend;
    }

    @Override
    public PushResult push(List<SyncEvent> events) {
      return backend.push(events);
    }

    @Override
    public PullResult pull(long from, int limit) {
      synchronized (since) {
        since.add(from);
      }
      if (failAfter > 0 && pulls.get() >= failAfter) throw new SyncException("cut off", null);
      pulls.incrementAndGet();
      return backend.pull(from, limit);
    }
  }

  @BeforeEach
  void fillBackend() {
    try (EventSourcedDb writer =
        EventSourcedDb.builder()
            .inMemory()
            .collections(TodoRepository.COLLECTION)
            .sync(backend)
            .autoSync(false)
            .open()) {
      TodoRepository todos = TodoRepository.of(writer);
      for (int i = 0; i < EVENTS; i++) {
        todos.insert(new Todo("t" + i, "todo " + i, Todo.Status.PENDING, i, null));
      }
      assertThat(writer.sync().pushed()).isEqualTo(EVENTS);
    }
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private EventSourcedDb reader(SyncTransport transport) {
    return EventSourcedDb.builder()
        .inMemory()
        .collections(TodoRepository.COLLECTION)
        .sync(transport)
        .autoSync(false)
        .pullLimit(PAGE)
        .open();
  }

  @Test
  void whileAPageIsApplied_theFetcherPullsOnlyAFewPagesAhead() throws Exception {
    Counting transport = new Counting(backend);
    try (EventSourcedDb db = reader(transport)) {
      CountDownLatch applying = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      LiveQuery<Todo> all = TodoRepository.of(db).query().live();
      // Called on the committing thread: holds the round after its first page's commit.
      all.subscribe(
          Runnable::run,
          update -> {
            if (!update.rows().isEmpty() && applying.getCount() > 0) {
              applying.countDown();
              awaitQuietly(release);
            }
          });
      Future<SyncResult> round = threads.submit(db::sync);
      assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();
      // One page applied; the fetcher fills the queue (2 pages) and pulls one more that waits for
      // room: 4 pulls, and no more while the applying thread is held.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (transport.pulls.get() < 4 && System.nanoTime() < deadline) Thread.sleep(5);
      Thread.sleep(300);
      assertThat(transport.pulls.get()).isEqualTo(4);

      release.countDown();
      SyncResult result = round.get(10, TimeUnit.SECONDS);
      assertThat(result.errors()).isEmpty();
      assertThat(result.pulled()).isEqualTo(EVENTS);
      assertThat(result.cursor()).isEqualTo(EVENTS);
      assertThat(transport.pulls.get()).isEqualTo(EVENTS / PAGE);
      assertThat(transport.since).as("each pull from the last page's cursor").isSorted();
      assertThat(TodoRepository.of(db).count()).isEqualTo(EVENTS);
      all.close();
    }
  }

  @Test
  void aPullThatFails_endsTheRoundAfterThePagesBeforeIt_andTheNextRoundGoesOn() {
    Counting transport = new Counting(backend);
    transport.failAfter = 3;
    try (EventSourcedDb db = reader(transport)) {
      SyncResult cut = db.sync();
      assertThat(cut.errors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.phase()).isEqualTo(Phase.PULL);
                assertThat(error.message()).contains("pull since 6 failed").contains("cut off");
              });
      assertThat(cut.pulled()).isEqualTo(3 * PAGE);
      assertThat(cut.cursor()).isEqualTo(3 * PAGE);
      assertThat(TodoRepository.of(db).count()).isEqualTo(3 * PAGE);

      transport.failAfter = 0;
      SyncResult rest = db.sync();
      assertThat(rest.errors()).isEmpty();
      assertThat(rest.pulled()).isEqualTo(EVENTS - 3 * PAGE);
      assertThat(TodoRepository.of(db).count()).isEqualTo(EVENTS);
      assertThat(db.verify().isHealthy()).isTrue();
    }
  }

  @Test
  void aPageThatBreaksTheProtocol_isNotApplied_andNothingIsPulledPastIt() {
    SyncTransport broken =
        new SyncTransport() {
          @Override
          public PushResult push(List<SyncEvent> events) {
            return backend.push(events);
          }

          @Override
          public PullResult pull(long since, int limit) {
            PullResult page = backend.pull(since, limit);
            if (since < 4) return page;
            // The third page says its cursor is behind its own events.
            return new PullResult(page.events(), since, page.hasMore()).withHead(page.head());
          }
        };
    Counting transport = new Counting(broken);
    try (EventSourcedDb db = reader(transport)) {
      SyncResult result = db.sync();
      assertThat(result.errors())
          .singleElement()
          .satisfies(error -> assertThat(error.message()).contains("broke the protocol"));
      assertThat(result.pulled()).isEqualTo(4);
      assertThat(result.cursor()).isEqualTo(4);
      assertThat(transport.pulls.get()).as("the fetcher stopped at the broken page").isEqualTo(3);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
