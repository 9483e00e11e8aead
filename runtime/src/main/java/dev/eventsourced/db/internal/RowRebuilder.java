package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.event.Verification.Difference;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.protocol.EventType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds rows of one collection from their events: those with a global sequence number in that
 * order, then pending local ones in local order (rejected local events are left out), each folded
 * by the collection's {@link Fold}. Rebase after a pull, echo reconciliation, a collection added to
 * a file that already logged its events, and {@code verify()} all rebuild here, so a sync never
 * costs time proportional to the table, only to the touched keys' histories.
 */
final class RowRebuilder<T extends Record, K> {

  private static final String FOLDED =
      "(\"global_seq\" IS NOT NULL OR \"sync_status\" = 'pending')";
  private static final String ROW_EVENTS =
      "SELECT "
          + EventLogStore.COLUMNS
          + " FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? AND "
          + FOLDED
          + " ORDER BY \"global_seq\" IS NULL, \"global_seq\", \"local_seq\"";
  private static final String COLLECTION_EVENTS =
      "SELECT "
          + EventLogStore.COLUMNS
          + " FROM \"_events\" WHERE \"collection_id\" = ? AND "
          + FOLDED
          + " ORDER BY \"key\", \"global_seq\" IS NULL, \"global_seq\", \"local_seq\"";
  private static final String COUNT_PENDING =
      "SELECT count(*) FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? AND \"sync_status\" = 'pending'";
  private static final String LOGGED_KEYS =
      "SELECT DISTINCT \"key\" FROM \"_events\" WHERE \"collection_id\" = ?";

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

  /**
   * Folds a key's events, in order, in memory. Events the fold cannot read are skipped (they were
   * reported when they arrived).
   */
  private Folded<T> fold(List<dev.eventsourced.db.event.Event> events) {
    T row = null;
    Origin origin = null;
    int pending = 0;
    for (dev.eventsourced.db.event.Event event : events) {
      if (event.syncStatus() == SyncStatus.PENDING) pending++;
      Fold.Step<T, K> step;
      try {
        step =
            fold.read(
                event.type(),
                event.key(),
                event.payload(),
                event.fields(),
                event.origin(),
                event.globalSeq(),
                event.timestamp());
      } catch (UnreadableEventException e) {
        continue;
      }
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

  /**
   * Folds the events already in the log into this collection's new table: a collection a database
   * did not have when it pulled them gets their rows when it is added.
   *
   * @return the changes, one per key
   */
  List<Change> rebuildAll(Conn conn) throws SQLException {
    PreparedStatement select = conn.prepare(LOGGED_KEYS);
    select.setString(1, definition.collectionId());
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) keys.add(rs.getString(1));
    }
    List<Change> changes = new ArrayList<>(keys.size());
    for (String key : keys) {
      try {
        changes.add(rebuild(conn, key, EventType.INSERT));
      } catch (IllegalArgumentException e) {
        // A key this version of the record cannot read: left in the log.
      }
    }
    return changes;
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
    List<dev.eventsourced.db.event.Event> history = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        dev.eventsourced.db.event.Event event = EventLogStore.read(rs);
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
      List<dev.eventsourced.db.event.Event> history,
      Map<String, T> stored,
      Map<String, Boolean> synced,
      List<Difference> differences) {
    String keyText = history.get(0).key();
    try {
      keyText = definition.keyToString(definition.keyFromString(keyText));
    } catch (RuntimeException e) {
      return; // events of a key this version cannot read: not folded, nothing to compare
    }
    Folded<T> folded = fold(history);
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

  private List<dev.eventsourced.db.event.Event> events(Conn conn, String keyText)
      throws SQLException {
    PreparedStatement select = conn.prepare(ROW_EVENTS);
    select.setString(1, definition.collectionId());
    select.setString(2, keyText);
    List<dev.eventsourced.db.event.Event> events = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) events.add(EventLogStore.read(rs));
    }
    return events;
  }
}
