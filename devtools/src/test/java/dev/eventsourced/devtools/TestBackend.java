package dev.eventsourced.devtools;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An in-memory sync backend that refuses events whose payload contains {@code INVALID}. */
final class TestBackend implements SyncTransport {

  private final List<SyncEvent> log = new ArrayList<>();
  private final Map<UUID, Long> seqById = new HashMap<>();
  private volatile boolean rejecting = true;
  private volatile boolean offline;

  /** Whether the backend is unreachable: every call fails as a network failure would. */
  void offline(boolean offline) {
    this.offline = offline;
  }

  private void reachable() {
    if (offline) throw new SyncException("test backend offline", 0, null);
  }

  /** Whether events containing INVALID are refused (default true). */
  void rejecting(boolean rejecting) {
    this.rejecting = rejecting;
  }

  @Override
  public synchronized PushResult push(List<SyncEvent> events) {
    reachable();
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (rejecting && events.get(i).payload().contains("INVALID")) {
        rejections.add(new Rejection(i, "title", "titles must not say INVALID"));
      }
    }
    if (!rejections.isEmpty()) return PushResult.rejected(rejections);
    List<Confirmation> confirmations = new ArrayList<>();
    for (SyncEvent event : events) {
      Long seq = seqById.get(event.eventId());
      if (seq == null) {
        seq = (long) log.size() + 1;
        seqById.put(event.eventId(), seq);
        log.add(event.withGlobalSeq(seq));
      }
      confirmations.add(new Confirmation(event.eventId(), seq));
    }
    return PushResult.confirmed(confirmations);
  }

  @Override
  public synchronized PullResult pull(long since, int limit) {
    reachable();
    int from = (int) Math.min(since, log.size());
    int to = Math.min(log.size(), from + limit);
    List<SyncEvent> page = List.copyOf(log.subList(from, to));
    long cursor = page.isEmpty() ? since : page.get(page.size() - 1).globalSeq();
    return new PullResult(page, cursor, to < log.size()).withHead(log.size());
  }
}
