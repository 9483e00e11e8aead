package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.live.LiveUpdate;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} of a live query's results. Every signal to it (onSubscribe, onNext,
 * onError, onComplete) runs in order on the mailbox's serial executor; request and cancel are
 * queued as signals too, so the demand is only touched there. Results are conflated: only the
 * latest undelivered result is kept until there is demand.
 */
final class FlowMailbox<R> extends Mailbox<R> implements Flow.Subscription {

  private static final Object START = new Object();
  private static final Object CANCEL = new Object();
  private static final Object COMPLETE = new Object();

  private record Request(long n) {}

  private final Flow.Subscriber<? super List<R>> subscriber;
  // Touched only by deliver(), which runs serially.
  private long demand;
  private List<R> latest;
  private boolean done;

  FlowMailbox(Executor executor, Flow.Subscriber<? super List<R>> subscriber) {
    super(executor);
    this.subscriber = subscriber;
    enqueue(START); // onSubscribe comes before the initial result
  }

  @Override
  public void request(long n) {
    enqueue(new Request(n));
    schedule();
  }

  @Override
  public void cancel() {
    close();
  }

  @Override
  public void close() {
    super.close();
    enqueue(CANCEL);
    schedule();
  }

  @Override
  void queryClosed() {
    super.queryClosed();
    enqueue(COMPLETE);
  }

  @Override
  @SuppressWarnings("unchecked")
  void deliver(Object signal) {
    if (done) return;
    if (signal == START) {
      subscriber.onSubscribe(this);
    } else if (signal == CANCEL) {
      done = true;
      latest = null;
    } else if (signal == COMPLETE) {
      done = true;
      subscriber.onComplete();
    } else if (signal instanceof Request) {
      long n = ((Request) signal).n();
      if (n <= 0) {
        done = true;
        super.close();
        subscriber.onError(
            new IllegalArgumentException(
                "request("
                    + n
                    + "): a subscriber must request a positive number of results (Reactive Streams rule 3.9)"));
        return;
      }
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      emit();
    } else {
      latest = ((LiveUpdate<R>) signal).rows();
      emit();
    }
  }

  private void emit() {
    if (demand > 0 && latest != null) {
      List<R> rows = latest;
      latest = null;
      demand--;
      try {
        subscriber.onNext(rows);
      } catch (RuntimeException e) {
        // Rule 2.13: a throwing subscriber is cancelled.
        done = true;
        super.close();
        throw e;
      }
    }
  }
}
