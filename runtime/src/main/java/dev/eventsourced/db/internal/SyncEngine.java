package dev.eventsourced.db.internal;

import dev.eventsourced.db.Event;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.db.Origin;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.db.SyncException;
import dev.eventsourced.db.SyncResult;
import dev.eventsourced.db.SyncResult.Phase;
import dev.eventsourced.db.SyncResult.SyncError;
import dev.eventsourced.db.SyncStatus;
import dev.eventsourced.db.SyncTransport;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pushes the outbox and pulls the backend's log, keeping every row equal to the fold of its
 * events: those with a global sequence number in that order, then its pending local events in
 * local order (DESIGN invariant 4).
 *
 * <p>Most pulled events apply directly: their key has no pending local event and no known event
 * later in the global order. The others are "dirty": the event is logged, and the row is
 * recomputed from the key's own events once per page, so a sync never costs time proportional to
 * the table, only to the touched keys' histories.
 */
public final class SyncEngine {

  /** The protocol's largest push batch. */
  public static final int MAX_PUSH_BATCH = 500;

  private static final String INSERT_REMOTE =
      "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
          + "\"timestamp\", \"origin\", \"global_seq\", \"sync_status\", \"schema_version\", \"client_id\") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?, 'synced', ?, ?) ON CONFLICT (\"event_id\") DO NOTHING";
  private static final String FIND_BY_ID =
      "SELECT \"sync_status\", \"collection_id\", \"key\" FROM \"_events\" WHERE \"event_id\" = ?";
  private static final String CONFIRM =
      "UPDATE \"_events\" SET \"global_seq\" = ?, \"sync_status\" = 'synced', \"error\" = NULL "
          + "WHERE \"event_id\" = ? AND \"sync_status\" = 'pending'";
  private static final String REJECT =
      "UPDATE \"_events\" SET \"sync_status\" = 'rejected', \"error\" = ? "
          + "WHERE \"event_id\" = ? AND \"sync_status\" = 'pending'";
  private static final String ANY_PENDING_OR_AHEAD =
      "SELECT EXISTS (SELECT 1 FROM \"_events\" WHERE \"sync_status\" = 'pending') "
          + "OR EXISTS (SELECT 1 FROM \"_events\" WHERE \"global_seq\" > ?)";
  private static final String ROW_NEEDS_REBASE =
      "SELECT 1 FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? "
          + "AND (\"sync_status\" = 'pending' OR \"global_seq\" > ?) LIMIT 1";

