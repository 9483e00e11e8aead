package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.exception.LiveQueryException;
import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.live.Delta;
import dev.eventsourced.db.live.LiveUpdate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * The state of one live query: its current result and its subscribers. {@link #load} and {@link
 * #commit} run with the database's write lock held (on the committing thread, for commits), so they
 * see exactly the committed state and never run concurrently; subscribing, unsubscribing and
 * closing may happen on any thread and synchronize on the node.
 *
 * @param <R> the row type
 */
abstract class LiveNode<R> {

  final Engine engine;
  final Set<String> collections;
  final BiPredicate<? super R, ? super R> sameValue;
  private final CopyOnWriteArrayList<Mailbox<R>> mailboxes = new CopyOnWriteArrayList<>();
  private volatile List<R> current = List.of();
  private List<Object> currentKeys = List.of();
  private volatile boolean closed;
  private volatile long updatedAtMillis;

  /**
   * Set while the result may miss a commit (applying or reloading failed): the next commit reloads
   * from SQL.
   */
  private boolean stale;

  LiveRegistry.NodeRef ref;

  LiveNode(Engine engine, Set<String> collections, BiPredicate<? super R, ? super R> sameValue) {
    this.engine = engine;
    this.collections = Set.copyOf(collections);
    this.sameValue = sameValue;
  }

  /** Computes the result from SQL; returns the delta from the current one (null when equal). */
  abstract Delta<R> load();

  /**
   * Applies one commit's changes (grouped by collection id; some of {@link #collections} may be
   * absent) and returns the delta from the current result, or null when the result did not change.
   */
  abstract Delta<R> apply(Map<String, List<Change>> changes);

  /** Replaces the current result when it differs; returns the delta, or null when it did not. */
  final Delta<R> publish(List<Object> keys, List<R> rows) {
    Delta<R> delta = Diff.compute(currentKeys, current, keys, rows, sameValue);
    if (delta.isEmpty()) return null;
    currentKeys = keys;
    current = rows;
    updatedAtMillis = System.currentTimeMillis(); // for people (the inspector): wall-clock time
    return delta;
  }

  final List<R> current() {
    return current;
  }

  /** What a tool shows of this live query (see {@link LiveRegistry#openQueries()}). */
  final OpenLiveQuery snapshot() {
    return new OpenLiveQuery(
        describe(),
        collections,
        mailboxes.size(),
        current.size(),
        updatedAtMillis == 0 ? null : Instant.ofEpochMilli(updatedAtMillis));
  }

  final boolean isClosed() {
    return closed;
  }

  /**
   * Applies a commit and queues the update for every subscriber (without running them yet). When
   * the in-memory update fails, the query is re-run in SQL so that its result stays exact, and the
   * failure is added to {@code failures} (the caller reports it once nothing is locked any more).
   * When the re-run fails too, or a re-run of a stale node fails, the node stays stale: it re-runs
   * at the next commit touching it, and that failure is added too.
   *
   * @return whether any subscriber has something to run
   */
  final synchronized boolean commitAndQueue(
      Map<String, List<Change>> changes, List<Throwable> failures) {
    if (closed) return false;
    Delta<R> delta;
    if (stale) {
      delta = reload("after an earlier failure", failures, null);
    } else {
      try {
        delta = apply(changes);
      } catch (RuntimeException e) {
        stale = true;
        if (!maintainedInMemory()) {
          failures.add(staleFailure("re-running it in SQL failed (" + e + ")", e));
          return false;
        }
        delta = reload("after updating it in memory failed (" + e + ")", failures, e);
        if (delta != STALE) {
          failures.add(
              new LiveQueryException(
                  "live query "
                      + describe()
                      + ": updating it in memory from the "
                      + "commit's changes failed ("
                      + e
                      + "); it was re-run in SQL instead, so its result is exact. "
                      + "Please report this, unless a record accessor or column getter threw",
                  e,
                  false));
        }
      }
    }
    return delta != STALE && queue(delta);
  }

  /**
   * Reloads the result from SQL (after a change this database did not make itself, e.g. by another
   * process) and queues the update for every subscriber; a failure leaves the node stale and is
   * added to {@code failures}.
   *
   * @return whether any subscriber has something to run
   */
  final synchronized boolean reloadAndQueue(List<Throwable> failures) {
    if (closed) return false;
    stale = true; // until the reload succeeds: the node missed a change
    Delta<R> delta = reload("after a change made outside this database", failures, null);
    return delta != STALE && queue(delta);
  }

  /**
   * The window whose rows and filter decide which changes of its collection concern this node, so
   * that the registry indexes the node by them ({@link LiveIndex}); null when every change of every
   * collection it reads concerns it.
   */
  Window<?> indexedWindow() {
    return null;
  }

  /** Whether the result may miss a commit; read by the registry after updating the node. */
  final boolean isStale() {
    return stale;
  }

  /** Whether {@link #apply} updates the result in memory (rather than re-running SQL itself). */
  boolean maintainedInMemory() {
    return true;
  }

  /** Marks a failed reload; never published. */
  private static final Delta<Object> STALE =
      new Delta<>(List.of(), List.of(), List.of(), List.of());

  @SuppressWarnings("unchecked")
  private Delta<R> reload(String when, List<Throwable> failures, Throwable earlier) {
    try {
      Delta<R> delta = load();
      stale = false;
      return delta;
    } catch (RuntimeException e) {
      LiveQueryException failure =
          staleFailure("re-running it in SQL " + when + " failed (" + e + ")", e);
      if (earlier != null) failure.addSuppressed(earlier);
      failures.add(failure);
      return (Delta<R>) STALE;
    }
  }

  private LiveQueryException staleFailure(String what, Throwable cause) {
    return new LiveQueryException(
        "live query "
            + describe()
            + " is stale: "
            + what
            + "; it keeps its last "
            + "result and re-runs at the next commit that changes "
            + String.join(" or ", collections),
        cause,
        true);
  }

  private boolean queue(Delta<R> delta) {
    if (delta == null) return false;
    LiveUpdate<R> update = new LiveUpdate<>(current, delta, false);
    for (Mailbox<R> mailbox : mailboxes) mailbox.enqueue(update);
    return !mailboxes.isEmpty();
  }

  /** The query, for messages. */
  abstract String describe();

  /** Runs the queued updates on the subscribers' executors. */
  final void scheduleAll() {
    for (Mailbox<R> mailbox : mailboxes) mailbox.schedule();
  }

  /** Adds a subscriber, which first receives the current result. */
  final void subscribe(Mailbox<R> mailbox, LiveRegistry registry) {
    synchronized (this) {
      if (closed) {
        mailbox.queryClosed();
      } else {
        List<R> rows = current;
        mailbox.enqueue(new LiveUpdate<>(rows, Delta.ofAdded(rows), true));
        mailboxes.add(mailbox);
        registry.pin(this);
      }
    }
    mailbox.schedule();
  }

  final synchronized void unsubscribe(Mailbox<R> mailbox, LiveRegistry registry) {
    if (mailboxes.remove(mailbox) && mailboxes.isEmpty()) registry.unpin(this);
  }

  final void close(LiveRegistry registry) {
    List<Mailbox<R>> closing;
    synchronized (this) {
      if (closed) return;
      closed = true;
      closing = List.copyOf(mailboxes);
      mailboxes.clear();
      registry.unregister(this);
    }
    for (Mailbox<R> mailbox : closing) {
      mailbox.queryClosed();
      mailbox.schedule();
    }
  }

  /** An unmodifiable list over {@code array}, without copying it. */
  @SuppressWarnings("unchecked")
  static <E> List<E> listOf(Object[] array) {
    return (List<E>) Collections.unmodifiableList(Arrays.asList(array));
  }
}
