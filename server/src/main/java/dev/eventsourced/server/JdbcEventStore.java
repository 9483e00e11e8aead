package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.protocol.SyncJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SQLite and PostgreSQL stores share: the single group-commit writer, the visible head and
 * its listeners, the de-duplication plan of an append, and the row layout.
 *
 * <p>Both tables have the columns {@value #COLUMNS}. The payload column holds the JSON text exactly
 * as the client sent it, the key column the key as a JSON value: a number exactly as sent, a string
 * quoted ({@link #keyColumn}).
 */
abstract class JdbcEventStore implements EventStore {

  static final String COLUMNS =
      "global_seq, event_id, collection_id, type, key_json, payload_json, timestamp_ms, fields_json, client_id, schema_version";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);

  private final AtomicLong head = new AtomicLong();
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private GroupCommitWriter writer;

  /** Starts the writer; call once the store can take appends. */
  final void startWriter(String name, long initialHead) {
    head.accumulateAndGet(initialHead, Math::max);
    writer = new GroupCommitWriter(name, this::appendAll);
  }

  /**
   * Stores the new ones of {@code events} in one transaction and returns every event's globalSeq.
   * Runs on the writer thread only.
   */
  abstract long[] appendAll(List<SyncEvent> events) throws SQLException;

  @Override
  public final List<Confirmation> append(List<SyncEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    return writer.append(events);
  }

  @Override
  public final long lastSeq() {
    return head.get();
  }

  @Override
  public final void addAppendListener(LongConsumer listener) {
    listeners.add(listener);
  }

  @Override
  public final void removeAppendListener(LongConsumer listener) {
    listeners.remove(listener);
  }

  /**
   * Records that every event up to {@code seq} is visible, and tells the listeners if that is news.
   */
  final void advanceHead(long seq) {
    advanceHead(seq, null);
  }

  /**
   * Records that every event up to {@code seq} is visible, committed in events of {@code
   * collections} ({@code null}: not known), and tells the listeners if that is news. A commit whose
   * collections are known is news to the {@link CommitListener}s even when the head already passed
   * it (a later commit of another instance was announced first, naming only its own collections):
   * they hear it with the current head, so that no long-poll on these collections is left waiting.
   */
  final void advanceHead(long seq, Set<String> collections) {
    long previous = head.getAndAccumulate(seq, Math::max);
    boolean advanced = seq > previous;
    if (!advanced && (collections == null || collections.isEmpty())) {
      return;
    }
    long last = Math.max(seq, previous);
    for (LongConsumer listener : listeners) {
      try {
        if (listener instanceof CommitListener) {
          ((CommitListener) listener).committed(last, collections);
        } else if (advanced) {
          listener.accept(seq);
        }
      } catch (RuntimeException e) {
        LOG.warn("An append listener failed; the others are still told", e);
      }
    }
  }

  /** Stops the writer; pending appends fail. */
  final void stopWriter() {
    if (writer != null) {
      writer.close();
    }
  }

  /**
   * Which events of an append are new and which globalSeq each one gets. Repeated ids, inside the
   * list or already stored, get the seq of the first; new events get {@code lastSeq + 1, + 2, ...}
   * in list order.
   */
  static final class AppendPlan {
    final long[] seqs;
    final List<SyncEvent> newEvents = new ArrayList<>();
    final List<Long> newSeqs = new ArrayList<>();

    AppendPlan(List<SyncEvent> events, Map<UUID, Long> stored, long lastSeq) {
      seqs = new long[events.size()];
      Map<UUID, Long> assigned = new HashMap<>(stored);
      long next = lastSeq;
      for (int i = 0; i < events.size(); i++) {
        SyncEvent event = events.get(i);
        Long seq = assigned.get(event.eventId());
        if (seq == null) {
          seq = ++next;
          assigned.put(event.eventId(), seq);
          newEvents.add(event);
          newSeqs.add(seq);
        }
        seqs[i] = seq;
      }
    }

    /** The collections of the new events. */
    Set<String> newCollections() {
      Set<String> collections = new HashSet<>();
      for (SyncEvent event : newEvents) {
        collections.add(event.collectionId());
      }
      return collections;
    }

    /** The highest seq assigned to a new event, or 0 when nothing is new. */
    long lastNewSeq() {
      return newSeqs.isEmpty() ? 0 : newSeqs.get(newSeqs.size() - 1);
    }
  }

  /** How a store reads the columns whose JDBC mapping differs between the stores. */
  interface ColumnReader {
    UUID id(ResultSet row, int column) throws SQLException;

    String text(ResultSet row, int column) throws SQLException;
  }

  /**
   * The key column: the key as the JSON value it travelled as (a number's text, or a quoted
   * string).
   */
  static String keyColumn(SyncEvent event) {
    return SyncJson.keyToJson(event.key(), event.numericKey());
  }

  /** Reads one row selected as {@link #COLUMNS}: a stored event with its globalSeq. */
  static SyncEvent readRow(ResultSet row, ColumnReader columns) throws SQLException {
    long schemaVersion = row.getLong(10);
    Integer version = row.wasNull() ? null : (int) schemaVersion;
    String type = columns.text(row, 4);
    String keyJson = columns.text(row, 5);
    return new SyncEvent(
        columns.id(row, 2),
        columns.text(row, 3),
        EventType.findByWireName(type)
            .orElseThrow(() -> new IllegalStateException("unknown event type stored: " + type)),
        SyncJson.keyFromJson(keyJson),
        SyncJson.isNumericKeyJson(keyJson),
        columns.text(row, 6),
        FieldsJson.read(columns.text(row, 8)),
        row.getLong(7),
        columns.text(row, 9),
        version,
        row.getLong(1));
  }
}
