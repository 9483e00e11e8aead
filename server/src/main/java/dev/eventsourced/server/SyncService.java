package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventRules;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * The sync protocol without HTTP: push a batch of events and get one confirmation per event, pull
 * the events after a cursor, or wait for them (long-poll). Mount it over HTTP with {@link
 * SyncHttpHandler} (framework-free) or {@link SyncServer} (Javalin on Jetty).
 *
 * <p>Thread-safe. Closing the service ends the waits it has open; it does not close the store.
 */
public final class SyncService implements AutoCloseable {

  /** Events in one push, at most. */
  public static final int MAX_BATCH = EventRules.MAX_BATCH;

  /** Page size when the client gives none. */
  public static final int DEFAULT_LIMIT = 500;

  /** Largest page size; larger limits are clamped to it. */
  public static final int MAX_LIMIT = 1000;

  /** Most collections one pull may filter on. */
  public static final int MAX_COLLECTIONS = 100;

  private final EventStore store;
  private final LongConsumer appendListener = this::onAppend;
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private final ExecutorService pullers;
  private volatile boolean closed;

  /**
   * A wait for events beyond {@code seenLastSeq}; completes with true when they came, false on
   * time-out or close.
   */
  private static final class Waiter {
    final long seenLastSeq;
    final CompletableFuture<Boolean> woken = new CompletableFuture<>();

    Waiter(long seenLastSeq) {
      this.seenLastSeq = seenLastSeq;
    }
  }

  public SyncService(EventStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("eventsourced-longpoll-timer"));
    this.pullers = Executors.newFixedThreadPool(2, daemonThreads("eventsourced-longpoll"));
    store.addAppendListener(appendListener);
  }

  /** The store this service reads and writes. */
  public EventStore store() {
    return store;
  }

  /**
   * Stores the events not stored yet and confirms every one, in order: an event whose id the server
   * already has (from an earlier push, or earlier in this batch) gets the {@code globalSeq} it got
   * the first time; its content is not compared.
   *
   * @throws InvalidRequestException when any event breaks a rule; nothing is stored then
   * @throws EventStoreException when the store fails; the push may be retried
   */
  public List<Confirmation> push(List<SyncEvent> events) {
    Objects.requireNonNull(events, "events");
    List<Rejection> problems = EventRules.validatePush(events);
    if (!problems.isEmpty()) {
      throw InvalidRequestException.badRequest("invalid events", problems);
    }
    return store.append(events);
  }

  /** Appends events the HTTP parser has already checked against every rule. */
  List<Confirmation> pushValidated(List<SyncEvent> events) {
    return store.append(events);
  }

  /**
   * The events after {@code since}, at most {@code limit} (clamped to 1..{@value #MAX_LIMIT}), only
   * of {@code collections} unless it is empty.
   *
   * @throws InvalidRequestException when {@code since} is negative or a collection name is invalid
   */
  public PullResult pull(long since, int limit, Set<String> collections) {
    Set<String> filter = checkPull(since, collections);
    int pageSize = Math.max(1, Math.min(MAX_LIMIT, limit));
    List<SyncEvent> rows = store.read(since, pageSize + 1, filter);
    boolean hasMore = rows.size() > pageSize;
    List<SyncEvent> events = hasMore ? rows.subList(0, pageSize) : rows;
    long cursor = events.isEmpty() ? since : events.get(events.size() - 1).globalSeq();
    PullResult page = new PullResult(events, cursor, hasMore);
    // Read after the query, so head >= cursor; a filtered pull would count other collections.
    return filter.isEmpty() ? page.withHead(Math.max(cursor, store.lastSeq())) : page;
  }

  /**
   * Like {@link #pull(long, int, Set)}, but when there is nothing to return yet, waits up to {@code
   * maxWait} for matching events and answers as soon as they are committed (by this server, or with
   * PostgreSQL by any server on the same database). After {@code maxWait} the future completes with
   * an empty page whose cursor is {@code since}.
   */
  public CompletableFuture<PullResult> pull(
      long since, int limit, Set<String> collections, Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    Set<String> filter = checkPull(since, collections);
    long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
    try {
      return attempt(since, limit, filter, deadline);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<PullResult> attempt(
      long since, int limit, Set<String> collections, long deadline) {
    long seen = store.lastSeq(); // read before the query: anything up to it is visible to the query
    PullResult page = pull(since, limit, collections);
    long remaining = deadline - System.nanoTime();
    if (!page.events().isEmpty() || remaining <= 0 || closed) {
      return CompletableFuture.completedFuture(page);
    }
    Waiter waiter = new Waiter(seen);
    waiters.add(waiter);
    if (store.lastSeq() > seen || closed) {
      wake(waiter, !closed); // committed between the query and registering: do not sleep through it
    }
    ScheduledFuture<?> timeout;
    try {
      timeout = timer.schedule(() -> wake(waiter, false), remaining, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      wake(waiter, false);
      return CompletableFuture.completedFuture(page);
    }
    return waiter.woken.thenComposeAsync(
        newEvents -> {
          timeout.cancel(false);
          return newEvents
              ? attempt(since, limit, collections, deadline)
              : CompletableFuture.completedFuture(page);
        },
        this::runPuller);
  }

  /** Runs a woken pull on the pullers, or right here once they are shut down (closing). */
  private void runPuller(Runnable task) {
    try {
      pullers.execute(task);
    } catch (RejectedExecutionException closing) {
      task.run();
    }
  }

  private void onAppend(long lastSeq) {
    for (Waiter waiter : waiters) {
      if (waiter.seenLastSeq < lastSeq) {
        wake(waiter, true);
      }
    }
  }

  private void wake(Waiter waiter, boolean newEvents) {
    if (waiters.remove(waiter)) {
      waiter.woken.complete(newEvents);
    }
  }

  private static Set<String> checkPull(long since, Set<String> collections) {
    Objects.requireNonNull(collections, "collections");
    List<Rejection> problems = new ArrayList<>();
    if (since < 0) {
      problems.add(
          Rejection.ofRequest(
              "since", "must be a non-negative integer (0 or a globalSeq), got " + since));
    }
    if (collections.size() > MAX_COLLECTIONS) {
      problems.add(
          Rejection.ofRequest(
              "collection",
              "at most " + MAX_COLLECTIONS + " collections per pull, got " + collections.size()));
    }
    for (String collection : collections) {
      String problem =
          collection == null
              ? "must be a non-empty string, got null"
              : EventRules.nameProblem(collection);
      if (problem != null) {
        problems.add(Rejection.ofRequest("collection", problem));
      }
    }
    if (!problems.isEmpty()) {
      throw InvalidRequestException.badRequest("invalid pull", problems);
    }
    return new LinkedHashSet<>(collections);
  }

  /** Number of pulls waiting for events right now. */
  public int waitingPulls() {
    return waiters.size();
  }

  /** Ends every open wait (each answers with an empty page) and stops the service's threads. */
  @Override
  public void close() {
    closed = true;
    store.removeAppendListener(appendListener);
    for (Waiter waiter : waiters) {
      wake(waiter, false);
    }
    timer.shutdownNow();
    pullers.shutdown();
    try {
      pullers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
