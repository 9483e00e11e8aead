package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.event.Verification.Difference;
import dev.eventsourced.db.exception.SchemaMismatchException;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.protocol.EventType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Rebuilds rows of one collection from their events: those with a global sequence number in that
 * order, then the others (pending local ones, or every event of a local-only collection) in local
 * order (rejected local events are left out), each folded by the collection's {@link Fold}. Rebase
 * after a pull, echo reconciliation, a collection added to a file that already logged its events,
 * and {@code verify()} all rebuild here, so a sync never costs time proportional to the table, only
 * to the touched keys' histories.
 */
final class RowRebuilder<T extends Record, K> {

  /**
   * The events the fold reads: all but the local ones the server rejected (a pulled event this
   * version could not read is marked rejected too, but has a global sequence number: a later
   * version of the record may read it). Events of a local-only collection are synced without one.
   */
  private static final String FOLDED =
      "(\"sync_status\" <> 'rejected' OR \"global_seq\" IS NOT NULL)";

  /** What the fold reads of an event: not its id or collection, which it does not need. */
  private static final String FOLD_COLUMNS =
      "\"local_seq\", \"type\", \"key\", \"payload\", \"fields\", \"timestamp\", \"origin\", "
          + "\"global_seq\", \"sync_status\", \"schema_version\", \"error\"";

  private static final String ROW_EVENTS =
      "SELECT "
          + FOLD_COLUMNS
          + " FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? AND "
          + FOLDED
          + " ORDER BY \"global_seq\" IS NULL, \"global_seq\", \"local_seq\"";
  private static final String COLLECTION_EVENTS =
      "SELECT "
          + FOLD_COLUMNS
          + " FROM \"_events\" WHERE \"collection_id\" = ? AND "
          + FOLDED
          // The index on (collection_id, key) gives this order without sorting (its entries end
          // with the rowid, local_seq); each key's few events are put in fold order in memory.
          + " ORDER BY \"key\", \"local_seq\"";
  private static final String COUNT_PENDING =
      "SELECT count(*) FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? AND \"sync_status\" = 'pending'";
  private static final String COUNT_EVENTS =
      "SELECT count(*) FROM \"_events\" WHERE \"collection_id\" = ? AND " + FOLDED;

  private final CollectionDefinition<T, K> definition;
  private final Fold<T, K> fold;
  private final StateTable<T, K> table;

  RowRebuilder(CollectionDefinition<T, K> definition, Fold<T, K> fold, StateTable<T, K> table) {
    this.definition = definition;
    this.fold = fold;
    this.table = table;
  }

  /** A row as its events fold it. */
  record Folded<T>(T row, Origin origin, int pending) {}

  /** A logged event as the fold reads it ({@link #FOLD_COLUMNS}). */
  record Logged(
      long localSeq,
      EventType type,
      String key,
      String payload,
      List<String> fields,
      long timestamp,
      Origin origin,
      Long globalSeq,
      SyncStatus status,
      int schemaVersion,
      String error) {

    static Logged read(ResultSet rs) throws SQLException {
      long globalSeq = rs.getLong(8);
      Long global = rs.wasNull() ? null : globalSeq;
      return new Logged(
          rs.getLong(1),
          EventType.fromWireName(rs.getString(2)),
          rs.getString(3),
          rs.getString(4),
          EventLogStore.parseFields(rs.getString(5)),
          rs.getLong(6),
          Origin.fromWireName(rs.getString(7)),
          global,
          SyncStatus.fromWireName(rs.getString(9)),
          rs.getInt(10),
          rs.getString(11));
    }
  }

  /** What a fold does with the events it cannot read, and with marked ones it reads. */
  interface Reading {
    /** An event the fold cannot read (it skips it, unless this throws). */
    void unreadable(Logged event, UnreadableEventException reason) throws SQLException;

    /** An event that carries a mark ({@code error}) and that the fold read. */
    void readMarked(Logged event) throws SQLException;
  }

  /** Skips what it cannot read: such events were reported when they arrived. */
  private static final Reading SKIP =
      new Reading() {
        @Override
        public void unreadable(Logged event, UnreadableEventException reason) {}

        @Override
        public void readMarked(Logged event) {}
      };

  /** Folds a key's events, in order, in memory, skipping those it cannot read. */
  private Folded<T> fold(List<Logged> events) throws SQLException {
    return fold(events, SKIP);
  }

