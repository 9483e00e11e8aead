package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.SyncEvent;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/** An {@link EventStore} that times appends and reads into {@link ServerMetrics}. */
final class TimedEventStore implements EventStore {

  private final EventStore store;
  private final ServerMetrics metrics;

  TimedEventStore(EventStore store, ServerMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public List<Confirmation> append(List<SyncEvent> events) {
    long start = System.nanoTime();
    try {
      List<Confirmation> confirmations = store.append(events);
      metrics.appendSeconds.record(System.nanoTime() - start);
      return confirmations;
    } catch (RuntimeException e) {
      metrics.storeErrors.increment();
      throw e;
    }
  }

  @Override
  public List<SyncEvent> read(long after, int limit, Set<String> collections) {
    return timedRead(() -> store.read(after, limit, collections));
  }

  /** Delegated, not the interface's default: the store bounds the page while it reads it. */
  @Override
  public List<SyncEvent> read(
      long after, int limit, Set<String> collections, long maxPayloadBytes) {
    return timedRead(() -> store.read(after, limit, collections, maxPayloadBytes));
  }

  private List<SyncEvent> timedRead(java.util.function.Supplier<List<SyncEvent>> read) {
    long start = System.nanoTime();
    try {
      List<SyncEvent> events = read.get();
      metrics.readSeconds.record(System.nanoTime() - start);
      return events;
    } catch (RuntimeException e) {
      metrics.storeErrors.increment();
      throw e;
    }
  }

  @Override
  public long lastSeq() {
    return store.lastSeq();
  }

  @Override
  public void addAppendListener(LongConsumer listener) {
    store.addAppendListener(listener);
  }

  @Override
  public void removeAppendListener(LongConsumer listener) {
    store.removeAppendListener(listener);
  }

  @Override
  public void checkHealth() {
    store.checkHealth();
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {
    store.close();
  }
}
