package dev.eventsourced.db.testing;

import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A sync backend in memory keeping the protocol's promises: one global sequence number per event
 * id, answered again on retries, pulls in global order. A custom {@link SyncTransport} as an app
 * would write one.
 */
public final class MemoryBackend implements SyncTransport {

  private final List<SyncEvent> log = new ArrayList<>();
  private final Map<UUID, Long> seqById = new HashMap<>();
  private Predicate<SyncEvent> invalid = event -> false;
  private boolean coreMembersOnly;

  /**
   * Stores only the protocol's core members of each pushed event, dropping the optional {@code
   * fields}, {@code clientId} and {@code schemaVersion}, as the seeds' reference server does.
   */
  public synchronized MemoryBackend keepingCoreMembersOnly() {
    this.coreMembersOnly = true;
    return this;
  }

  /** Appends an event written by another client (a script, another implementation) as it is. */
  public synchronized long appendForeign(
      String collectionId, EventType type, Object key, String payload, List<String> fields) {
    return appendForeign(collectionId, type, key, payload, fields, null);
  }

  /** Appends an event another client wrote with schema version {@code schemaVersion}. */
  public synchronized long appendForeign(
      String collectionId,
      EventType type,
      Object key,
      String payload,
      List<String> fields,
      Integer schemaVersion) {
    SyncEvent event =
        new SyncEvent(
            UUID.randomUUID(),
            collectionId,
            type,
            key.toString(),
            key instanceof Number,
            payload,
            fields,
            System.currentTimeMillis(),
            "foreign-writer",
            schemaVersion,
            null);
    return push(List.of(event)).confirmed().get(0).globalSeq();
  }

  /** Refuses batches containing an event matching {@code predicate}, naming its index. */
  public synchronized MemoryBackend rejecting(Predicate<SyncEvent> predicate) {
    this.invalid = predicate;
    return this;
  }

  @Override
  public synchronized PushResult push(List<SyncEvent> events) {
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (invalid.test(events.get(i)))
        rejections.add(new Rejection(i, "payload", "refused by test backend"));
    }
    if (!rejections.isEmpty()) return PushResult.rejected(rejections);
    List<Confirmation> confirmations = new ArrayList<>();
    for (SyncEvent event : events) {
      Long seq = seqById.get(event.eventId());
      if (seq == null) {
        seq = (long) log.size() + 1;
        seqById.put(event.eventId(), seq);
        log.add(
            coreMembersOnly
                ? new SyncEvent(
                    event.eventId(),
                    event.collectionId(),
                    event.type(),
                    event.key(),
                    event.numericKey(),
                    event.payload(),
                    List.of(),
                    event.timestamp(),
                    null,
                    null,
                    seq)
                : event.withGlobalSeq(seq));
      }
      confirmations.add(new Confirmation(event.eventId(), seq));
    }
    notifyAll(); // wakes long-polls
    return PushResult.confirmed(confirmations);
  }

  @Override
  public synchronized PullResult pull(long since, int limit) {
    int from = (int) Math.min(since, log.size());
    int to = Math.min(log.size(), from + limit);
    List<SyncEvent> page = List.copyOf(log.subList(from, to));
    long cursor = page.isEmpty() ? since : page.get(page.size() - 1).globalSeq();
    return new PullResult(page, cursor, to < log.size()).withHead(log.size());
  }

  /** Waits (up to {@code wait}) for events after {@code since}, as the server's long-poll does. */
  @Override
  public synchronized PullResult poll(long since, int limit, java.time.Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (log.size() <= since) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.eventsourced.db.exception.SyncException("poll interrupted", e);
    }
    return pull(since, limit);
  }

  /** Every event stored, in global order. */
  public synchronized List<SyncEvent> log() {
    return List.copyOf(log);
  }
}
