package dev.eventsourced.db.event;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.protocol.EventType;
import java.util.List;

/**
 * A collection's own way of folding events into a row, replacing the default (an insert sets the
 * whole row, an update sets the fields it lists, a delete removes the row). It is called for every
 * event applied to a row when the row is replayed: events with a global sequence number in that
 * order, then the row's pending local events in local order. It must be deterministic — a pure
 * function of its arguments — or devices will not converge.
 *
 * <p>Register one with {@link EventSourcedDb.Builder#resolver}. Local mutations fold through it
 * too: after a local write the visible row is {@code resolve(previous row, that event)}, which is
 * what recomputing the row later gives, since pending events fold last, in local order.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface ConflictResolver<T extends Record> {

  /**
   * The row after {@code event} is applied to {@code current}.
   *
   * @param current the row before, or {@code null} when absent
   * @param event the event being applied
   * @return the row after, or {@code null} to remove it
   */
  T resolve(T current, Applied<T> event);

  /**
   * An event as the resolver sees it.
   *
   * @param type insert, update or delete
   * @param row the event's payload decoded as a row (for a delete, the row as its writer last saw
   *     it)
   * @param fields for an update, the components it changed; empty when it sets the whole row
   * @param origin whether the event was written here or pulled
   * @param globalSeq the server's order, or {@code null} for a pending local event
   * @param timestamp when the event was written, epoch milliseconds (writer's clock)
   */
  record Applied<T>(
      EventType type, T row, List<String> fields, Origin origin, Long globalSeq, long timestamp) {}
}