  /** The fold order of invariant 4: known global order first, then local order. */
  private static <E> Comparator<E> foldOrder(
      Function<E, Long> globalSeq, ToLongFunction<E> localSeq) {
    return Comparator.comparing((E event) -> globalSeq.apply(event) == null)
        .thenComparing(globalSeq, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparingLong(localSeq);
  }

  private static final Comparator<Logged> FOLD_ORDER =
      foldOrder(Logged::globalSeq, Logged::localSeq);

  /** Folds one key's events, read in local order. */
  private Folded<T> foldKey(List<Logged> events, Reading reading) throws SQLException {
    events.sort(FOLD_ORDER);
    return fold(events, reading);
  }

  private Folded<T> fold(List<Logged> events, Reading reading) throws SQLException {
    T row = null;
    Origin origin = null;
    int pending = 0;
    for (Logged event : events) {
      if (event.status() == SyncStatus.PENDING) pending++;
      Fold.Step<T, K> step;
      try {
        step =
            fold.read(
                event.type(),
                event.key(),
                event.payload(),
                event.fields(),
                event.schemaVersion(),
                event.origin(),
                event.globalSeq(),
                event.timestamp());
      } catch (UnreadableEventException e) {
        reading.unreadable(event, e);
        continue;
      }
      if (event.error() != null) reading.readMarked(event);
      T next = fold.apply(row, step);
      if (next != row) origin = event.origin();
      row = next;
    }
    return new Folded<>(row, row == null ? null : origin, pending);
  }

  /**
   * Rebuilds the row of {@code keyText} from its events.
   *
   * @return the row's change, for listeners
   * @throws IllegalArgumentException when {@code keyText} is not a key of this collection
   */
  Change rebuild(Conn conn, String keyText, EventType cause) throws SQLException {
    K key = definition.keyFromString(keyText);
    Folded<T> folded = fold(events(conn, keyText));
    if (folded.row() == null) {
      table.remove(conn, key);
    } else {
      table.put(conn, folded.row(), folded.origin());
      table.setPending(conn, key, folded.pending());
    }
    return table.changeOf(conn, key, cause);
  }

  /** What {@link #refill} did. */
  record Refill(long events, long rows, List<Change> changes) {}

  /** Told how far {@link #refill} has come. */
  interface Progress {
    void report(long events, long rows);
  }

  /**
   * Fills the collection's new, empty table from the log: every key's events are folded in memory,
   * one key at a time, and the row they leave is inserted with its origin and pending count. Reads
   * only the log, never the old table, so a record's new shape gets its rows from the events alone.
   *
   * @param strict when an event the record read before cannot be read now (a change of the record
   *     that breaks it), fail rather than skip it. Events marked when they were pulled (unreadable,
   *     or of a newer schema version) are skipped either way, and their mark is cleared when this
   *     version reads them.
   * @param collectChanges whether to return a change per row, for listeners
   * @throws SchemaMismatchException in strict mode, naming the first event it cannot read
   */
  Refill refill(Conn conn, boolean strict, boolean collectChanges, Progress progress)
      throws SQLException {
    Reading reading =
        new Reading() {
          @Override
          public void unreadable(Logged event, UnreadableEventException reason)
              throws SQLException {
            if (event.error() != null || event.schemaVersion() > definition.schemaVersion()) {
              return; // marked when pulled, or written by a later version: kept for later
            }
            if (strict) throw unreadableAfterChange(event, reason);
            if (event.globalSeq() != null) {
              EventLogStore.markUnreadable(conn, event.localSeq(), reason.getMessage());
            }
          }

          @Override
          public void readMarked(Logged event) throws SQLException {
            if (event.schemaVersion() <= definition.schemaVersion()) {
              EventLogStore.clearMark(conn, event.localSeq());
            }
          }
        };
    List<Change> changes = new ArrayList<>();
    PreparedStatement select = conn.prepare(COLLECTION_EVENTS);
    select.setString(1, definition.collectionId());
    long events = 0;
    long rows = 0;
    List<Logged> history = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      boolean more = rs.next();
      while (more) {
        Logged event = Logged.read(rs);
        more = rs.next();
        history.add(event);
        events++;
        if (more && rs.getString(3).equals(event.key())) continue;
        Folded<T> folded = foldKey(history, reading);
        history.clear();
        if (folded.row() != null) {
          table.insertFolded(conn, folded.row(), folded.origin(), folded.pending());
          rows++;
          if (collectChanges) {
            changes.add(
                new Change(
                    definition.collectionId(),
                    definition.keyOf(folded.row()),
                    EventType.INSERT,
                    folded.row(),
                    folded.origin(),
                    folded.pending() == 0));
          }
        }
        if ((events & 0x1FFF) == 0 || !more) progress.report(events, rows);
      }
    }
    progress.report(events, rows);
    return new Refill(events, rows, changes);
  }

  private SchemaMismatchException unreadableAfterChange(
      Logged event, UnreadableEventException reason) {
    return new SchemaMismatchException(
        "collection '"
            + definition.collectionId()
            + "' ("
            + definition.recordType().getName()
            + ", schema version "
            + definition.schemaVersion()
            + ") cannot read its logged event #"
            + event.localSeq()
            + " ("
            + event.type().wireName()
            + " of key "
            + event.key()
            + ", written with schema version "
            + event.schemaVersion()
            + "): "
            + reason.getMessage()
            + ". The record changed in a way that breaks its old events; nothing in the file was "
            + "changed (the table keeps its old rows). Add an @Upcast(fromVersion = "
            + event.schemaVersion()
            + ") method to "
            + definition.recordType().getSimpleName()
            + " that rewrites such payloads into the new shape, or undo the change "
            + "(README, \"Changing your records\")");
  }

