package dev.eventsourced.db.internal;

import dev.eventsourced.protocol.EventType;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows a batch of confirmations or a pulled page touched, settled once at the end of its
 * transaction: a row whose fold order changed is rebuilt from its events; one that only had events
 * confirmed gets its pending count again.
 */
final class TouchedRows {

  private final Engine engine;
  private final Map<String, Row> rows = new LinkedHashMap<>();

  TouchedRows(Engine engine) {
    this.engine = engine;
  }

  private record Row(CollectionStore<?, ?> store, String key, EventType type, boolean rebuild) {}

  /** Whether the row was touched already (so a later event of it must not skip the rebuild). */
  boolean contains(String collectionId, String key) {
    return rows.containsKey(collectionId + '\0' + key);
  }

  /** The row must be rebuilt from its events. */
  void rebuild(String collectionId, String key, EventType cause) {
    add(collectionId, key, cause, true);
  }

  /** The row had an event confirmed: its pending count changes, its value does not. */
  void recount(String collectionId, String key, EventType cause) {
    add(collectionId, key, cause, false);
  }

  private void add(String collectionId, String key, EventType cause, boolean rebuild) {
    CollectionStore<?, ?> store = engine.store(collectionId);
    if (store == null) return; // kept in the log; this database has no such collection
    rows.merge(
        collectionId + '\0' + key,
        new Row(store, key, cause, rebuild),
        (a, b) -> new Row(a.store(), a.key(), b.type(), a.rebuild() || b.rebuild()));
  }

  /** Rebuilds or recounts every touched row, telling listeners. */
  void settle(Conn conn, Tx tx) throws SQLException {
    for (Row row : rows.values()) {
      if (row.rebuild()) rebuild(conn, tx, row.store(), row.key(), row.type());
      else recount(conn, tx, row.store(), row.key(), row.type());
    }
    rows.clear();
  }

  private static void rebuild(
      Conn conn, Tx tx, CollectionStore<?, ?> store, String keyText, EventType cause)
      throws SQLException {
    try {
      tx.changed(store.rebuilder().rebuild(conn, keyText, cause));
    } catch (IllegalArgumentException e) {
      // Not a key of the collection: its events are kept in the log and folded by no one.
    }
  }

  private <T extends Record, K> void recount(
      Conn conn, Tx tx, CollectionStore<T, K> store, String keyText, EventType cause)
      throws SQLException {
    K key = store.definition().keyFromString(keyText);
    // Counted, not decremented: a row deleted and inserted again meanwhile has more pending events
    // than its _pending says.
    store.state().setPending(conn, key, store.rebuilder().countPending(conn, keyText));
    if (engine.hasCommitListeners()) tx.changed(store.state().changeOf(conn, key, cause));
  }
}
