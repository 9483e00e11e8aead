package dev.eventsourced.db.internal;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncResult.NewerEvent;
import dev.eventsourced.db.sync.SyncResult.Phase;
import dev.eventsourced.db.sync.SyncResult.SyncError;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SkippedEvent;
import dev.eventsourced.protocol.SyncEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sync round: a {@link Push} of the outbox, then pulls of the backend's log since the cursor,
 * each page applied by a {@link PageApplier}. One round at a time; the transport's calls run on a
 * fetcher thread while this thread works on SQLite.
 */
public final class SyncEngine {

  /** The protocol's largest push batch. */
  public static final int MAX_PUSH_BATCH = 500;

  private final Engine engine;
  private final SyncTransport transport;
  private final int pullLimit;
  private final ReentrantLock syncLock = new ReentrantLock();

  /** The backend's last global sequence number at the last pull that said it, or -1. */
  private volatile long lastHead = -1;

  /**
   * Runs the transport's calls, one at a time, while this thread works on SQLite; ends when idle.
   */
  private final ThreadPoolExecutor fetcher =
      new ThreadPoolExecutor(
          1,
          1,
          5,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          task -> {
            Thread thread = new Thread(task, "eventsourced-pull");
            thread.setDaemon(true);
            return thread;
          });

  public SyncEngine(Engine engine, SyncTransport transport, int pullLimit) {
    this.engine = engine;
    this.transport = transport;
    this.pullLimit = pullLimit;
    fetcher.allowCoreThreadTimeOut(true);
  }

  /** Pushes every pending event, then pulls until the backend has no more. One sync at a time. */
  public SyncResult sync() {
    syncLock.lock();
    try {
      engine.ensureOpen();
      List<SyncError> errors = new ArrayList<>();
      Push push = new Push(engine, this::send, errors);
      Push.Outcome pushed = push.run();
      List<NewerEvent> newer = new ArrayList<>();
      int pulled = pull(new PageApplier(engine, push.confirmedEvents(), errors, newer), errors);
      return new SyncResult(
          pushed.confirmed(),
          pulled,
          pushed.rejected(),
          engine.eventLog().pendingCount(),
          cursor(),
          errors,
          newer);
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Applies a page pulled outside a round (automatic sync's long-poll) since {@code since}, in one
   * transaction, unless the cursor moved meanwhile or the page breaks the protocol.
   *
   * @return how many of its events were new to this database (0 when it is stale: a round pulled
   *     past it meanwhile), or -1 when it was not applied and a round should pull it
   */
  int applyPage(long since, PullResult page, List<SyncError> errors, List<NewerEvent> newer) {
    syncLock.lock();
    try {
      engine.ensureOpen();
      long cursor = cursor();
      if (cursor > since) return cursor >= page.cursor() ? 0 : -1;
      if (checkPage(since, page) != null) return -1;
      PageApplier applier = new PageApplier(engine, new HashMap<>(), errors, newer);
      int applied = engine.write(tx -> applier.apply(tx, since, page));
      lastHead = page.head() == null ? -1 : page.head();
      return applied;
    } finally {
      syncLock.unlock();
    }
  }

  /** The backend's last global sequence number as its last answer said, or -1 when unknown. */
  public long lastHead() {
    return lastHead;
  }

  /** The pull cursor: the highest global sequence number pulled so far. */
  public long cursor() {
    return engine.read(SyncEngine::readCursor);
  }

  private CompletableFuture<PushResult> send(List<SyncEvent> batch) {
    return CompletableFuture.supplyAsync(() -> transport.push(batch), fetcher);
  }

  /**
   * How many pulled pages may wait to be applied: the fetcher thread pulls that far ahead of this
   * thread's SQLite work, so that a page slow to arrive and a page slow to apply even out.
   */
  static final int PAGES_AHEAD = 2;

  /**
   * Pulls pages until the backend has no more. While a page is applied, the fetcher thread pulls
   * the next ones (one transport call at a time still, at most {@link #PAGES_AHEAD} waiting), so
   * that the network and the backend overlap with SQLite instead of adding to it.
   */
  private int pull(PageApplier applier, List<SyncError> errors) {
    int pulled = 0;
    long cursor = cursor();
    PullAhead ahead = new PullAhead(cursor);
    fetcher.execute(ahead);
    try {
      while (true) {
        PullResult page;
        try {
          page = ahead.next();
        } catch (CompletionException e) {
          errors.add(transportFailed(Phase.PULL, "pull since " + cursor + " failed", e));
          break;
        }
        String problem = checkPage(cursor, page);
        if (problem != null) {
          errors.add(
              new SyncError(
                  Phase.PULL,
                  "the backend broke the protocol: "
                      + problem
                      + "; nothing from this page was applied",
                  null,
                  null));
          break;
        }
        lastHead = page.head() == null ? -1 : page.head();
        boolean more = page.hasMore() && page.cursor() > cursor;
        long since = cursor;
        pulled += engine.write(tx -> applier.apply(tx, since, page));
        cursor = page.cursor();
        if (!more) break;
      }
    } finally {
      ahead.stop();
    }
    return pulled;
  }

  /**
   * The fetcher's side of {@link #pull}: pulls page after page from a cursor, each from the last
   * one's cursor, into a queue of {@link #PAGES_AHEAD}; stops after the last page, a page that
   * breaks the protocol, a failure (queued for the applier to report) or {@link #stop}.
   */
  private final class PullAhead implements Runnable {
    private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(PAGES_AHEAD);
    private volatile boolean stopped;
    private long since;

    PullAhead(long since) {
      this.since = since;
    }

    @Override
    public void run() {
      try {
        while (!stopped) {
          PullResult page = transport.pull(since, pullLimit);
          pages.put(page);
          if (!page.hasMore() || page.cursor() <= since || checkPage(since, page) != null) return;
          since = page.cursor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        try {
          pages.put(new CompletionException(e));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** The next page, waiting for it (not interruptibly, as a join of the transport call). */
    PullResult next() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            Object next = pages.take();
            if (next instanceof CompletionException failure) throw failure;
            return (PullResult) next;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) Thread.currentThread().interrupt();
      }
    }

    /** Ends the pulls ahead: the call under way finishes, its page is dropped. */
    void stop() {
      stopped = true;
      pages.clear();
    }
  }

  private static String checkPage(long since, PullResult page) {
    long previous = since;
    for (SyncEvent event : page.events()) {
      if (event.globalSeq() == null || event.globalSeq() <= previous) {
        return "event "
            + event.eventId()
            + " has globalSeq "
            + event.globalSeq()
            + " after "
            + previous;
      }
      previous = event.globalSeq();
    }
    for (SkippedEvent skipped : page.skipped()) {
      previous = Math.max(previous, skipped.globalSeq());
    }
    if (page.cursor() < previous) {
      return "cursor " + page.cursor() + " is behind the page's last globalSeq " + previous;
    }
    return null;
  }

  /**
   * The error for a transport call that threw: a {@link SyncException} is expected, anything else a
   * bug.
   */
  static SyncError transportFailed(Phase phase, String what, CompletionException failure) {
    Throwable cause = failure.getCause();
    String message =
        cause instanceof SyncException
            ? what + ": " + cause.getMessage()
            : "the sync transport failed: " + cause;
    return new SyncError(phase, message, null, cause);
  }

  static long readCursor(Conn conn) throws SQLException {
    String value = Schema.readMeta(conn, "pull_cursor");
    return value == null ? 0L : Long.parseLong(value);
  }
}
