package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.Subscription;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic sync: the database pushes and pulls by itself, backs off, pauses on bad credentials.
 */
class AutoSyncTest {

  @TempDir Path dir;
  private final MemoryBackend backend = new MemoryBackend();
  private final List<EventSourcedDb> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(EventSourcedDb::close);
  }

  private EventSourcedDb open(String name, SyncTransport transport) {
    EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve(name + ".sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(transport)
            .syncBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .open();
    opened.add(db);
    return db;
  }

  private static Todo todo(String id) {
    return new Todo(id, "t " + id, Status.PENDING, 1, null);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
      Thread.sleep(5);
    }
  }

  /** A transport over the backend whose calls can be made to fail, counting them. */
  static class Switchable implements SyncTransport {
    final SyncTransport backend;
    volatile int failWithStatus = -1; // -1: works; 0: unreachable; else the HTTP status
    volatile int failuresLeft = Integer.MAX_VALUE;
    final AtomicInteger pushes = new AtomicInteger();
    final List<Long> callTimes = new CopyOnWriteArrayList<>();
    volatile long pushDelayMillis;

    Switchable(SyncTransport backend) {
      this.backend = backend;
    }

    private void maybeFail() {
      callTimes.add(System.nanoTime());
      int status = failWithStatus;
      if (status >= 0 && failuresLeft > 0) {
        failuresLeft--;
        throw new SyncException("failing with " + status, status, null);
      }
    }

    @Override
    public PushResult push(List<SyncEvent> events) {
      maybeFail();
      pushes.incrementAndGet();
      if (pushDelayMillis > 0) {
        try {
          Thread.sleep(pushDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return backend.push(events);
    }

    @Override
    public PullResult pull(long since, int limit) {
      maybeFail();
      return backend.pull(since, limit);
    }

    @Override
    public PullResult poll(long since, int limit, Duration wait) {
      if (failWithStatus >= 0 && failuresLeft > 0) {
        throw new SyncException("failing", failWithStatus, null);
      }
      return backend.poll(since, limit, wait);
    }
  }

  @Test
  void writes_reachOtherDevicesLiveQueries_withoutAnySyncCall() throws Exception {
    EventSourcedDb phone = open("phone", new Switchable(backend));
    EventSourcedDb laptop = open("laptop", new Switchable(backend));
    LiveQuery<Todo> onLaptop = TodoRepository.of(laptop).query().live();

    TodoRepository.of(phone).insert(todo("a"));
    TodoRepository.of(phone).update("a", d -> d.title("edited"));

    await(
        "the laptop's live query shows the edit",
        () -> onLaptop.current().size() == 1 && onLaptop.current().get(0).title().equals("edited"));
    await("the phone's outbox empties", () -> phone.eventLog().pendingCount() == 0);
    assertThat(backend.log()).hasSize(2);
    assertThat(phone.awaitSynced(Duration.ofSeconds(5))).isTrue();
    assertThat(phone.syncState().current().isSynced()).isTrue();
  }

  @Test
  void serverNews_areAppliedFromTheLongPoll_withoutAnotherPullOrAPollingLoop() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    AtomicInteger pulls = new AtomicInteger();
    SyncTransport slowPulls =
        new Switchable(backend) {
          @Override
          public PullResult pull(long since, int limit) {
            pulls.incrementAndGet();
            try {
              Thread.sleep(150); // a slow network: the round takes a while
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.pull(since, limit);
          }

          @Override
          public PullResult poll(long since, int limit, Duration wait) {
            polls.incrementAndGet();
            return super.poll(since, limit, wait);
          }
        };
    EventSourcedDb laptop = open("laptop", slowPulls);
    assertThat(laptop.awaitSynced(Duration.ofSeconds(5))).isTrue();
    EventSourcedDb phone = open("phone", new Switchable(backend));
    int before = polls.get();
    int pullsBefore = pulls.get();

    TodoRepository.of(phone).insert(todo("a"));

    await("the laptop has it", () -> TodoRepository.of(laptop).find("a").isPresent());
    Thread.sleep(100);
    assertThat(polls.get() - before)
        .as("one poll brought it, one waits for the next: no polling loop")
        .isLessThanOrEqualTo(3);
    assertThat(pulls.get() - pullsBefore)
        .as("the long-polled page is applied as it came, not pulled again")
        .isZero();
    assertThat(laptop.syncState().current().cursor()).isEqualTo(1);
  }

  @Test
  void explicitSync_countsWhatAutomaticRoundsDidSinceTheLastCall() throws Exception {
    EventSourcedDb phone = open("phone", new Switchable(backend));
    EventSourcedDb laptop = open("laptop", new Switchable(backend));
    for (int i = 0; i < 3; i++) TodoRepository.of(phone).insert(todo("p" + i));
    await("pushed by automatic sync", () -> backend.log().size() == 3);
    await("pulled by automatic sync", () -> TodoRepository.of(laptop).count() == 3);

    assertThat(phone.sync().pushed()).isEqualTo(3);
    assertThat(laptop.sync().pulled()).isEqualTo(3);
    assertThat(phone.sync().pushed()).as("counted once").isZero();
    assertThat(laptop.sync().pulled()).isZero();
  }

  @Test
  void transportFailures_areRetriedWithBackoff_withoutANewWrite_andNotHammered() throws Exception {
    Switchable link = new Switchable(backend);
    link.failWithStatus = 0;
    link.failuresLeft = 5;
    EventSourcedDb phone = open("phone", link);
    List<SyncState.Status> seen = new CopyOnWriteArrayList<>();
    phone.syncState().subscribe(Runnable::run, state -> seen.add(state.status()));

    TodoRepository.of(phone).insert(todo("a"));

    await("pushed after the failures", () -> backend.log().size() == 1);
    assertThat(seen).contains(SyncState.Status.OFFLINE);
    await("idle again", () -> phone.syncState().current().status() == SyncState.Status.IDLE);
    assertThat(phone.syncState().current().lastError()).isNull();
    assertThat(phone.syncState().current().lastSyncedAt()).isNotNull();
    // 5 failures with a 20..200 ms capped backoff: a handful of calls, not a busy loop.
    assertThat(link.callTimes.size()).isBetween(6, 20);
  }

  @Test
  void serverErrors_areReportedAsError_andBackedOff() throws Exception {
    Switchable link = new Switchable(backend);
    link.failWithStatus = 503;
    EventSourcedDb phone = open("phone", link);
    TodoRepository.of(phone).insert(todo("a"));

    await("error state", () -> phone.syncState().current().status() == SyncState.Status.ERROR);
    int calls = link.callTimes.size();
    Thread.sleep(300);
    assertThat(link.callTimes.size() - calls)
        .as("backed off: at most one call per 20..200 ms window")
        .isLessThan(20);
    assertThat(phone.syncState().current().lastError()).contains("503");
    assertThat(phone.syncState().current().pending()).isEqualTo(1);

    link.failWithStatus = -1;
    assertThat(phone.awaitSynced(Duration.ofSeconds(5))).isTrue();
    assertThat(backend.log()).hasSize(1);
  }

  @Test
  void refusedCredentials_pauseSync_keepTheOutbox_andResumeWhenTheAppSaysSo() throws Exception {
    Switchable link = new Switchable(backend);
    link.failWithStatus = 401;
    EventSourcedDb phone = open("phone", link);
    TodoRepository.of(phone).insert(todo("a"));

    await(
        "unauthorized",
        () -> phone.syncState().current().status() == SyncState.Status.UNAUTHORIZED);
    int calls = link.callTimes.size();
    TodoRepository.of(phone).insert(todo("b"));
    Thread.sleep(300);
    assertThat(link.callTimes.size()).as("no retry loop while unauthorized").isEqualTo(calls);
    assertThat(phone.eventLog().pendingCount()).isEqualTo(2);
    assertThat(phone.syncState().current().status()).isEqualTo(SyncState.Status.UNAUTHORIZED);

    link.failWithStatus = -1; // the app logged in again
    phone.resumeSync();

    await("both pushed", () -> backend.log().size() == 2);
    assertThat(phone.awaitSynced(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void close_duringAPush_losesNothing_andPushesNothingTwice() throws Exception {
    Switchable link = new Switchable(backend);
    link.pushDelayMillis = 300;
    EventSourcedDb phone = open("phone", link);
    TodoRepository.of(phone).insert(todo("a"));
    await("push in flight", () -> link.pushes.get() == 1);

    phone.close();

    Switchable again = new Switchable(backend);
    EventSourcedDb reopened = open("phone", again);
    TodoRepository.of(reopened).insert(todo("b"));
    assertThat(reopened.awaitSynced(Duration.ofSeconds(5))).isTrue();
    assertThat(backend.log()).extracting(SyncEvent::key).containsExactly("a", "b");
    assertThat(reopened.eventLog().pendingCount()).isZero();
    assertThat(reopened.syncState().current().status()).isEqualTo(SyncState.Status.IDLE);
  }

  @Test
  void state_saysHowFarBehindTheServerTheDeviceIs() throws Exception {
    for (int i = 0; i < 5; i++) {
      backend.appendForeign("todos", EventType.INSERT, "k" + i, "{\"createdAt\":1}", null);
    }
    Switchable link = new Switchable(backend);
    EventSourcedDb phone =
        EventSourcedDb.builder()
            .path(dir.resolve("phone.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(link)
            .autoSync(false)
            .pullLimit(2)
            .open();
    opened.add(phone);
    // The first page gets through; the next pull fails.
    SyncTransport firstPageOnly =
        new SyncTransport() {
          int pulls;

          @Override
          public PushResult push(List<SyncEvent> events) {
            return backend.push(events);
          }

          @Override
          public PullResult pull(long since, int limit) {
            if (pulls++ > 0) throw new SyncException("cut off", null);
            return backend.pull(since, limit);
          }
        };
    EventSourcedDb tablet =
        EventSourcedDb.builder()
            .path(dir.resolve("tablet.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(firstPageOnly)
            .autoSync(false)
            .pullLimit(2)
            .open();
    opened.add(tablet);

    assertThat(tablet.sync().ok()).isFalse();
    assertThat(tablet.syncState().current().cursor()).isEqualTo(2);
    assertThat(tablet.syncState().current().behind()).isEqualTo(3);
    assertThat(tablet.syncState().current().status()).isEqualTo(SyncState.Status.OFFLINE);

    assertThat(phone.sync().ok()).isTrue();
    assertThat(phone.syncState().current().behind()).isZero();
    assertThat(phone.syncState().current().cursor()).isEqualTo(5);
    assertThat(phone.syncState().current().isSynced()).isTrue();
  }

  @Test
  void state_isALiveValue_withAPublisher_andStopsOnClose() throws Exception {
    EventSourcedDb phone = open("phone", new Switchable(backend));
    List<SyncState> received = new CopyOnWriteArrayList<>();
    AtomicInteger completed = new AtomicInteger();
    phone
        .syncState()
        .publisher()
        .subscribe(
            new java.util.concurrent.Flow.Subscriber<>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(SyncState item) {
                received.add(item);
              }

              @Override
              public void onError(Throwable throwable) {}

              @Override
              public void onComplete() {
                completed.incrementAndGet();
              }
            });
    Subscription subscription = phone.syncState().subscribe(state -> {});
    TodoRepository.of(phone).insert(todo("a"));
    assertThat(phone.awaitSynced(Duration.ofSeconds(5))).isTrue();
    await(
        "an idle state with nothing pending",
        () -> received.stream().anyMatch(SyncState::isSynced));

    phone.close();

    await("publisher completed", () -> completed.get() == 1);
    assertThat(received.get(received.size() - 1).status()).isEqualTo(SyncState.Status.STOPPED);
    assertThat(subscription.isActive()).isTrue(); // callbacks just stop receiving
  }
}
