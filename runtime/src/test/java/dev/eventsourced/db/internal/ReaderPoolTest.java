package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.EventSourcedException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read connections: at most {@code max} open, reused, closed with the database. */
class ReaderPoolTest {

  private final List<Conn> opened = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger failNextConnects = new AtomicInteger();

  private Conn connect() throws SQLException {
    if (failNextConnects.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new SQLException("cannot open", "08001");
    }
    Conn conn = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"));
    opened.add(conn);
    return conn;
  }

  private ReaderPool pool(int max) {
    return new ReaderPool(max, this::connect, closed::get);
  }

  private static final Runnable OPEN = () -> {};

  @AfterEach
  void closeAll() {
    opened.forEach(ReaderPool::closeQuietly);
  }

  private static boolean isClosed(Conn conn) {
    try {
      return conn.connection().isClosed();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void borrow_afterGiveBack_reusesTheIdleConnection() {
    ReaderPool pool = pool(2);
    Conn first = pool.borrow(OPEN);
    pool.giveBack(first);

    assertThat(pool.borrow(OPEN)).isSameAs(first);
    assertThat(opened).hasSize(1);
  }

  @Test
  void borrow_whileAllAreBorrowed_opensUpToMaxThenWaitsForOneGivenBack() throws Exception {
    ReaderPool pool = pool(2);
    Conn a = pool.borrow(OPEN);
    Conn b = pool.borrow(OPEN);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Conn> third = executor.submit(() -> pool.borrow(OPEN));
      Thread.sleep(150);
      assertThat(third).isNotDone();

      pool.giveBack(b);

      assertThat(third.get(2, TimeUnit.SECONDS)).isSameAs(b);
      assertThat(opened).containsExactly(a, b);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void borrow_underConcurrency_neverOpensMoreThanMax() throws Exception {
    int max = 3;
    int threads = 8;
    ReaderPool pool = pool(max);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger mostInUse = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new CopyOnWriteArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            executor.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 200; i++) {
                    Conn conn = pool.borrow(OPEN);
                    mostInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                    conn.execute("SELECT 1");
                    inUse.decrementAndGet();
                    pool.giveBack(conn);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) f.get(20, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }

    assertThat(opened.size()).isLessThanOrEqualTo(max);
    assertThat(mostInUse.get()).isLessThanOrEqualTo(max);
  }

  @Test
  void giveBack_afterTheDatabaseClosed_closesTheConnection() {
    ReaderPool pool = pool(2);
    Conn idle = pool.borrow(OPEN);
    Conn borrowed = pool.borrow(OPEN);
    pool.giveBack(idle);

    closed.set(true);
    pool.closeIdle();
    assertThat(isClosed(idle)).isTrue();
    assertThat(isClosed(borrowed)).isFalse();

    pool.giveBack(borrowed);
    assertThat(isClosed(borrowed)).isTrue();
  }

  @Test
  void borrow_whenOpeningFails_doesNotUseUpASlot() {
    ReaderPool pool = pool(1);
    failNextConnects.set(1);

    assertThatThrownBy(() -> pool.borrow(OPEN))
        .isInstanceOf(EventSourcedException.class)
        .hasMessageContaining("opening a read connection");

    Conn conn = pool.borrow(OPEN); // would wait forever if the failed attempt kept its slot
    assertThat(opened).containsExactly(conn);
  }

  @Test
  void borrow_waitingWhenTheDatabaseCloses_failsInsteadOfWaitingForever() throws Exception {
    ReaderPool pool = pool(1);
    pool.borrow(OPEN);
    Runnable ensureOpen =
        () -> {
          if (closed.get()) throw new DatabaseClosedException("closed");
        };
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Conn> waiting = executor.submit(() -> pool.borrow(ensureOpen));
      Thread.sleep(50);
      closed.set(true);

      assertThatThrownBy(() -> waiting.get(2, TimeUnit.SECONDS))
          .hasCauseInstanceOf(DatabaseClosedException.class);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void borrow_interruptedWhileWaiting_failsAndKeepsTheInterrupt() throws Exception {
    ReaderPool pool = pool(1);
    pool.borrow(OPEN);
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              try {
                pool.borrow(OPEN);
              } catch (EventSourcedException e) {
                interruptKept.set(
                    Thread.currentThread().isInterrupted()
                        && e.getMessage().contains("interrupted"));
              }
            });
    waiter.start();
    Thread.sleep(50);
    waiter.interrupt();
    waiter.join(2000);

    assertThat(waiter.isAlive()).isFalse();
    assertThat(interruptKept).isTrue();
  }
}
