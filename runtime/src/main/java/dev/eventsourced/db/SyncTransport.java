package dev.eventsourced.db;

import java.util.List;
import java.util.UUID;

/**
 * How a database exchanges events with its sync backend: push a batch of pending events and get
 * their global sequence numbers back; pull the events after a cursor. {@link HttpSyncTransport}
 * speaks the reference HTTP protocol; implement this interface to sync over WebSocket, gRPC, a
 * message queue or straight into a database.
 *
 * <p>Contract, which the backend must keep for devices to converge: every event gets one global
 * sequence number, the same however often it is pushed (a retried push is answered with the
 * numbers the events got the first time); pulls return events in global order and never skip
 * one. Calls come one at a time, in order, from a helper thread of the database that runs them
 * while the thread running {@link EventSourcedDb#sync()} records the previous answer in SQLite.
 */
public interface SyncTransport {

  /**
   * Sends 1..500 events, in local order.
   *
   * @return a confirmation for every event, or the reasons the batch was refused as invalid (then
   *     the backend stored none of it)
   * @throws SyncException when the outcome is unknown (network failure, timeout, server error):
   *     the events stay pending and are pushed again next time
   */
  PushResult push(List<SyncEvent> events);

  /**
   * Fetches up to {@code limit} events with a global sequence number greater than {@code since},
   * in global order.
   *
   * @throws SyncException when the events could not be fetched
   */
  PullResult pull(long since, int limit);

  /**
   * The answer to a push: either every event {@code confirmed}, or {@code rejected} non-empty and
   * nothing stored.
   *
   * @param confirmed the global sequence number of each event
   * @param rejected why the batch was refused; {@link Rejection#index()} points into the batch
   */
  record PushResult(List<Confirmation> confirmed, List<Rejection> rejected) {
    public PushResult {
      confirmed = List.copyOf(confirmed);
      rejected = List.copyOf(rejected);
    }

    /** Every event stored, with these numbers. */
    public static PushResult confirmed(List<Confirmation> confirmations) {
      return new PushResult(confirmations, List.of());
    }

    /** The batch refused as invalid; nothing stored. */
    public static PushResult rejected(List<Rejection> rejections) {
      if (rejections.isEmpty()) throw new IllegalArgumentException("a rejection needs at least one reason");
      return new PushResult(List.of(), rejections);
    }
  }

  /** The global sequence number the backend gave an event. */
  record Confirmation(UUID eventId, long globalSeq) {}

  /**
   * Why the backend refused a batch.
   *
   * @param index the position in the batch of the invalid event, or -1 when the fault is not one
   *     event's (e.g. the batch as a whole)
   * @param field the event member at fault, or {@code null}
   * @param message the backend's explanation
   */
  record Rejection(int index, String field, String message) {}

  /**
   * A page of pulled events.
   *
   * @param events the events, in global order
   * @param cursor where the next pull starts: the last event's global sequence number, or {@code
   *     since} when there were none
   * @param hasMore whether more events follow right away
   */
  record PullResult(List<SyncEvent> events, long cursor, boolean hasMore) {
    public PullResult {
      events = List.copyOf(events);
    }
  }
}
