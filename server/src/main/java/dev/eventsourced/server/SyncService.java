package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventRules;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

  /** Default bound of a page's payload bytes: 4 MiB. */
  public static final long DEFAULT_MAX_PAGE_BYTES = 4L * 1024 * 1024;

  /** Woken waiters answered by one task; larger groups are answered by several pullers. */
  private static final int ANSWER_SLICE = 100;

  /** Threads that read pages for woken pulls and answer them. */
  private static final int PULLERS = 4;

  private final EventStore store;
  private final long maxPageBytes;
  private final EventStore.CommitListener commitListener = this::onCommit;

  /** Waiting pulls without a collection filter: every commit concerns them. */
  private final Set<Waiter> unfiltered = ConcurrentHashMap.newKeySet();

  /** Waiting pulls with a filter, under each collection of their filter. */
  private final ConcurrentHashMap<String, Set<Waiter>> byCollection = new ConcurrentHashMap<>();

  private final AtomicInteger waiting = new AtomicInteger();
  private final ScheduledExecutorService timer;
  private final ExecutorService pullers;
  private volatile boolean closed;

  /**
   * A pull waiting for events beyond {@code seenLastSeq} that match its filter. It is registered in
   * the index until it is woken (by a commit that concerns it), times out or the service closes;
   * whoever removes it from the index completes it.
   */
  private static final class Waiter {
    final PullKey key;
    final long seenLastSeq;
    final PullResult emptyPage;
    final long deadline;
    final CompletableFuture<PullResult> result;
    final AtomicBoolean registered = new AtomicBoolean(true);
    volatile ScheduledFuture<?> timeout;

    Waiter(
        PullKey key,
        long seenLastSeq,
        PullResult emptyPage,
        long deadline,
        CompletableFuture<PullResult> result) {
      this.key = key;
      this.seenLastSeq = seenLastSeq;
      this.emptyPage = emptyPage;
      this.deadline = deadline;
      this.result = result;
    }
  }

  /** What a pull asks for; woken waiters with the same key share one read of the store. */
  private record PullKey(long since, int limit, Set<String> collections) {}

  /** A service with pages bounded to {@value #DEFAULT_MAX_PAGE_BYTES} payload bytes. */
  public SyncService(EventStore store) {
    this(store, DEFAULT_MAX_PAGE_BYTES);
  }

  /**
   * @param maxPageBytes a page ends with the event whose payload brings the page's payload bytes to
   *     this bound (an event larger than the bound goes out alone)
   */
  public SyncService(EventStore store, long maxPageBytes) {
    this.store = Objects.requireNonNull(store, "store");
    if (maxPageBytes < 1) {
      throw new ServerConfigException(
          "the page byte bound must be at least 1 byte, got " + maxPageBytes);
    }
    this.maxPageBytes = maxPageBytes;
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, daemonThreads("eventsourced-longpoll-timer"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
    this.pullers = Executors.newFixedThreadPool(PULLERS, daemonThreads("eventsourced-longpoll"));
    store.addAppendListener(commitListener);
  }

  /** The store this service reads and writes. */
  public EventStore store() {
    return store;
  }

  /** The bound of a page's payload bytes. */
  public long maxPageBytes() {
    return maxPageBytes;
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
   * of {@code collections} unless it is empty. The page also ends with the event whose payload
   * brings its payload bytes to {@link #maxPageBytes()}; {@code hasMore} then says whether events
   * may remain (true unless the page reaches the head).
   *
   * @throws InvalidRequestException when {@code since} is negative or a collection name is invalid
   */
  public PullResult pull(long since, int limit, Set<String> collections) {
    Set<String> filter = checkPull(since, collections);
    return read(new PullKey(since, Math.max(1, Math.min(MAX_LIMIT, limit)), filter));
  }

  private PullResult read(PullKey key) {
    int pageSize = key.limit();
    long since = key.since();
    List<SyncEvent> rows = store.read(since, pageSize + 1, key.collections(), maxPageBytes);
    boolean hasMore = rows.size() > pageSize;
    List<SyncEvent> events = hasMore ? rows.subList(0, pageSize) : rows;
    long cursor = events.isEmpty() ? since : events.get(events.size() - 1).globalSeq();
    // Read after the query, so head >= cursor; a filtered pull would count other collections.
    long head = Math.max(cursor, store.lastSeq());
    if (!hasMore && rows.size() < pageSize + 1 && !events.isEmpty()) {
      long bytes = 0;
      for (SyncEvent event : events) {
        bytes += EventStore.payloadBytes(event.payload());
      }
      // cut by bytes: more may remain, unless the page reached the head
      hasMore = bytes >= maxPageBytes && cursor < head;
    }
    PullResult page = new PullResult(events, cursor, hasMore);
    return key.collections().isEmpty() ? page.withHead(head) : page;
  }

  /**
   * Like {@link #pull(long, int, Set)}, but when there is nothing to return yet, waits up to {@code
   * maxWait} for matching events and answers as soon as they are committed (by this server, or with
   * PostgreSQL by any server on the same database). After {@code maxWait} the future completes with
   * an empty page whose cursor is {@code since}. A waiting pull holds no thread; it is woken only
   * by commits of the collections it filters on (any commit when it has no filter).
   */
  public CompletableFuture<PullResult> pull(
      long since, int limit, Set<String> collections, Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    Set<String> filter = checkPull(since, collections);
    long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
    PullKey key = new PullKey(since, Math.max(1, Math.min(MAX_LIMIT, limit)), filter);
    CompletableFuture<PullResult> result = new CompletableFuture<>();
    try {
      attempt(key, deadline, result);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Reads the page; answers with it when it has events, else waits for a commit. */
  private void attempt(PullKey key, long deadline, CompletableFuture<PullResult> result) {
    long seen = store.lastSeq(); // read before the query: anything up to it is visible to the query
    PullResult page = read(key);
    answerOrWait(key, deadline, result, seen, page);
  }

  private void answerOrWait(
      PullKey key,
      long deadline,
      CompletableFuture<PullResult> result,
      long seen,
      PullResult page) {
    long remaining = deadline - System.nanoTime();
    if (!page.events().isEmpty() || remaining <= 0 || closed) {
      result.complete(page);
      return;
    }
    Waiter waiter = new Waiter(key, seen, page, deadline, result);
    register(waiter);
    try {
      waiter.timeout = timer.schedule(() -> timeOut(waiter), remaining, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      timeOut(waiter);
      return;
    }
    if (store.lastSeq() > seen || closed) {
      // committed between the query and registering: do not sleep through it
      if (closed) {
        timeOut(waiter);
      } else if (unregister(waiter)) {
        runPuller(() -> retry(List.of(waiter)));
      }
    }
  }

  private void register(Waiter waiter) {
    waiting.incrementAndGet();
    Set<String> collections = waiter.key.collections();
    if (collections.isEmpty()) {
      unfiltered.add(waiter);
    } else {
      for (String collection : collections) {
        byCollection.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()).add(waiter);
      }
    }
  }

  /** Takes the waiter out of the index; true for the one caller that may complete it. */
  private boolean unregister(Waiter waiter) {
    if (!waiter.registered.compareAndSet(true, false)) {
      return false;
    }
    waiting.decrementAndGet();
    ScheduledFuture<?> timeout = waiter.timeout;
    if (timeout != null) {
      timeout.cancel(false);
    }
    Set<String> collections = waiter.key.collections();
    if (collections.isEmpty()) {
      unfiltered.remove(waiter);
    } else {
      for (String collection : collections) {
        byCollection.computeIfPresent(
            collection, (c, set) -> set.remove(waiter) && set.isEmpty() ? null : set);
      }
    }
    return true;
  }

  private void timeOut(Waiter waiter) {
    if (unregister(waiter)) {
      waiter.result.complete(waiter.emptyPage);
    }
  }

  /**
   * A commit up to {@code lastSeq} of {@code collections} ({@code null}: unknown): wakes the
   * waiters it concerns, which share one read per distinct pull.
   */
  private void onCommit(long lastSeq, Set<String> collections) {
    if (waiting.get() > 0) {
      // off the store's writer thread: the push that committed need not wait for the wake-ups
      runPuller(() -> wake(lastSeq, collections));
    }
  }

  private void wake(long lastSeq, Set<String> collections) {
    List<Waiter> woken = new ArrayList<>();
    collect(unfiltered, lastSeq, woken);
    if (collections == null) {
      for (Set<Waiter> set : byCollection.values()) {
        collect(set, lastSeq, woken);
      }
    } else {
      for (String collection : collections) {
        Set<Waiter> set = byCollection.get(collection);
        if (set != null) {
          collect(set, lastSeq, woken);
        }
      }
    }
    if (woken.isEmpty()) {
      return;
    }
    Map<PullKey, List<Waiter>> groups = new HashMap<>();
    for (Waiter waiter : woken) {
      groups.computeIfAbsent(waiter.key, k -> new ArrayList<>()).add(waiter);
    }
    for (List<Waiter> group : groups.values()) {
      runPuller(() -> retry(group));
    }
  }

  private void collect(Set<Waiter> set, long lastSeq, List<Waiter> woken) {
    for (Waiter waiter : set) {
      if (waiter.seenLastSeq < lastSeq && unregister(waiter)) {
        woken.add(waiter);
      }
    }
  }

  /** Reads the page once for woken waiters of one pull, and answers or re-registers each. */
  private void retry(List<Waiter> group) {
    PullKey key = group.get(0).key;
    long seen;
    PullResult page;
    try {
      seen = store.lastSeq();
      page = read(key);
    } catch (RuntimeException e) {
      for (Waiter waiter : group) {
        waiter.result.completeExceptionally(e);
      }
      return;
    }
    // answering is writing a response; spread large groups over the pullers
    for (int from = 0; from < group.size(); from += ANSWER_SLICE) {
      List<Waiter> slice = group.subList(from, Math.min(group.size(), from + ANSWER_SLICE));
      Runnable answer =
          () -> {
            for (Waiter waiter : slice) {
              answerOrWait(
                  key,
                  waiter.deadline,
                  waiter.result,
                  seen,
                  page.events().isEmpty() ? waiter.emptyPage : page);
            }
          };
      if (from + ANSWER_SLICE >= group.size()) {
        answer.run();
      } else {
        runPuller(answer);
      }
    }
  }

  /** Runs a woken pull on the pullers, or right here once they are shut down (closing). */
  private void runPuller(Runnable task) {
    try {
      pullers.execute(task);
    } catch (RejectedExecutionException closing) {
      task.run();
    }
  }

  static Set<String> checkPull(long since, Set<String> collections) {
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

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /** Number of pulls waiting for events right now. */
  public int waitingPulls() {
    return waiting.get();
  }

  /** Ends every open wait (each answers with an empty page) and stops the service's threads. */
  @Override
  public void close() {
    closed = true;
    store.removeAppendListener(commitListener);
    for (Waiter waiter : unfiltered) {
      timeOut(waiter);
    }
    for (Set<Waiter> set : byCollection.values()) {
      for (Waiter waiter : set) {
        timeOut(waiter);
      }
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
