package dev.eventsourced.db.event;

import dev.eventsourced.db.EventSourcedDb;
import java.util.List;

/**
 * Read access to the database's global event log, for tests, tools and debugging. Obtained with
 * {@link EventSourcedDb#eventLog()}.
 */
public interface EventLog {

  /** Up to {@code limit} events with {@code localSeq > afterLocalSeq}, in local order. */
  List<Event> since(long afterLocalSeq, int limit);

  /** Every event, in local order. Reads the whole log: meant for tests and small logs. */
  List<Event> all();

  /** The number of events waiting in the outbox (status {@code PENDING}). */
  long pendingCount();

  /** The pending events in local order, at most {@code limit}. */
  List<Event> pending(int limit);

  /** The number of events in the log. */
  long size();

  /** The highest local sequence number, or 0 when the log is empty. */
  long lastLocalSeq();
}
