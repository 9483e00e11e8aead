package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.Delta;
import dev.eventsourced.db.LiveUpdate;
import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.Engine;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * The state of one live query: its current result and its subscribers. {@link #load} and {@link
 * #commit} run with the database's write lock held (on the committing thread, for commits), so
 * they see exactly the committed state and never run concurrently; subscribing, unsubscribing and
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
  /** Set when applying a commit failed: the next commit reloads from SQL. */
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
    return delta;
  }

  final List<R> current() {
    return current;
  }

  final boolean isClosed() {
    return closed;
  }

  /**
   * Applies a commit and queues the update for every subscriber (without running them yet).
   *
   * @return whether any subscriber has something to run
   */
  final synchronized boolean commitAndQueue(Map<String, List<Change>> changes) {
    if (closed) return false;
    Delta<R> delta;
    try {
      delta = stale ? load() : apply(changes);
      stale = false;
    } catch (RuntimeException e) {
      stale = true;
      throw e;
    }
    if (delta == null) return false;
    LiveUpdate<R> update = new LiveUpdate<>(current, delta, false);
    for (Mailbox<R> mailbox : mailboxes) mailbox.enqueue(update);
    return !mailboxes.isEmpty();
  }

  /**
   * Reloads the result from SQL (after a change this database did not make itself, e.g. by another
   * process) and queues the update for every subscriber.
   *
   * @return whether any subscriber has something to run
   */
  final synchronized boolean reloadAndQueue() {
    if (closed) return false;
    Delta<R> delta = load();
    stale = false;
    if (delta == null) return false;
    LiveUpdate<R> update = new LiveUpdate<>(current, delta, false);
    for (Mailbox<R> mailbox : mailboxes) mailbox.enqueue(update);
    return !mailboxes.isEmpty();
  }

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
