package dev.eventsourced.db;

/** Stub: being written. */
public final class EventSourcedDb implements AutoCloseable {
  @Override
  public void close() {}
}
