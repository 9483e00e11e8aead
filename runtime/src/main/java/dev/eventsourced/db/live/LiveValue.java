package dev.eventsourced.db.live;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A single value that changes over time and tells its subscribers, like a {@link LiveQuery} does
 * with a result: e.g. {@code EventSourcedDb.syncState()}.
 *
 * <p>Each subscriber is called first with the current value, then with every later one, on the
 * executor it chose, never concurrently with itself and in order. Values are conflated: a slow
 * subscriber may skip intermediate values but always ends with the latest.
 *
 * @param <T> the value type
 */
public interface LiveValue<T> {

  /** The latest value. */
  T current();

  /**
   * Calls {@code subscriber} with the current value, then each new one, on a notification thread.
   */
  Subscription subscribe(Consumer<? super T> subscriber);

  /** Like {@link #subscribe(Consumer)}, calling {@code subscriber} on {@code executor}. */
  Subscription subscribe(Executor executor, Consumer<? super T> subscriber);

  /**
   * A {@link Flow.Publisher} of the values: each subscriber receives the current value first, then
   * newer ones as they come, honoring {@code request(n)} (conflated: with no demand, only the
   * latest value is kept for it). It completes when the value's source stops (the database closes).
   */
  Flow.Publisher<T> publisher();
}
