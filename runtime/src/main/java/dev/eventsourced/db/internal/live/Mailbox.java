package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.live.Subscription;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscriber's queue of signals, run in order on the subscriber's executor by at most one task
 * at a time (a serial executor), so that a subscriber is never called concurrently with itself and
 * sees commits in order even on a multi-threaded executor. Queuing and scheduling are separate
 * steps: a commit queues its update for every subscriber before any of them runs, so that a
 * subscriber running on the committing thread and committing again cannot overtake the others.
 *
 * @param <R> the row type
 */
abstract class Mailbox<R> implements Subscription, Runnable {

  private final Executor executor;
  private final Queue<Object> signals = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean active = true;
  private LiveNode<R> node;
  private LiveRegistry registry;

  Mailbox(Executor executor) {
    this.executor = executor;
  }

  final void attach(LiveNode<R> node, LiveRegistry registry) {
    synchronized (this) {
      this.node = node;
      this.registry = registry;
    }
    node.subscribe(this, registry);
  }

  final void enqueue(Object signal) {
    signals.add(signal);
  }

  final void schedule() {
    if (!signals.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this);
      } catch (RuntimeException e) {
        scheduled.set(false);
        report(e);
      }
    }
  }

  @Override
  public final void run() {
    try {
      Object signal;
      while ((signal = signals.poll()) != null) {
        try {
          deliver(signal);
        } catch (Throwable e) {
          // A subscriber's failure must not stop the others, the writer, or its own later updates.
          report(e);
        }
      }
    } finally {
      scheduled.set(false);
      schedule();
    }
  }

  /** Handles one signal; runs serially on the executor. */
  abstract void deliver(Object signal);

  /** The live query was closed: no more updates. */
  void queryClosed() {
    synchronized (this) {
      active = false;
      node = null;
    }
  }

  @Override
  public void close() {
    LiveNode<R> subscribed;
    synchronized (this) {
      subscribed = node;
      active = false;
      node = null; // a kept subscription must not keep its live query alive
    }
    if (subscribed != null) subscribed.unsubscribe(this, registry);
  }

  @Override
  public final boolean isActive() {
    return active;
  }

  static void report(Throwable e) {
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
  }
}
