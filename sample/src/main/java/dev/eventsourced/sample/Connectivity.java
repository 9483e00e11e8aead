package dev.eventsourced.sample;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.time.Duration;
import java.util.List;

/**
 * A device's network: wraps the HTTP transport and can be switched off, to show what an offline
 * device does (its writes wait in the outbox). Also an example of a custom {@link SyncTransport}.
 */
final class Connectivity implements SyncTransport {

  private final SyncTransport network;
  private volatile boolean online = true;

  Connectivity(SyncTransport network) {
    this.network = network;
  }

  void setOnline(boolean online) {
    this.online = online;
  }

  @Override
  public PushResult push(List<SyncEvent> events) {
    if (!online) throw new SyncException("no network (the device is offline)", null);
    return network.push(events);
  }

  @Override
  public PullResult pull(long since, int limit) {
    if (!online) throw new SyncException("no network (the device is offline)", null);
    return network.pull(since, limit);
  }

  @Override
  public PullResult poll(long since, int limit, Duration wait) {
    if (!online) throw new SyncException("no network (the device is offline)", null);
    return network.poll(since, limit, wait);
  }
}
