package dev.eventsourced.db.internal;

import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.live.LiveValue;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncResult.NewerEvent;
import dev.eventsourced.db.sync.SyncResult.SyncError;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.db.sync.SyncState.Status;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Syncs a database by itself: a round (push, then pull) a few milliseconds after each local commit,
 * as soon as the server announces new events (a long-poll on its own thread), and on a slow
 * periodic interval; failures are retried with exponential backoff and full jitter, capped; two
 * refusals of the credentials in a row park sync as {@link Status#UNAUTHORIZED} until the app
 * resumes it. The state is published as a {@link LiveValue}.
 *
 * <p>Rounds run on one worker thread, through {@link SyncEngine#sync()} like an explicit sync, so
 * they never overlap one. Closing waits for a round in progress: a push either completes or its
 * events stay pending for the next start, which the server answers idempotently.
 */
public final class AutoSync implements AutoCloseable {

  private static final Logger LOG = System.getLogger("dev.eventsourced.db.sync");
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final long NEVER = Long.MAX_VALUE;

  private final Engine engine;
  private final SyncEngine sync;
  private final SyncTransport transport;
  private final AutoSyncConfig config;
  private final LiveCell<SyncState> state;
  private final Object lock = new Object();

  // Guarded by lock.
  private long dueNanos = NEVER;
  private boolean closed;
  private boolean unauthorized;
  private int failures;
  private long completedRounds;
  private long behind = -1;
  private String lastError;
  private Instant lastSyncedAt;
  private Status status = Status.IDLE;

  private Thread worker;
  private Thread poller;
  private int pollFailures; // the poller's own

  // What automatic rounds did since the last explicit sync; guarded by lock.
  private int carriedPushed;
  private int carriedPulled;
  private int carriedRejected;
  private final List<NewerEvent> carriedNewer = new ArrayList<>();
  // The last rounds, oldest first, at most KEPT_ROUNDS; guarded by lock.
  private final ArrayDeque<SyncRound> rounds = new ArrayDeque<>();
  private static final int KEPT_ROUNDS = 50;
  private volatile boolean leader;
  private boolean followed; // the worker's: whether another process led before this one
  private final SyncLeadership leadership;
  private long dataVersion = -1; // the worker's: commits by other processes on the file

  /** How often a follower tries to take over, and the leader looks for other processes' commits. */
  private static final long WATCH_MILLIS = 100;

  public AutoSync(Engine engine, SyncEngine sync, SyncTransport transport, AutoSyncConfig config) {
    this.engine = engine;
    this.sync = sync;
    this.transport = transport;
    this.config = config;
    this.leadership = SyncLeadership.of(engine.config().path());
    this.leader = leadership == null;
    this.state = new LiveCell<>(snapshot(Status.IDLE), "eventsourced-sync-state");
  }

  /** The published state. */
  public LiveValue<SyncState> state() {
    return state;
  }

  /** Starts the worker and the long-poll; the first round runs at once. */
  public void start() {
    // Try the lead now, so that a call right after open (awaitSynced) knows whether it leads.
    if (leadership != null && leadership.tryAcquire()) leader = true;
    synchronized (lock) {
      int n = THREADS.incrementAndGet();
      worker = daemon(this::runRounds, "eventsourced-sync-" + n);
      poller = daemon(this::pollServer, "eventsourced-sync-poll-" + n);
      dueNanos = System.nanoTime();
    }
    worker.start();
    poller.start();
    LOG.log(Level.DEBUG, "automatic sync started for {0}", engine.config().path());
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * A local commit wrote events: push them soon (unless backing off or waiting for credentials).
   */
  public void localCommit() {
    synchronized (lock) {
      if (failures > 0 || unauthorized || worker == null) return;
      scheduleLocked(System.nanoTime() + config.debounce().toNanos());
    }
  }

  /** Runs a round now, and resumes after {@link Status#UNAUTHORIZED} or a backoff. */
  public void resume() {
    synchronized (lock) {
      unauthorized = false;
      failures = 0;
      scheduleLocked(System.nanoTime());
    }
  }

  /**
   * Waits until a round that started after this call ended with nothing pending and nothing left to
   * pull, running one now.
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!leader) {
      // Another process syncs this file and pulls into it: wait for it to have pushed everything.
      while (engine.eventLog().pendingCount() > 0) {
        if (System.nanoTime() > deadline || isClosed()) return false;
        Thread.sleep(WATCH_MILLIS / 2);
      }
      return true;
    }
    synchronized (lock) {
      long after = completedRounds + (status == Status.SYNCING ? 1 : 0);
      if (!unauthorized) scheduleLocked(System.nanoTime());
      while (true) {
        if (closed) return false;
        if (completedRounds > after && state.current().isSynced()) return true;
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /** Moves the next round to {@code at} unless one is due sooner; wakes the waiting threads. */
  private void scheduleLocked(long at) {
    if (closed) return;
    if (at < dueNanos) dueNanos = at;
    lock.notifyAll();
  }

  private void runRounds() {
    try {
      while (true) {
        if (!leader && !lead()) {
          if (!pause(WATCH_MILLIS * 2)) return;
          continue;
        }
        boolean run;
        synchronized (lock) {
          if (closed) return;
          long now = System.nanoTime();
          run = !unauthorized && now >= dueNanos;
          if (run) {
            dueNanos = NEVER;
            status = Status.SYNCING;
            publishLocked();
          } else {
            long watch = TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
            long wait = unauthorized || dueNanos == NEVER ? watch : Math.min(watch, dueNanos - now);
            try {
              TimeUnit.NANOSECONDS.timedWait(lock, Math.max(wait, 1));
            } catch (InterruptedException e) {
              if (closed) return;
            }
          }
        }
        if (run) round();
        else watchOtherProcesses();
      }
    } finally {
      if (leadership != null) leadership.close();
    }
  }

  /** Tries to take the lead of the file's sync; whether this instance now leads. */
  private boolean lead() {
    if (!leadership.tryAcquire()) {
      if (!followed) {
        followed = true;
        LOG.log(
            Level.INFO,
            "another process syncs {0}; this one takes over if it stops",
            engine.config().path());
      }
      return false;
    }
    synchronized (lock) {
      leader = true;
      scheduleLocked(System.nanoTime());
      publishLocked();
    }
    LOG.log(
        followed ? Level.INFO : Level.DEBUG,
        "this process now runs sync for {0} (it holds {1})",
        engine.config().path(),
        leadership.lockFile());
    return true;
  }

  /** Waits {@code millis} or until woken; false once closed. */
  private boolean pause(long millis) {
    synchronized (lock) {
      if (closed) return false;
      try {
        lock.wait(millis);
      } catch (InterruptedException e) {
        // closing
      }
      return !closed;
    }
  }

  /**
   * The leader pushes what other processes on the file commit: SQLite's data_version changes when
   * another connection committed, and then the outbox is looked at.
   */
  private void watchOtherProcesses() {
    if (engine.config().path() == null) return;
    long version;
    try {
      version =
          engine.withWriter(
              conn -> {
                try (var rs = conn.prepare("PRAGMA data_version").executeQuery()) {
                  return rs.next() ? rs.getLong(1) : -1L;
                }
              });
    } catch (RuntimeException e) {
      return; // closed, or the file is busy: next time
    }
    if (dataVersion != -1 && version != dataVersion) localCommit();
    dataVersion = version;
  }

  /**
   * Runs a round now on the calling thread (an explicit {@code db.sync()}), publishing the state
   * like an automatic one; a success ends a backoff or an {@link Status#UNAUTHORIZED} pause.
   */
  public SyncResult syncNow() {
    synchronized (lock) {
      status = Status.SYNCING;
      publishLocked();
    }
    SyncResult result;
    Instant started = engine.config().clock().instant();
    try {
      result = sync.sync();
    } catch (RuntimeException e) {
      remember(started, true, null, e.toString());
      failed(Status.ERROR, e.toString());
      throw e;
    }
    remember(started, true, result, null);
    evaluate(result);
    synchronized (lock) {
      // What automatic sync did since the last explicit call counts too: a caller asking "what did
      // syncing push and pull" gets the same answer whichever round did the work.
      List<NewerEvent> newer = new ArrayList<>(carriedNewer);
      newer.addAll(result.newer());
      SyncResult total =
          new SyncResult(
              result.pushed() + carriedPushed,
              result.pulled() + carriedPulled,
              result.rejected() + carriedRejected,
              result.pending(),
              result.cursor(),
              result.errors(),
              newer);
      carriedPushed = 0;
      carriedPulled = 0;
      carriedRejected = 0;
      carriedNewer.clear();
      return total;
    }
  }

  private void round() {
    SyncResult result;
    Instant started = engine.config().clock().instant();
    try {
      result = sync.sync();
    } catch (DatabaseClosedException e) {
      return;
    } catch (RuntimeException e) {
      // SQLite trouble (disk full, a busy file): retried like a transport failure.
      LOG.log(Level.WARNING, "sync round failed", e);
      remember(started, false, null, e.toString());
      failed(Status.ERROR, e.toString());
      return;
    }
    remember(started, false, result, null);
    synchronized (lock) {
      carriedPushed += result.pushed();
      carriedPulled += result.pulled();
      carriedRejected += result.rejected();
      carriedNewer.addAll(result.newer());
    }
    evaluate(result);
  }

  /** Remembers a round that ended now: its result, or the failure that ended it. */
  private void remember(Instant started, boolean explicit, SyncResult result, String failure) {
    Instant ended = engine.config().clock().instant();
    SyncRound round =
        result == null
            ? new SyncRound(started, ended, explicit, 0, 0, 0, -1, sync.cursor(), failure)
            : new SyncRound(
                started,
                ended,
                explicit,
                result.pushed(),
                result.pulled(),
                result.rejected(),
                result.pending(),
                result.cursor(),
                result.errors().isEmpty() ? null : result.errors().get(0).message());
    synchronized (lock) {
      if (rounds.size() == KEPT_ROUNDS) rounds.removeFirst();
      rounds.addLast(round);
    }
  }

  /** The last rounds (at most 50), newest first. */
  public List<SyncRound> recentRounds() {
    synchronized (lock) {
      List<SyncRound> newestFirst = new ArrayList<>(rounds);
      Collections.reverse(newestFirst);
      return newestFirst;
    }
  }

  private void evaluate(SyncResult result) {
    SyncException failure = firstTransportFailure(result.errors());
    if (failure != null && (failure.status() == 401 || failure.status() == 403)) {
      synchronized (lock) {
        unauthorized = true;
        lastError = failure.getMessage();
        status = Status.UNAUTHORIZED;
        completedRounds++;
        publishLocked();
        lock.notifyAll();
      }
      LOG.log(
          Level.WARNING,
          "sync is paused: the server refused the credentials ({0}); the outbox is kept, and "
              + "sync resumes on EventSourcedDb.resumeSync()",
          failure.getMessage());
      return;
    }
    if (failure != null || !result.errors().isEmpty() && result.pushed() + result.pulled() == 0) {
      String message = failure != null ? failure.getMessage() : result.errors().get(0).message();
      Status kind = failure != null && failure.status() == 0 ? Status.OFFLINE : Status.ERROR;
      failed(kind, message);
      return;
    }
    synchronized (lock) {
      failures = 0;
      unauthorized = false;
      completedRounds++;
      behind = sync.lastHead() < 0 ? 0 : Math.max(0, sync.lastHead() - result.cursor());
      lastError = result.errors().isEmpty() ? null : result.errors().get(0).message();
      lastSyncedAt = engine.config().clock().instant();
      status = Status.IDLE;
      if (result.pending() > 0) scheduleLocked(System.nanoTime() + config.debounce().toNanos());
      else scheduleLocked(System.nanoTime() + config.interval().toNanos());
      publishLocked();
      lock.notifyAll();
    }
    if (result.pushed() + result.pulled() + result.rejected() > 0) {
      LOG.log(
          Level.DEBUG,
          "sync round: pushed {0}, pulled {1}, rejected {2}, pending {3}, cursor {4}",
          result.pushed(),
          result.pulled(),
          result.rejected(),
          result.pending(),
          result.cursor());
    }
    if (result.rejected() > 0) {
      LOG.log(
          Level.WARNING,
          "the server rejected {0} events as invalid; they are kept, marked rejected",
          result.rejected());
    }
  }

  private void failed(Status kind, String message) {
    long delay;
    long head = sync.lastHead();
    long behindNow = head < 0 ? -1 : Math.max(0, head - sync.cursor());
    synchronized (lock) {
      behind = behindNow;
      failures++;
      completedRounds++;
      lastError = message;
      status = kind;
      delay = backoff(failures);
      scheduleLocked(System.nanoTime() + delay);
      publishLocked();
      lock.notifyAll();
    }
    if (worker == null) {
      LOG.log(Level.DEBUG, "sync failed ({0}): {1}", kind, message); // explicit: nothing retries
      return;
    }
    LOG.log(
        failures == 1 ? Level.INFO : Level.DEBUG,
        "sync failed ({0}), retry {1} in {2} ms: {3}",
        kind,
        failures,
        TimeUnit.NANOSECONDS.toMillis(delay),
        message);
  }

  /** Full jitter: a uniform draw below the capped exponential, so clients do not retry in step. */
  private long backoff(int attempt) {
    long base = config.backoffBase().toNanos();
    long cap = config.backoffCap().toNanos();
    long ceiling = attempt >= 62 ? cap : Math.min(cap, base << Math.min(attempt - 1, 40));
    if (ceiling <= 0) ceiling = cap;
    return ThreadLocalRandom.current().nextLong(Math.max(ceiling, 1));
  }

  private static SyncException firstTransportFailure(List<SyncError> errors) {
    for (SyncError error : errors) {
      if (error.cause() instanceof SyncException failure) return failure;
    }
    return null;
  }

  /** Waits on the server for new events, and runs a round as soon as there are. */
  private void pollServer() {
    while (true) {
      synchronized (lock) {
        while (!closed && (!leader || unauthorized || failures > 0)) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            if (closed) return;
          }
        }
        if (closed) return;
      }
      long started = System.nanoTime();
      long since;
      PullResult page;
      try {
        since = sync.cursor();
        page = transport.poll(since, engine.config().pullLimit(), config.longPoll());
        pollFailures = 0;
      } catch (DatabaseClosedException e) {
        return;
      } catch (RuntimeException e) {
        if (isClosed()) return;
        // A round finds out what is wrong (and backs off); the poll backs off on its own.
        synchronized (lock) {
          if (pollFailures++ == 0) scheduleLocked(System.nanoTime());
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, backoff(pollFailures)));
          } catch (InterruptedException interrupted) {
            if (closed) return;
          }
        }
        continue;
      }
      if (page == null) {
        LOG.log(Level.DEBUG, "the transport cannot wait for new events: pulling periodically");
        return;
      }
      if (!page.events().isEmpty() && !page.hasMore() && applyPolled(since, page)) {
        continue; // applied as it came: no round needed to pull it again
      }
      synchronized (lock) {
        if (!page.events().isEmpty() || page.hasMore()) {
          long roundsBefore = completedRounds;
          long cursor =
              page.events().isEmpty() ? page.cursor() : page.events().get(0).globalSeq() - 1;
          behind =
              page.head() != null
                  ? Math.max(1, page.head() - cursor)
                  : Math.max(page.events().size(), 1);
          scheduleLocked(System.nanoTime());
          publishLocked();
          // Until a round has pulled them, polling again would only return them again.
          while (!closed && completedRounds == roundsBefore) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              if (closed) return;
            }
          }
        } else if (System.nanoTime() - started < config.longPoll().toNanos() / 2) {
          // It answered at once with nothing: a server that does not long-poll. Do not spin.
          try {
            lock.wait(Math.max(1, config.interval().toMillis()));
          } catch (InterruptedException e) {
            if (closed) return;
          }
        }
      }
    }
  }

  /**
   * Applies a page the long-poll brought, as a round's pull would, unless a round moved the cursor
   * meanwhile; what it reports goes to the log and the state, as no caller waits for a result.
   */
  private boolean applyPolled(long since, PullResult page) {
    List<SyncError> errors = new ArrayList<>();
    List<NewerEvent> newer = new ArrayList<>();
    int applied;
    try {
      applied = sync.applyPage(since, page, errors, newer);
    } catch (RuntimeException e) {
      if (isClosed()) return true;
      LOG.log(Level.DEBUG, "applying a long-polled page failed; a round pulls it again", e);
      return false;
    }
    if (applied < 0) return false;
    synchronized (lock) {
      carriedPulled += applied;
      carriedNewer.addAll(newer);
      behind = page.head() == null ? 0 : Math.max(0, page.head() - page.cursor());
      if (!errors.isEmpty()) lastError = errors.get(0).message();
      publishLocked();
      lock.notifyAll();
    }
    for (SyncError error : errors) LOG.log(Level.WARNING, error.message());
    if (!newer.isEmpty()) {
      LOG.log(
          Level.INFO,
          "{0} pulled events were written by a newer schema version; kept, applied as far as known",
          newer.size());
    }
    return true;
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void publishLocked() {
    if (closed) return; // the last value is STOPPED, set by close()
    state.set(snapshot(status));
  }

  private SyncState snapshot(Status current) {
    long pending;
    long rejected;
    long cursor;
    try {
      pending = engine.eventLog().pendingCount();
      rejected = engine.eventLog().rejectedCount();
      cursor = sync.cursor();
    } catch (RuntimeException e) {
      SyncState last = state == null ? null : state.current();
      pending = last == null ? 0 : last.pending();
      rejected = last == null ? 0 : last.rejected();
      cursor = last == null ? 0 : last.cursor();
    }
    return new SyncState(
        current,
        pending,
        rejected,
        lastError,
        lastSyncedAt,
        cursor,
        current == Status.SYNCING ? -1 : behind,
        leader);
  }

  /**
   * Stops: no round starts after this; a round in progress finishes (up to {@code patience}); the
   * long-poll is interrupted.
   */
  @Override
  public void close() {
    Thread running;
    synchronized (lock) {
      if (closed) return;
      closed = true;
      lock.notifyAll();
      running = worker;
    }
    if (poller != null) poller.interrupt();
    if (running != null && running != Thread.currentThread()) {
      try {
        running.join(TimeUnit.SECONDS.toMillis(35));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    state.set(
        new SyncState(
            Status.STOPPED,
            state.current().pending(),
            state.current().rejected(),
            lastError,
            lastSyncedAt,
            state.current().cursor(),
            -1,
            false));
    state.complete();
    LOG.log(Level.DEBUG, "automatic sync stopped");
  }
}