  /** The number of events {@link #refill} reads. */
  long countEvents(Conn conn) throws SQLException {
    PreparedStatement select = conn.prepare(COUNT_EVENTS);
    select.setString(1, definition.collectionId());
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** The number of pending local events of the row {@code keyText}. */
  int countPending(Conn conn, String keyText) throws SQLException {
    PreparedStatement select = conn.prepare(COUNT_PENDING);
    select.setString(1, definition.collectionId());
    select.setString(2, keyText);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Compares every row with the fold of its events; adds what differs to {@code differences}. */
  void verify(Conn conn, List<Difference> differences) throws SQLException {
    Map<String, T> stored = new HashMap<>();
    Map<String, Boolean> synced = new HashMap<>();
    table.forEachWithPending(
        conn,
        (row, origin, isSynced) -> {
          String key = definition.keyToString(definition.keyOf(row));
          stored.put(key, row);
          synced.put(key, isSynced);
          return null;
        });
    PreparedStatement select = conn.prepare(COLLECTION_EVENTS);
    select.setString(1, definition.collectionId());
    List<Logged> history = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        Logged event = Logged.read(rs);
        if (!history.isEmpty() && !history.get(0).key().equals(event.key())) {
          compare(history, stored, synced, differences);
          history.clear();
        }
        history.add(event);
      }
    }
    if (!history.isEmpty()) compare(history, stored, synced, differences);
    for (Map.Entry<String, T> row : stored.entrySet()) {
      differences.add(
          new Difference(
              definition.collectionId(),
              row.getKey(),
              null,
              row.getValue(),
              "the state table has a row that no event creates"));
    }
  }

  private void compare(
      List<Logged> history,
      Map<String, T> stored,
      Map<String, Boolean> synced,
      List<Difference> differences)
      throws SQLException {
    String keyText = history.get(0).key();
    try {
      keyText = definition.keyToString(definition.keyFromString(keyText));
    } catch (RuntimeException e) {
      return; // events of a key this version cannot read: not folded, nothing to compare
    }
    Folded<T> folded = foldKey(history, SKIP);
    T row = stored.remove(keyText);
    Boolean isSynced = synced.remove(keyText);
    if (!fold.sameRow(folded.row(), row)) {
      differences.add(
          new Difference(
              definition.collectionId(),
              keyText,
              folded.row(),
              row,
              folded.row() == null
                  ? "the events delete the row or never create it, but the state table has it"
                  : row == null
                      ? "the events create the row, but the state table lacks it"
                      : "the state table's values differ from the fold of the events"));
    } else if (row != null && isSynced != (folded.pending() == 0)) {
      differences.add(
          new Difference(
              definition.collectionId(),
              keyText,
              folded.row(),
              row,
              "the row has "
                  + folded.pending()
                  + " pending events but is marked "
                  + (isSynced ? "synced" : "pending")));
    }
  }

  /**
   * Every event of the row {@code keyText}, in fold order, each with the row the fold leaves after
   * it: rejected local events and unreadable ones are listed but not folded.
   */
  List<HistoryStep> history(Conn conn, String keyText) throws SQLException {
    List<Event> events =
        new ArrayList<>(EventLogStore.ofRow(conn, definition.collectionId(), keyText));
    events.sort(foldOrder(Event::globalSeq, Event::localSeq));
    List<HistoryStep> steps = new ArrayList<>(events.size());
    T row = null;
    for (Event event : events) {
      if (event.syncStatus() == SyncStatus.REJECTED && event.globalSeq() == null) {
        steps.add(new HistoryStep(event, row, false, "rejected by the server: not folded"));
        continue;
      }
      Fold.Step<T, K> step;
      try {
        step =
            fold.read(
                event.type(),
                event.key(),
                event.payload(),
                event.fields(),
                event.schemaVersion(),
                event.origin(),
                event.globalSeq(),
                event.timestamp());
      } catch (UnreadableEventException e) {
        steps.add(new HistoryStep(event, row, false, "unreadable: " + e.getMessage()));
        continue;
      }
      row = fold.apply(row, step);
      steps.add(new HistoryStep(event, row, true, null));
    }
    return steps;
  }

  private List<Logged> events(Conn conn, String keyText) throws SQLException {
    PreparedStatement select = conn.prepare(ROW_EVENTS);
    select.setString(1, definition.collectionId());
    select.setString(2, keyText);
    List<Logged> events = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) events.add(Logged.read(rs));
    }
    return events;
  }
}
