package dev.eventsourced.db.internal;

import dev.eventsourced.db.live.LiveValue;
import dev.eventsourced.db.live.Subscription;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link LiveValue} held in memory: {@link #set} publishes a value to every subscriber, each on
 * its executor, serially, conflated to the latest (a drain loop per subscriber).
 */
public final class LiveCell<T> implements LiveValue<T> {

  private final String threadName;
  private final CopyOnWriteArrayList<Sink> sinks = new CopyOnWriteArrayList<>();
  private volatile T value;
  private volatile boolean completed;
  private volatile ThreadPoolExecutor notifier;

  public LiveCell(T initial, String threadName) {
    this.value = initial;
    this.threadName = threadName;
  }

  /** Publishes {@code next}; subscribers are told unless it equals the current value. */
  public void set(T next) {
    if (completed || Objects.equals(value, next)) return;
    value = next;
    for (Sink sink : sinks) sink.offer();
  }

  /** Stops: publishers complete their subscribers; later values are not published. */
  public void complete() {
    completed = true;
    for (Sink sink : sinks) sink.offer();
  }

  @Override
  public T current() {
    return value;
  }

  @Override
  public Subscription subscribe(Consumer<? super T> subscriber) {
    return subscribe(notifier(), subscriber);
  }

  @Override
  public Subscription subscribe(Executor executor, Consumer<? super T> subscriber) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(subscriber, "subscriber");
    Sink sink = new Sink(executor, subscriber, null);
    sinks.add(sink);
    sink.offer();
    return sink;
  }

  @Override
  public Flow.Publisher<T> publisher() {
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      Sink sink = new Sink(notifier(), null, subscriber);
      sinks.add(sink);
      subscriber.onSubscribe(sink);
      sink.offer();
    };
  }

  private Executor notifier() {
    ThreadPoolExecutor executor = notifier;
    if (executor == null) {
      synchronized (this) {
        executor = notifier;
        if (executor == null) {
          executor = DaemonThreads.single(threadName);
          notifier = executor;
        }
      }
    }
    return executor;
  }

  /** One subscriber: a callback, or a Flow subscriber with its demand. */
  private final class Sink implements Subscription, Flow.Subscription {
    private final Executor executor;
    private final Consumer<? super T> callback;
    private final Flow.Subscriber<? super T> flow;
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private volatile boolean active = true;
    private Object delivered = new Object(); // nothing yet; touched by the drain loop only
    private boolean done;

    Sink(Executor executor, Consumer<? super T> callback, Flow.Subscriber<? super T> flow) {
      this.executor = executor;
      this.callback = callback;
      this.flow = flow;
    }

    void offer() {
      if (work.getAndIncrement() == 0) {
        try {
          executor.execute(this::drain);
        } catch (RuntimeException e) {
          work.set(0);
          throw e;
        }
      }
    }

    private void drain() {
      int missed = 1;
      do {
        if (active && !done) deliver();
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }

    private void deliver() {
      T latest = value;
      if (latest != delivered && (flow == null || demand.get() > 0)) {
        delivered = latest;
        try {
          if (flow == null) {
            callback.accept(latest);
          } else {
            demand.decrementAndGet();
            flow.onNext(latest);
          }
        } catch (RuntimeException e) {
          Thread.currentThread()
              .getUncaughtExceptionHandler()
              .uncaughtException(Thread.currentThread(), e);
        }
      }
      if (completed && flow != null && latest == delivered) {
        done = true;
        sinks.remove(this);
        flow.onComplete();
      }
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        active = false;
        sinks.remove(this);
        flow.onError(new IllegalArgumentException("request(" + n + "): n must be positive"));
        return;
      }
      demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      offer();
    }

    @Override
    public void cancel() {
      close();
    }

    @Override
    public void close() {
      active = false;
      sinks.remove(this);
    }

    @Override
    public boolean isActive() {
      return active && !done;
    }
  }
}
