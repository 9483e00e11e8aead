package dev.eventsourced.server.testing;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.server.EventStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/** A store that counts the reads made of it, to see which waiting pulls a commit woke. */
public final class CountingStore implements EventStore {

  private final EventStore store;
  public final AtomicInteger reads = new AtomicInteger();

  public CountingStore(EventStore store) {
    this.store = store;
  }

  @Override
  public List<Confirmation> append(List<SyncEvent> events) {
    return store.append(events);
  }

  @Override
  public List<SyncEvent> read(long after, int limit, Set<String> collections) {
    reads.incrementAndGet();
    return store.read(after, limit, collections);
  }

  @Override
  public List<SyncEvent> read(long after, int limit, Set<String> collections, long maxBytes) {
    reads.incrementAndGet();
    return store.read(after, limit, collections, maxBytes);
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
