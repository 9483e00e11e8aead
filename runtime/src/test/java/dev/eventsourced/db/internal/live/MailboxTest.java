package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscribers' mailboxes: order, one call at a time, failures reported, Flow demand and conflation.
 */
class MailboxTest {

  private EventSourcedDb db;
  private LiveRegistry registry;
  private final TestNode node = new TestNode("todos");
  private final List<Throwable> reported = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previousHandler;

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    registry = TestAccess.engine(db).attachment(LiveRegistry.class, LiveRegistry::new);
    node.next = List.of("0");
    node.load();
    previousHandler = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> reported.add(e));
  }

  @AfterEach
  void close() {
    Thread.currentThread().setUncaughtExceptionHandler(previousHandler);
    db.close();
  }

  private void commit(String... rows) {
    node.next = List.of(rows);
    node.commitAndQueue(Map.of("todos", List.of()), new ArrayList<>());
    node.scheduleAll();
  }

  @Test
  void severalThreads_deliverInCommitOrder_oneCallAtATime() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<String> seen = new CopyOnWriteArrayList<>();
      AtomicInteger inside = new AtomicInteger();
      List<String> overlaps = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(201);
      new ConsumerMailbox<String>(
              pool,
              update -> {
                if (inside.incrementAndGet() != 1) overlaps.add("overlap");
                seen.add(update.rows().get(0));
                inside.decrementAndGet();
                done.countDown();
              })
          .attach(node, registry);
      for (int i = 1; i <= 200; i++) commit(Integer.toString(i));
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(overlaps).isEmpty();
      for (int i = 0; i <= 200; i++) assertThat(seen.get(i)).isEqualTo(Integer.toString(i));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void throwingSubscriber_isReportedOnItsThread_andGetsLaterUpdates() {
    List<String> seen = new ArrayList<>();
    new ConsumerMailbox<String>(
            Runnable::run,
            update -> {
              seen.add(update.rows().get(0));
              if (seen.size() == 2) throw new IllegalStateException("subscriber bug");
            })
        .attach(node, registry);
    commit("1");
    commit("2");
    assertThat(seen).containsExactly("0", "1", "2");
    assertThat(reported).singleElement().satisfies(e -> assertThat(e).hasMessage("subscriber bug"));
  }

  @Test
  void executorRefusingWork_isReported_andTheNextCommitTriesAgain() {
    AtomicInteger refusals = new AtomicInteger(1);
    List<String> seen = new ArrayList<>();
    new ConsumerMailbox<String>(
            task -> {
              if (refusals.getAndDecrement() > 0) throw new RejectedExecutionException("full");
              task.run();
            },
            update -> seen.add(update.rows().get(0)))
        .attach(node, registry);
    assertThat(reported).singleElement().satisfies(e -> assertThat(e).hasMessage("full"));
    commit("1");
    assertThat(seen).containsExactly("0", "1");
  }

  @Test
  void closedSubscription_getsNothingMore() {
    List<LiveUpdate<String>> seen = new ArrayList<>();
    ConsumerMailbox<String> mailbox = new ConsumerMailbox<>(Runnable::run, seen::add);
    mailbox.attach(node, registry);
    mailbox.close();
    commit("1");
    assertThat(seen).hasSize(1);
    assertThat(mailbox.isActive()).isFalse();
  }

  /** Records a Flow subscriber's signals. */
  private static class Recorder implements Flow.Subscriber<List<String>> {
    final List<String> signals = new ArrayList<>();
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      signals.add("subscribe");
    }

    @Override
    public void onNext(List<String> rows) {
      signals.add("next " + String.join(",", rows));
    }

    @Override
    public void onError(Throwable e) {
      signals.add("error");
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  @Test
  void flowSubscriber_getsResultsOnDemand_conflated_thenCompletion() {
    Recorder recorder = new Recorder();
    new FlowMailbox<String>(Runnable::run, recorder).attach(node, registry);
    assertThat(recorder.signals).containsExactly("subscribe");
    recorder.subscription.request(1);
    commit("1");
    commit("2");
    assertThat(recorder.signals).containsExactly("subscribe", "next 0");
    recorder.subscription.request(5);
    commit("3");
    assertThat(recorder.signals).containsExactly("subscribe", "next 0", "next 2", "next 3");
    node.close(registry);
    assertThat(recorder.signals).endsWith("complete");
  }

  @Test
  void flowSubscriber_requestingZero_getsAnError_andNothingMore() {
    Recorder recorder = new Recorder();
    new FlowMailbox<String>(Runnable::run, recorder).attach(node, registry);
    recorder.subscription.request(0);
    commit("1");
    recorder.subscription.request(1);
    assertThat(recorder.signals).containsExactly("subscribe", "error");
  }

  @Test
  void flowSubscriber_throwingFromOnNext_isCancelledAndReported() {
    Recorder recorder =
        new Recorder() {
          @Override
          public void onNext(List<String> rows) {
            super.onNext(rows);
            throw new IllegalStateException("onNext bug");
          }
        };
    new FlowMailbox<String>(Runnable::run, recorder).attach(node, registry);
    recorder.subscription.request(Long.MAX_VALUE);
    commit("1");
    assertThat(recorder.signals).containsExactly("subscribe", "next 0");
    assertThat(reported).singleElement().satisfies(e -> assertThat(e).hasMessage("onNext bug"));
  }
}
