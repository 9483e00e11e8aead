package dev.eventsourced.db.live;

/** A subscription to a {@link LiveQuery}; close it to stop being called. */
public interface Subscription extends AutoCloseable {

  /** Stops the calls: none starts after this returns (one already running finishes). Idempotent. */
  @Override
  void close();

  /** Whether the subscription is still active (neither it nor its live query was closed). */
  boolean isActive();
}