  private final Engine engine;
  private final SyncTransport transport;
  private final int pullLimit;
  private final ReentrantLock syncLock = new ReentrantLock();
  /** Runs the transport's calls, one at a time, while this thread works on SQLite; ends when idle. */
  private final ThreadPoolExecutor fetcher = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), task -> {
        Thread thread = new Thread(task, "eventsourced-pull");
        thread.setDaemon(true);
        return thread;
      });

  public SyncEngine(Engine engine, SyncTransport transport, int pullLimit) {
    this.engine = engine;
    this.transport = transport;
    this.pullLimit = pullLimit;
    fetcher.allowCoreThreadTimeOut(true);
  }

  /** Pushes every pending event, then pulls until the backend has no more. One sync at a time. */
  public SyncResult sync() {
    syncLock.lock();
    try {
      engine.ensureOpen();
      List<SyncError> errors = new ArrayList<>();
      // Events confirmed by this push come back in the pull: known, so skipped without a lookup.
      Map<UUID, Long> confirmedNow = new HashMap<>();
      int[] pushed = push(errors, confirmedNow);
      int pulled = pull(errors, confirmedNow);
      return new SyncResult(pushed[0], pulled, pushed[1], engine.eventLog().pendingCount(), cursor(), errors);
    } finally {
      syncLock.unlock();
    }
  }

  /** The pull cursor: the highest global sequence number pulled so far. */
  public long cursor() {
    return engine.read(SyncEngine::readCursor);
  }

  // ---- push ------------------------------------------------------------------------------------

  /** Returns {confirmed, rejected}. */
  private int[] push(List<SyncError> errors, Map<UUID, Long> confirmedNow) {
    int confirmed = 0;
    int rejected = 0;
    List<Event> batch = engine.eventLog().pending(MAX_PUSH_BATCH);
    CompletableFuture<PushResult> inFlight = batch.isEmpty() ? null : send(batch);
    while (inFlight != null) {
      PushResult result;
      try {
        result = inFlight.join();
      } catch (CompletionException e) {
        errors.add(transportFailed(Phase.PUSH, "push of " + batch.size() + " events failed, they stay pending", e));
        break;
      }
      if (!result.rejected().isEmpty()) {
        int marked = reject(batch, result.rejected(), errors);
        if (marked == 0) break;
        rejected += marked;
        batch = engine.eventLog().pending(MAX_PUSH_BATCH);
        inFlight = batch.isEmpty() ? null : send(batch);
        continue;
      }
      boolean complete = result.confirmed().size() >= batch.size();
      // The next batch goes out before this one's confirmations are recorded, so that the network
      // and the backend overlap with SQLite; batches are still sent one after another, in order.
      List<Event> next = complete
          ? engine.eventLog().pendingAfter(batch.get(batch.size() - 1).localSeq(), MAX_PUSH_BATCH)
          : List.of();
      CompletableFuture<PushResult> nextFlight = next.isEmpty() ? null : send(next);
      confirmed += confirm(batch, result.confirmed(), confirmedNow);
      if (!complete) {
        errors.add(new SyncError(Phase.PUSH, "the backend confirmed " + result.confirmed().size() + " of "
            + batch.size() + " pushed events; the others stay pending", null, null));
        break;
      }
      batch = next;
      inFlight = nextFlight;
    }
    return new int[] {confirmed, rejected};
  }

  /** The error for a transport call that threw: a {@link SyncException} is expected, anything else a bug. */
  private static SyncError transportFailed(Phase phase, String what, CompletionException failure) {
    Throwable cause = failure.getCause();
    String message = cause instanceof SyncException
        ? what + ": " + cause.getMessage()
        : "the sync transport failed: " + cause;
    return new SyncError(phase, message, null, cause);
  }

  private CompletableFuture<PushResult> send(List<Event> batch) {
    List<SyncEvent> wire = toWire(batch);
    return CompletableFuture.supplyAsync(() -> transport.push(wire), fetcher);
  }


  private List<SyncEvent> toWire(List<Event> batch) {
    List<SyncEvent> wire = new ArrayList<>(batch.size());
    for (Event event : batch) {
      CollectionStore<?, ?> store = engine.store(event.collectionId());
      boolean numericKey = store != null && store.definition().numericKey();
      wire.add(new SyncEvent(event.eventId(), event.collectionId(), event.type(), event.key(), numericKey,
          event.payload(), event.fields(), event.timestamp(), engine.clientId(), event.schemaVersion(), null));
    }
    return wire;
  }

  /** Records confirmations of {@code batch}; those it marked go into {@code confirmedNow}. */
  private int confirm(List<Event> batch, List<Confirmation> confirmations, Map<UUID, Long> confirmedNow) {
    Map<UUID, Event> byId = new HashMap<>();
    for (Event event : batch) byId.put(event.eventId(), event);
    return engine.write(tx -> {
      Conn conn = engine.writer();
      long cursor = readCursor(conn);
      Map<String, Touched> touched = new LinkedHashMap<>();
      int count = 0;
      for (Confirmation confirmation : confirmations) {
        Event event = byId.get(confirmation.eventId());
        if (event == null || !markConfirmed(conn, confirmation.eventId(), confirmation.globalSeq())) continue;
        count++;
        confirmedNow.put(confirmation.eventId(), confirmation.globalSeq());
        CollectionStore<?, ?> store = engine.store(event.collectionId());
        if (store == null) continue;
        // Confirmed behind the cursor: events already pulled may follow it in the global order.
        boolean reorder = confirmation.globalSeq() <= cursor;
        touched.merge(event.collectionId() + '\0' + event.key(),
            new Touched(store, event.key(), event.type(), reorder), Touched::plus);
      }
      for (Touched row : touched.values()) {
        row.settle(this, conn, tx);
      }
      return count;
    });
  }

  private int reject(List<Event> batch, List<Rejection> rejections, List<SyncError> errors) {
    Map<Integer, String> reasons = new LinkedHashMap<>();
    for (Rejection rejection : rejections) {
      if (rejection.index() >= 0 && rejection.index() < batch.size()) {
        String reason = (rejection.field() == null ? "" : rejection.field() + ": ") + rejection.message();
        reasons.merge(rejection.index(), reason, (a, b) -> a + "; " + b);
      }
    }
    if (reasons.isEmpty()) {
      errors.add(new SyncError(Phase.PUSH, "the backend refused a batch of " + batch.size()
          + " events without naming one: " + rejections + "; they stay pending", null, null));
      return 0;
    }
    engine.write(tx -> {
      Conn conn = engine.writer();
      for (Map.Entry<Integer, String> entry : reasons.entrySet()) {
        Event event = batch.get(entry.getKey());
        PreparedStatement reject = conn.prepare(REJECT);
        reject.setString(1, entry.getValue());
        reject.setString(2, event.eventId().toString());
        if (reject.executeUpdate() == 1) {
          CollectionStore<?, ?> store = engine.store(event.collectionId());
          if (store != null) recompute(conn, tx, store, event.key(), event.type());
        }
      }
      return null;
    });
    for (Map.Entry<Integer, String> entry : reasons.entrySet()) {
      Event event = batch.get(entry.getKey());
      errors.add(new SyncError(Phase.PUSH, "the backend rejected the " + event.type().wireName() + " of "
          + event.collectionId() + " key " + event.key() + " as invalid: " + entry.getValue()
          + "; it is marked rejected and its change undone", event.eventId(), null));
    }
    return reasons.size();
  }

  private static boolean markConfirmed(Conn conn, UUID eventId, long globalSeq) throws SQLException {
    PreparedStatement confirm = conn.prepare(CONFIRM);
    confirm.setLong(1, globalSeq);
    confirm.setString(2, eventId.toString());
    return confirm.executeUpdate() == 1;
  }

  // ---- pull ------------------------------------------------------------------------------------

  /**
   * Pulls pages until the backend has no more. While a page is applied, the next one is already
   * being fetched on another thread (one transport call at a time still), so that the network and
   * the backend overlap with SQLite instead of adding to it.
   */
  private int pull(List<SyncError> errors, Map<UUID, Long> confirmedNow) {
    int pulled = 0;
    long cursor = cursor();
    CompletableFuture<PullResult> next = fetch(cursor);
    while (true) {
      PullResult page;
      try {
        page = next.join();
      } catch (CompletionException e) {
        errors.add(transportFailed(Phase.PULL, "pull since " + cursor + " failed", e));
        break;
      }
      String problem = checkPage(cursor, page);
      if (problem != null) {
        errors.add(new SyncError(Phase.PULL, "the backend broke the protocol: " + problem
            + "; nothing from this page was applied", null, null));
        break;
      }
      boolean more = page.hasMore() && !page.events().isEmpty();
      next = more ? fetch(page.cursor()) : null;
      long since = cursor;
      try {
        pulled += engine.write(tx -> applyPage(tx, since, page, confirmedNow, errors));
      } catch (RuntimeException e) {
        if (next != null) next.cancel(false);
        throw e;
      }
      cursor = page.cursor();
      if (!more) break;
    }
    return pulled;
  }

  private CompletableFuture<PullResult> fetch(long since) {
    return CompletableFuture.supplyAsync(() -> transport.pull(since, pullLimit), fetcher);
  }

  private static String checkPage(long since, PullResult page) {
    long previous = since;
    for (SyncEvent event : page.events()) {
      if (event.globalSeq() == null || event.globalSeq() <= previous) {
        return "event " + event.eventId() + " has globalSeq " + event.globalSeq() + " after " + previous;
      }
      previous = event.globalSeq();
    }
    if (page.cursor() < previous) {
      return "cursor " + page.cursor() + " is behind the page's last globalSeq " + previous;
    }
    return null;
  }

  private int applyPage(Tx tx, long since, PullResult page, Map<UUID, Long> confirmedNow, List<SyncError> errors)
      throws SQLException {
    Conn conn = engine.writer();
    // Usually nothing is pending and nothing is known beyond the cursor: every event applies directly.
    boolean mayNeedRebase = anyPendingOrAhead(conn, since);
    Map<String, Touched> recompute = new LinkedHashMap<>();
    boolean listening = engine.hasCommitListeners();
    int applied = 0;
    for (SyncEvent event : page.events()) {
      if (event.globalSeq().equals(confirmedNow.remove(event.eventId()))) {
        continue;
      }
      String rowId = event.collectionId() + '\0' + event.key();
      if (!insertRemote(conn, event)) {
        String[] known = findById(conn, event.eventId());
        // Our own event coming back, or one already pulled: apply once, only confirm.
        if (SyncStatus.PENDING.wireName().equals(known[0]) && markConfirmed(conn, event.eventId(), event.globalSeq())) {
          CollectionStore<?, ?> store = engine.store(known[1]);
          if (store != null) {
            recompute.putIfAbsent(known[1] + '\0' + known[2], new Touched(store, known[2], event.type(), true));
          }
        }
        continue;
      }
      applied++;
      CollectionStore<?, ?> store = engine.store(event.collectionId());
      if (store == null) {
        // Kept in the log; this database has no such collection to apply it to.
        continue;
      }
      if (recompute.containsKey(rowId) || mayNeedRebase && needsRebase(conn, event)) {
        recompute.putIfAbsent(rowId, new Touched(store, event.key(), event.type(), true));
        continue;
      }
      try {
        applyDirectly(conn, tx, store, event, listening);
      } catch (IOException | IllegalArgumentException e) {
        errors.add(new SyncError(Phase.PULL, "event " + event.eventId() + " (" + event.type().wireName() + " of "
            + event.collectionId() + " key " + event.key() + ") could not be applied and is kept in the log: "
            + e.getMessage(), event.eventId(), e));
      }
    }
    for (Touched row : recompute.values()) {
      row.settle(this, conn, tx);
    }
    Schema.writeMeta(conn, "pull_cursor", Long.toString(page.cursor()));
    return applied;
  }

  private <T extends Record, K> void applyDirectly(
      Conn conn, Tx tx, CollectionStore<T, K> store, SyncEvent event, boolean listening)
      throws SQLException, IOException {
    K key = store.definition().keyFromString(event.key());
    store.apply(conn, toEvent(event, Origin.REMOTE), key);
    if (listening) tx.changed(store.changeOf(conn, key, event.type()));
  }

  private static Event toEvent(SyncEvent event, Origin origin) {
    return new Event(0, event.eventId(), event.collectionId(), event.type(), event.key(), event.payload(),
        event.fields(), event.timestamp(), origin, event.globalSeq(), SyncStatus.SYNCED,
        event.schemaVersion() == null ? 1 : event.schemaVersion(), null);
  }

  /** Logs a pulled event; false when its id is already in the log (then nothing is written). */
  private static boolean insertRemote(Conn conn, SyncEvent event) throws SQLException {
    PreparedStatement insert = conn.prepare(INSERT_REMOTE);
    insert.setString(1, event.eventId().toString());
    insert.setString(2, event.collectionId());
    insert.setString(3, event.type().wireName());
    insert.setString(4, event.key());
    insert.setString(5, event.payload());
    if (event.fields().isEmpty()) insert.setNull(6, Types.VARCHAR);
    else insert.setString(6, EventLogStore.fieldsJson(event.fields()));
    insert.setLong(7, event.timestamp());
    insert.setLong(8, event.globalSeq());
    insert.setInt(9, event.schemaVersion() == null ? 1 : event.schemaVersion());
    insert.setString(10, event.clientId());
    return insert.executeUpdate() == 1;
  }

  private static String[] findById(Conn conn, UUID eventId) throws SQLException {
    PreparedStatement select = conn.prepare(FIND_BY_ID);
    select.setString(1, eventId.toString());
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
    }
  }

  private static boolean anyPendingOrAhead(Conn conn, long since) throws SQLException {
    PreparedStatement select = conn.prepare(ANY_PENDING_OR_AHEAD);
    select.setLong(1, since);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() && rs.getInt(1) != 0;
    }
  }

  /**
   * Whether applying {@code event} on top of its row would break the fold order: the row has a
   * pending local event, or a known event later in the global order (an own confirmed push).
   */
  private static boolean needsRebase(Conn conn, SyncEvent event) throws SQLException {
    PreparedStatement select = conn.prepare(ROW_NEEDS_REBASE);
    select.setString(1, event.collectionId());
    select.setString(2, event.key());
    select.setLong(3, event.globalSeq());
    try (ResultSet rs = select.executeQuery()) {
      return rs.next();
    }
  }

  private static long readCursor(Conn conn) throws SQLException {
    String value = Schema.readMeta(conn, "pull_cursor");
    return value == null ? 0L : Long.parseLong(value);
  }

  <T extends Record, K> void recompute(Conn conn, Tx tx, CollectionStore<T, K> store, String keyText, EventType cause)
      throws SQLException {
    tx.changed(store.recompute(conn, keyText, cause));
  }

  /** A row touched by a batch of confirmations or a pulled page, settled once at the end. */
  private record Touched(CollectionStore<?, ?> store, String key, EventType type, boolean recompute) {

    Touched plus(Touched other) {
      return new Touched(store, key, other.type, recompute || other.recompute);
    }

    void settle(SyncEngine sync, Conn conn, Tx tx) throws SQLException {
      if (recompute) {
        sync.recompute(conn, tx, store, key, type);
      } else {
        sync.recountPending(conn, tx, store, key, type);
      }
    }
  }

  private <T extends Record, K> void recountPending(
      Conn conn, Tx tx, CollectionStore<T, K> store, String keyText, EventType type)
      throws SQLException {
    K key = store.definition().keyFromString(keyText);
    // Counted, not decremented: a row deleted and inserted again meanwhile has more pending events
    // than its _pending says.
    store.setPending(conn, key, store.countPending(conn, keyText));
    if (engine.hasCommitListeners()) tx.changed(store.changeOf(conn, key, type));
  }
}
