package dev.eventsourced.protocol;

import java.util.List;

/**
 * A page of pulled events.
 *
 * @param events the events after the cursor the client sent, in global order, each with its
 *     {@code globalSeq}
 * @param cursor where the next pull starts: the last event's global sequence number, or the
 *     client's {@code since} when there were none
 * @param hasMore whether more events follow right away
 */
public record PullResult(List<SyncEvent> events, long cursor, boolean hasMore) {
  public PullResult {
    events = List.copyOf(events);
  }
}
