package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.internal.live.LiveRegistry;
import dev.eventsourced.db.live.Delta;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import dev.eventsourced.db.live.Subscription;
import dev.eventsourced.db.testing.Gc;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications of live queries: when, how often, on which thread, and their lifetime. */
class LiveQueryTest {

  private EventSourcedDb db;
  private TodoRepository todos;
  private final List<LiveUpdate<Todo>> updates = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .inMemory()
            .collections(TodoRepository.COLLECTION, ProjectRepository.COLLECTION)
            .open();
    todos = TodoRepository.of(db);
    for (int i = 0; i < 10; i++) {
      todos.insert(
          new Todo(
              "t" + i, "todo " + i, i % 2 == 0 ? Status.PENDING : Status.COMPLETE, i * 10L, i));
    }
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Query<Todo> pendingNewestFirst() {
    return todos.query().where(STATUS.eq(Status.PENDING)).orderBy(CREATED_AT.desc()).limit(3);
  }

  private static List<String> ids(List<Todo> rows) {
    return rows.stream().map(Todo::id).toList();
  }

  @Test
  void subscribe_receivesCurrentResultThenOneUpdatePerCommit() {
    LiveQuery<Todo> live = pendingNewestFirst().live();
    assertThat(ids(live.current())).containsExactly("t8", "t6", "t4");
    live.subscribe(Runnable::run, updates::add);
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).initial()).isTrue();
    assertThat(updates.get(0).delta().added()).hasSize(3);

    todos.insert(new Todo("t10", "new", Status.PENDING, 100, 1));
    assertThat(updates).hasSize(2);
    LiveUpdate<Todo> update = updates.get(1);
    assertThat(update.initial()).isFalse();
    assertThat(ids(update.rows())).containsExactly("t10", "t8", "t6");
    assertThat(update.delta().added()).extracting(Delta.Added::index).containsExactly(0);
    assertThat(update.delta().removed()).extracting(r -> r.row().id()).containsExactly("t4");
    assertThat(update.delta().applyTo(updates.get(0).rows())).isEqualTo(update.rows());
  }

  @Test
  void changeOfValue_isReportedAsChangedAndMoved() {
    LiveQuery<Todo> live = pendingNewestFirst().live();
    live.subscribe(Runnable::run, updates::add);
    todos.update("t4", draft -> draft.createdAt(1000));
    LiveUpdate<Todo> update = updates.get(1);
    assertThat(ids(update.rows())).containsExactly("t4", "t8", "t6");
    assertThat(update.delta().changed())
        .singleElement()
        .satisfies(c -> assertThat(c.from()).isEqualTo(2))
        .satisfies(c -> assertThat(c.to()).isZero())
        .satisfies(c -> assertThat(c.previous().createdAt()).isEqualTo(40));
    assertThat(update.delta().moved()).extracting(Delta.Moved::from, Delta.Moved::to).hasSize(1);
    assertThat(update.delta().added()).isEmpty();
    assertThat(update.delta().removed()).isEmpty();
  }

  @Test
  void manyMutationsInOneTransaction_notifyOnce() {
    LiveQuery<Todo> live = todos.query().where(STATUS.eq(Status.PENDING)).live();
    live.subscribe(Runnable::run, updates::add);
    db.transaction(
        () -> {
          for (int i = 20; i < 30; i++)
            todos.insert(new Todo("t" + i, "bulk", Status.PENDING, i, null));
          todos.delete("t0");
          todos.update("t2", draft -> draft.title("changed"));
        });
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).rows()).hasSize(5 + 10 - 1);
  }

  @Test
  void commitNotAffectingTheResult_notifiesNobody() {
    LiveQuery<Todo> live = pendingNewestFirst().live();
    live.subscribe(Runnable::run, updates::add);
    todos.update("t1", draft -> draft.title("completed ones are filtered out"));
    todos.insert(new Todo("old", "pending but older than the window", Status.PENDING, -5, null));
    ProjectRepository.of(db)
        .insert(new Project("p", "another collection", null, false, null, null));
    assertThat(updates).hasSize(1);
  }

  @Test
  void rollback_notifiesNobody() {
    LiveQuery<Todo> live = pendingNewestFirst().live();
    live.subscribe(Runnable::run, updates::add);
    assertThatThrownBy(
            () ->
                db.transaction(
                    () -> {
                      todos.insert(new Todo("t99", "rolled back", Status.PENDING, 999, null));
                      throw new IllegalStateException("no");
                    }))
        .hasMessage("no");
    assertThat(updates).hasSize(1);
    assertThat(ids(live.current())).containsExactly("t8", "t6", "t4");
  }

  @Test
  void subscriberException_doesNotBreakOtherSubscribersOrTheWriter() {
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      LiveQuery<Todo> live = pendingNewestFirst().live();
      live.subscribe(
          Runnable::run,
          update -> {
            if (!update.initial()) throw new IllegalStateException("subscriber bug");
          });
      live.subscribe(Runnable::run, updates::add);
      todos.insert(new Todo("t10", "new", Status.PENDING, 100, 1));
      todos.insert(new Todo("t11", "newer", Status.PENDING, 110, 1));
      assertThat(updates).hasSize(3);
      assertThat(reported).hasSize(2).allSatisfy(e -> assertThat(e).hasMessage("subscriber bug"));
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(previous);
    }
  }

  @Test
  void defaultExecutor_notifiesInOrderOnTheNotificationThread() throws InterruptedException {
    LiveQuery<Todo> live = todos.query().where(STATUS.eq(Status.PENDING)).live();
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(21);
    live.subscribe(
        update -> {
          threads.add(Thread.currentThread().getName());
          sizes.add(update.rows().size());
          done.countDown();
        });
    for (int i = 0; i < 20; i++)
      todos.insert(new Todo("n" + i, "n", Status.PENDING, 1000 + i, null));
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("eventsourced-live-"));
    List<Integer> expected = new ArrayList<>();
    for (int i = 5; i <= 25; i++) expected.add(i);
    assertThat(sizes).isEqualTo(expected);
  }

  @Test
  void executorWithSeveralThreads_keepsCommitOrderAndNeverOverlaps() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      LiveQuery<Todo> live = todos.query().live();
      List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
      AtomicReference<Thread> inside = new AtomicReference<>();
      List<String> overlaps = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(51);
      live.subscribe(
          pool,
          update -> {
            if (!inside.compareAndSet(null, Thread.currentThread())) overlaps.add("overlap");
            sizes.add(update.rows().size());
            Thread.onSpinWait();
            inside.set(null);
            done.countDown();
          });
      for (int i = 0; i < 50; i++) todos.insert(new Todo("n" + i, "n", Status.PENDING, i, null));
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(overlaps).isEmpty();
      for (int i = 0; i < sizes.size(); i++) assertThat(sizes.get(i)).isEqualTo(10 + i);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unsubscribe_stopsCallsAndCloseStopsEverything() {
    LiveQuery<Todo> live = pendingNewestFirst().live();
    Subscription first = live.subscribe(Runnable::run, updates::add);
    List<LiveUpdate<Todo>> other = new ArrayList<>();
    Subscription second = live.subscribe(Runnable::run, other::add);
    first.close();
    assertThat(first.isActive()).isFalse();
    todos.insert(new Todo("t10", "new", Status.PENDING, 100, 1));
    assertThat(updates).hasSize(1);
    assertThat(other).hasSize(2);

    live.close();
    assertThat(live.isClosed()).isTrue();
    assertThat(second.isActive()).isFalse();
    todos.insert(new Todo("t11", "newer", Status.PENDING, 110, 1));
    assertThat(other).hasSize(2);
    assertThat(ids(live.current())).containsExactly("t10", "t8", "t6");
    assertThat(TestAccess.engine(db).attachment(LiveRegistry.class, LiveRegistry::new).size())
        .isZero();
  }

  @Test
  void unreferencedLiveQuery_isGarbageCollectedAfterUnsubscribe() throws InterruptedException {
    LiveQuery<Todo> live = pendingNewestFirst().live();
    Subscription subscription = live.subscribe(Runnable::run, updates::add);
    WeakReference<LiveQuery<Todo>> ref = new WeakReference<>(live);
    live = null;
    var registry = TestAccess.engine(db).attachment(LiveRegistry.class, LiveRegistry::new);
    assertThat(Gc.collectUntil(() -> ref.get() == null, 5))
        .as("the LiveQuery object is collected")
        .isTrue();
    todos.insert(new Todo("t10", "new", Status.PENDING, 100, 1));
    assertThat(updates).as("a subscribed live query keeps working unreferenced").hasSize(2);
    assertThat(registry.size()).isEqualTo(1);

    subscription.close();
    assertThat(Gc.collectUntil(() -> registry.size() == 0, 5))
        .as("live queries held after the last unsubscribe")
        .isTrue();
    todos.insert(new Todo("t11", "newer", Status.PENDING, 110, 1));
    assertThat(updates).hasSize(2);
  }

  @Test
  void liveInsideTransaction_throwsSayingWhereToCreateIt() {
    assertThatThrownBy(() -> db.transaction(() -> pendingNewestFirst().live()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside db.transaction");
  }

  @Test
  void limitedWindow_refillsAfterRemovalsAndFollowsOffsets() {
    LiveQuery<Todo> window = todos.query().orderBy(CREATED_AT.asc()).limit(2).offset(3).live();
    assertThat(ids(window.current())).containsExactly("t3", "t4");
    db.transaction(
        () -> {
          for (int i = 0; i < 8; i++) todos.delete("t" + i);
        });
    assertThat(window.current()).isEmpty();
    todos.insert(new Todo("a", "before all", Status.PENDING, -1, null));
    todos.insert(new Todo("b", "before all", Status.PENDING, -2, null));
    assertThat(ids(window.current())).containsExactly("t9");
    todos.insert(new Todo("c", "before all", Status.PENDING, -3, null));
    assertThat(ids(window.current())).containsExactly("t8", "t9");
    assertThat(window.current())
        .isEqualTo(todos.query().orderBy(CREATED_AT.asc()).limit(2).offset(3).list());
  }

  @Test
  void limitAndOffsetNearLongMax_saturateInsteadOfOverflowing() {
    long[][] windows = {
      {Long.MAX_VALUE, 2},
      {5, Long.MAX_VALUE - 2},
      {Long.MAX_VALUE, Long.MAX_VALUE},
      {Long.MAX_VALUE - 1, 1},
      {3, Integer.MAX_VALUE + 1L},
      {Integer.MAX_VALUE, 0}
    };
    int n = 0;
    for (long[] window : windows) {
      Query<Todo> query =
          todos.query().orderBy(CREATED_AT.desc()).limit(window[0]).offset(window[1]);
      LiveQuery<Todo> live = query.live();
      assertThat(live.current()).isEqualTo(query.list());
      todos.insert(new Todo("w" + n++, "new", Status.PENDING, 55, null));
      todos.delete("t" + n);
      assertThat(live.current())
          .as("limit %d offset %d", window[0], window[1])
          .isEqualTo(query.list());
      live.close();
    }
  }

  @Test
  void closedDatabase_refusesNewLiveQueries() {
    Query<Todo> query = pendingNewestFirst();
    db.close();
    assertThatThrownBy(query::live).isInstanceOf(DatabaseClosedException.class);
  }
}
