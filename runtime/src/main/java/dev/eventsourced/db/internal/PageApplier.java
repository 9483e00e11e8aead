package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.sync.SyncResult.NewerEvent;
import dev.eventsourced.db.sync.SyncResult.Phase;
import dev.eventsourced.db.sync.SyncResult.SyncError;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SkippedEvent;
import dev.eventsourced.protocol.SyncEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one pulled page in one transaction, keeping every row equal to the fold of its events
 * (invariant 4): each event is logged (once: a known id is only confirmed), then reconciled (the
 * server's copy of the device's own event wins) and applied.
 *
 * <p>Most events apply directly: their key has no pending local event and no known event later in
 * the global order. The others are "dirty": the event is logged, and the row is rebuilt from the
 * key's own events once per page, so a page never costs time proportional to the table, only to the
 * touched keys' histories.
 */
final class PageApplier {

  private static final String ANY_PENDING_OR_AHEAD =
      "SELECT EXISTS (SELECT 1 FROM \"_events\" WHERE "
          + EventLogStore.IS_PENDING
          + ") "
          + "OR EXISTS (SELECT 1 FROM \"_events\" WHERE \"global_seq\" > ?)";
  private static final String ROW_NEEDS_REBASE =
      "SELECT 1 FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? "
          + "AND (\"sync_status\" = 'pending' OR \"global_seq\" > ?) LIMIT 1";

  private final Engine engine;
  private final Map<UUID, Event> confirmedByPush;
  private final List<SyncError> errors;
  private final List<NewerEvent> newer;

  /**
   * @param confirmedByPush the events the push of this round got confirmed: they come back in the
   *     pull and are compared with the server's copy without a lookup; each is removed when seen
   * @param errors where problems are reported
   * @param newer where events of a newer schema version than this app's are reported
   */
  PageApplier(
      Engine engine,
      Map<UUID, Event> confirmedByPush,
      List<SyncError> errors,
      List<NewerEvent> newer) {
    this.engine = engine;
    this.confirmedByPush = confirmedByPush;
    this.errors = errors;
    this.newer = newer;
  }

  /**
   * Applies {@code page}, pulled since {@code since}, and moves the cursor past it.
   *
   * @return how many of its events were new to this database
   */
  int apply(Tx tx, long since, PullResult page) throws SQLException {
    Conn conn = engine.writer();
    // Usually nothing is pending and nothing is known beyond the cursor: every event applies
    // directly.
    boolean mayNeedRebase = anyPendingOrAhead(conn, since);
    TouchedRows dirty = new TouchedRows(engine);
    boolean listening = engine.hasCommitListeners();
    int applied = 0;
    for (SyncEvent pulled : page.events()) {
      CollectionStore<?, ?> target = engine.store(pulled.collectionId());
      if (target != null && !target.definition().synced()) {
        continue; // another device's events under the id of a collection that is local-only here
      }
      SyncEvent event = withCanonicalKey(pulled);
      Event ours = confirmedByPush.remove(event.eventId());
      if (ours == null || !event.globalSeq().equals(ours.globalSeq())) {
        if (EventLogStore.appendRemote(conn, event)) {
          applied++;
          applyNew(conn, tx, event, mayNeedRebase, dirty, listening);
          continue;
        }
        // Our own event coming back, or one already pulled: applied once, only confirmed.
        ours = EventLogStore.find(conn, event.eventId());
        if (ours.syncStatus() == SyncStatus.PENDING
            && EventLogStore.markConfirmed(conn, event.eventId(), event.globalSeq())) {
          dirty.rebuild(ours.collectionId(), ours.key(), event.type());
        }
      }
      reconcileEcho(conn, ours, event, dirty);
    }
    for (SkippedEvent skipped : page.skipped()) {
      errors.add(
          new SyncError(
              Phase.PULL,
              "event "
                  + skipped.eventId()
                  + " (globalSeq "
                  + skipped.globalSeq()
                  + ") breaks the sync protocol and cannot be stored or applied: "
                  + skipped.reason()
                  + "; the other events of its page are applied, and every device skips it alike",
              skipped.eventId(),
              null));
    }
    dirty.settle(conn, tx);
    // Past this page's events (and any echo it confirmed): the next page's pending checks start
    // there, so a long catch-up never rescans what it applied.
    EventLogStore.advancePendingFrom(conn);
    Schema.writeMeta(conn, "pull_cursor", Long.toString(page.cursor()));
    return applied;
  }

