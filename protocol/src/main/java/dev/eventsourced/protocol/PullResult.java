package dev.eventsourced.protocol;

import java.util.List;

/**
 * A page of pulled events.
 *
 * <p>{@link SyncJson#readPullPage} is lenient per event: an event it cannot represent as a {@link
 * SyncEvent} is listed in {@code skipped} instead of refusing the page. {@code events} and {@code
 * skipped} are each in global order; how they interleave is given by their {@code globalSeq} only.
 * A backend builds pages with {@code skipped} empty (the three-argument constructor).
 *
 * @param events the events after the cursor the client sent, in global order, each with its {@code
 *     globalSeq}
 * @param cursor where the next pull starts: the last event's global sequence number, or the
 *     client's {@code since} when there were none
 * @param hasMore whether more events follow right away
 * @param skipped the page's events that break a rule of the protocol and could not be read, in
 *     global order; empty when every event was read
 * @param head the backend's last global sequence number when it answered (optional member {@code
 *     "head"}), so that a client knows how far behind it is; {@code null} when the backend did not
 *     say (an older server, or a pull filtered by collection, where it would count other
 *     collections' events)
 */
public record PullResult(
    List<SyncEvent> events, long cursor, boolean hasMore, List<SkippedEvent> skipped, Long head) {

  public PullResult {
    events = List.copyOf(events);
    skipped = List.copyOf(skipped);
  }

  /** A page whose every event was read: {@code skipped} is empty; no head. */
  public PullResult(List<SyncEvent> events, long cursor, boolean hasMore) {
    this(events, cursor, hasMore, List.of(), null);
  }

  /** A page without a head. */
  public PullResult(
      List<SyncEvent> events, long cursor, boolean hasMore, List<SkippedEvent> skipped) {
    this(events, cursor, hasMore, skipped, null);
  }

  /** This page with the backend's last global sequence number. */
  public PullResult withHead(long head) {
    return new PullResult(events, cursor, hasMore, skipped, head);
  }
}
