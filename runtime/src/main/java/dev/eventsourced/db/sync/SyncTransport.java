package dev.eventsourced.db.sync;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.time.Duration;
import java.util.List;

/**
 * How a database exchanges events with its sync backend: push a batch of pending events and get
 * their global sequence numbers back; pull the events after a cursor. {@link HttpSyncTransport}
 * speaks the reference HTTP protocol; implement this interface to sync over WebSocket, gRPC, a
 * message queue or straight into a database.
 *
 * <p>The values exchanged are the wire model of the {@code eventsourced-protocol} module, which the
 * reference server uses too: {@link SyncEvent}, {@link PushResult} (confirmations or rejections)
 * and {@link PullResult}. {@link dev.eventsourced.protocol.EventRules} holds the rules a backend
 * checks; {@link dev.eventsourced.protocol.SyncJson} reads and writes the protocol's JSON.
 *
 * <p>Contract, which the backend must keep for devices to converge: every event gets one global
 * sequence number, the same however often it is pushed (a retried push is answered with the numbers
 * the events got the first time); pulls return events in global order and never skip one. Calls
 * come one at a time, in order, from a helper thread of the database that runs them while the
 * thread running {@link EventSourcedDb#sync()} records the previous answer in SQLite.
 */
public interface SyncTransport {

  /**
   * Sends 1..500 events, in local order.
   *
   * @return a confirmation for every event, or the reasons the batch was refused as invalid (then
   *     the backend stored none of it); a {@link dev.eventsourced.protocol.Rejection#index()}
   *     points into {@code events}
   * @throws SyncException when the outcome is unknown (network failure, timeout, server error): the
   *     events stay pending and are pushed again next time
   */
  PushResult push(List<SyncEvent> events);

  /**
   * Fetches up to {@code limit} events with a global sequence number greater than {@code since}, in
   * global order, each with its {@link SyncEvent#globalSeq()}.
   *
   * @throws SyncException when the events could not be fetched
   */
  PullResult pull(long since, int limit);

  /**
   * Waits up to {@code wait} for the backend to hold events after {@code since} and returns them as
   * {@link #pull} would (an empty page when none came): how automatic sync hears about other
   * devices' events as soon as they are committed (HTTP long-poll, a stream, a notification). It is
   * called from its own thread, concurrently with {@link #push} and {@link #pull}, and interrupted
   * when the database closes.
   *
   * @return the page, or {@code null} when this transport cannot wait (the default): automatic sync
   *     then pulls on its periodic interval
   * @throws SyncException when the backend could not be asked
   */
  default PullResult poll(long since, int limit, Duration wait) {
    return null;
  }
}