  /**
   * Folds a newly pulled event into its row, directly when nothing local or later touches the row.
   */
  private <T extends Record, K> void applyNew(
      Conn conn,
      Tx tx,
      SyncEvent event,
      boolean mayNeedRebase,
      TouchedRows dirty,
      boolean listening)
      throws SQLException {
    @SuppressWarnings("unchecked")
    CollectionStore<T, K> store = (CollectionStore<T, K>) engine.store(event.collectionId());
    if (store == null) {
      return; // Kept in the log; this database has no such collection to apply it to.
    }
    int version = versionOf(event);
    int known = store.definition().schemaVersion();
    Fold.Step<T, K> step;
    try {
      step =
          store
              .fold()
              .read(
                  event.type(),
                  event.key(),
                  event.payload(),
                  event.fields(),
                  versionOf(event),
                  Origin.REMOTE,
                  event.globalSeq(),
                  event.timestamp());
    } catch (UnreadableEventException e) {
      if (version > known) {
        keepNewer(conn, event, known, false, "this version cannot read it: " + e.getMessage());
        return;
      }
      EventLogStore.markUnreadable(conn, event.eventId(), e.getMessage());
      errors.add(
          new SyncError(
              Phase.PULL,
              "event "
                  + event.eventId()
                  + " ("
                  + event.type().wireName()
                  + " of "
                  + event.collectionId()
                  + " key "
                  + event.key()
                  + ") cannot be applied: "
                  + e.getMessage()
                  + "; it is kept in the log, marked rejected, and the fold skips it on every device",
              event.eventId(),
              null));
      return;
    }
    if (version > known) {
      keepNewer(conn, event, known, true, "the members this version knows were applied");
    }
    if (dirty.contains(event.collectionId(), event.key())
        || mayNeedRebase && needsRebase(conn, event)) {
      dirty.rebuild(event.collectionId(), event.key(), event.type());
      return;
    }
    store.fold().applyTo(store.state(), conn, step, null, false);
    if (listening) tx.changed(store.state().changeOf(conn, step.key(), event.type()));
  }

  /**
   * The server's copy of an event is the one every device folds (a server may store fewer members
   * than were pushed, e.g. drop {@code fields}). When it changes a row otherwise than the copy this
   * device folded, the device adopts the server's copy and rebuilds the rows it touches.
   */
  private void reconcileEcho(Conn conn, Event ours, SyncEvent theirs, TouchedRows dirty)
      throws SQLException {
    if (sameCopy(ours, theirs)) return;
    EventLogStore.adoptServerCopy(conn, theirs);
    dirty.rebuild(ours.collectionId(), ours.key(), theirs.type());
    dirty.rebuild(theirs.collectionId(), theirs.key(), theirs.type());
  }

  private boolean sameCopy(Event ours, SyncEvent theirs) {
    if (!ours.collectionId().equals(theirs.collectionId())) return false;
    if (ours.type() == theirs.type()
        && ours.key().equals(theirs.key())
        && ours.payload().equals(theirs.payload())
        && ours.fields().equals(theirs.fields())) {
      return true;
    }
    CollectionStore<?, ?> store = engine.store(ours.collectionId());
    return store != null && sameEffect(store.fold(), ours, theirs);
  }

  private static <T extends Record, K> boolean sameEffect(
      Fold<T, K> fold, Event ours, SyncEvent theirs) {
    try {
      return fold.sameEffect(
          fold.read(
              ours.type(),
              ours.key(),
              ours.payload(),
              ours.fields(),
              ours.schemaVersion(),
              Origin.LOCAL,
              null,
              0),
          fold.read(
              theirs.type(),
              theirs.key(),
              theirs.payload(),
              theirs.fields(),
              // A server may drop the version; the echo is of our own event.
              theirs.schemaVersion() == null ? ours.schemaVersion() : theirs.schemaVersion(),
              Origin.LOCAL,
              null,
              0));
    } catch (UnreadableEventException e) {
      return false;
    }
  }

  /**
   * Notes on a pulled event of a newer schema version than this app's record that it is kept (a
   * rebuild after the app's upgrade folds it in full and clears the note), and reports it.
   */
  private void keepNewer(Conn conn, SyncEvent event, int known, boolean applied, String what)
      throws SQLException {
    String note =
        "written with schema version "
            + event.schemaVersion()
            + " of collection "
            + event.collectionId()
            + ", newer than this app's "
            + known
            + ": "
            + what
            + "; kept in the log, folded in full once the app is upgraded";
    EventLogStore.noteNewer(conn, event.eventId(), note);
    newer.add(
        new NewerEvent(
            event.eventId(),
            event.collectionId(),
            event.key(),
            event.schemaVersion(),
            known,
            applied,
            note));
  }

  /** The schema version an event was written with; one that does not say counts as version 1. */
  static int versionOf(SyncEvent event) {
    return event.schemaVersion() == null ? 1 : event.schemaVersion();
  }

  /**
   * {@code event} with its key in the collection's canonical text form (e.g. "42" for 042 or "42").
   */
  private SyncEvent withCanonicalKey(SyncEvent event) {
    CollectionStore<?, ?> store = engine.store(event.collectionId());
    if (store == null) return event;
    String canonical;
    try {
      canonical = canonicalKey(store.definition(), event.key());
    } catch (RuntimeException e) {
      return event; // not a key of the collection: the fold reports it
    }
    return canonical.equals(event.key()) ? event : event.withKey(canonical);
  }

  private static <K> String canonicalKey(CollectionDefinition<?, K> definition, String key) {
    return definition.keyToString(definition.keyFromString(key));
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
}
