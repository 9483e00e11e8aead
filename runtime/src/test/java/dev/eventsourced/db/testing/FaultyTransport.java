package dev.eventsourced.db.testing;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Wraps a transport and injects the faults a network causes, one per scheduled call. */
public final class FaultyTransport implements SyncTransport {

  /** What goes wrong with a call. */
  public enum Fault {
    /** The request never reaches the backend. */
    REQUEST_LOST,
    /** The backend handles the request but the answer is lost. */
    RESPONSE_LOST,
    /** The request is delivered twice; the client sees the second answer. */
    DUPLICATED,
    /** Nothing goes wrong. */
    NONE
  }

  private final SyncTransport delegate;
  private final Deque<Fault> pushFaults = new ArrayDeque<>();
  private final Deque<Fault> pullFaults = new ArrayDeque<>();
  private boolean offline;

  public FaultyTransport(SyncTransport delegate) {
    this.delegate = delegate;
  }

  public FaultyTransport offline(boolean offline) {
    this.offline = offline;
    return this;
  }

  /** Back to a perfect network: online, no scheduled faults. */
  public FaultyTransport heal() {
    offline = false;
    pushFaults.clear();
    pullFaults.clear();
    return this;
  }

  public FaultyTransport nextPush(Fault fault) {
    pushFaults.add(fault);
    return this;
  }

  public FaultyTransport nextPull(Fault fault) {
    pullFaults.add(fault);
    return this;
  }

  @Override
  public PushResult push(List<SyncEvent> events) {
    if (offline) throw new SyncException("offline", null);
    Fault fault = pushFaults.isEmpty() ? Fault.NONE : pushFaults.poll();
    switch (fault) {
      case REQUEST_LOST:
        throw new SyncException("request lost", null);
      case RESPONSE_LOST:
        delegate.push(events);
        throw new SyncException("response lost", null);
      case DUPLICATED:
        delegate.push(events);
        return delegate.push(events);
      default:
        return delegate.push(events);
    }
  }

  @Override
  public PullResult pull(long since, int limit) {
    if (offline) throw new SyncException("offline", null);
    Fault fault = pullFaults.isEmpty() ? Fault.NONE : pullFaults.poll();
    switch (fault) {
      case REQUEST_LOST:
      case RESPONSE_LOST:
        throw new SyncException("pull failed", null);
      case DUPLICATED:
        delegate.pull(since, limit);
        return delegate.pull(since, limit);
      default:
        return delegate.pull(since, limit);
    }
  }
}
