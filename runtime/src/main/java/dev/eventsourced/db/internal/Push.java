package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.sync.SyncResult.Phase;
import dev.eventsourced.db.sync.SyncResult.SyncError;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One push of the outbox: pending events go out in local order, in batches, and each batch's
 * confirmations (or rejections) are recorded in the log. A row whose event was confirmed behind the
 * pull cursor is rebuilt, since events already pulled may follow it in the global order.
 */
final class Push {

  /** What a push did. */
  record Outcome(int confirmed, int rejected) {}

  private final Engine engine;
  private final Function<List<SyncEvent>, CompletableFuture<PushResult>> transport;
  private final List<SyncError> errors;

  /**
   * The events this push got confirmed, with their global sequence numbers, for the pull's echo
   * check.
   */
  private final Map<UUID, Event> confirmed = new HashMap<>();

  Push(
      Engine engine,
      Function<List<SyncEvent>, CompletableFuture<PushResult>> transport,
      List<SyncError> errors) {
    this.engine = engine;
    this.transport = transport;
    this.errors = errors;
  }

  /**
   * The events this push got confirmed, by id, as they were pushed and with their global sequence
   * number.
   */
  Map<UUID, Event> confirmedEvents() {
    return confirmed;
  }

  Outcome run() {
    int confirmedCount = 0;
    int rejected = 0;
    List<Event> batch = engine.eventLog().pending(SyncEngine.MAX_PUSH_BATCH);
    CompletableFuture<PushResult> inFlight = batch.isEmpty() ? null : send(batch);
    while (inFlight != null) {
      PushResult result;
      try {
        result = inFlight.join();
      } catch (CompletionException e) {
        errors.add(
            SyncEngine.transportFailed(
                Phase.PUSH, "push of " + batch.size() + " events failed, they stay pending", e));
        break;
      }
      if (!result.rejected().isEmpty()) {
        int marked = reject(batch, result.rejected());
        if (marked == 0) break;
        rejected += marked;
        batch = engine.eventLog().pending(SyncEngine.MAX_PUSH_BATCH);
        inFlight = batch.isEmpty() ? null : send(batch);
        continue;
      }
      boolean complete = result.confirmed().size() >= batch.size();
      // The next batch goes out before this one's confirmations are recorded, so that the network
      // and the backend overlap with SQLite; batches are still sent one after another, in order.
      List<Event> next =
          complete
              ? engine
                  .eventLog()
                  .pendingAfter(batch.get(batch.size() - 1).localSeq(), SyncEngine.MAX_PUSH_BATCH)
              : List.of();
      CompletableFuture<PushResult> nextFlight = next.isEmpty() ? null : send(next);
      confirmedCount += confirm(batch, result.confirmed());
      if (!complete) {
        errors.add(
            new SyncError(
                Phase.PUSH,
                "the backend confirmed "
                    + result.confirmed().size()
                    + " of "
                    + batch.size()
                    + " pushed events; the others stay pending",
                null,
                null));
        break;
      }
      batch = next;
      inFlight = nextFlight;
    }
    return new Outcome(confirmedCount, rejected);
  }

  private CompletableFuture<PushResult> send(List<Event> batch) {
    List<SyncEvent> wire = new ArrayList<>(batch.size());
    for (Event event : batch) {
      CollectionStore<?, ?> store = engine.store(event.collectionId());
      boolean numericKey = store != null && store.definition().numericKey();
      wire.add(
          new SyncEvent(
              event.eventId(),
              event.collectionId(),
              event.type(),
              event.key(),
              numericKey,
              event.payload(),
              event.fields(),
              event.timestamp(),
              engine.clientId(),
              event.schemaVersion(),
              null));
    }
    return transport.apply(wire);
  }

  /** Records confirmations of {@code batch}. */
  private int confirm(List<Event> batch, List<Confirmation> confirmations) {
    Map<UUID, Event> byId = new HashMap<>();
    for (Event event : batch) byId.put(event.eventId(), event);
    return engine.write(
        tx -> {
          Conn conn = engine.writer();
          long cursor = SyncEngine.readCursor(conn);
          TouchedRows touched = new TouchedRows(engine);
          int count = 0;
          for (Confirmation confirmation : confirmations) {
            Event event = byId.get(confirmation.eventId());
            if (event == null
                || !EventLogStore.markConfirmed(
                    conn, confirmation.eventId(), confirmation.globalSeq())) {
              continue;
            }
            count++;
            confirmed.put(confirmation.eventId(), withGlobalSeq(event, confirmation.globalSeq()));
            if (confirmation.globalSeq() <= cursor) {
              // Confirmed behind the cursor: events already pulled may follow it in the global
              // order.
              touched.rebuild(event.collectionId(), event.key(), event.type());
            } else {
              touched.recount(event.collectionId(), event.key(), event.type());
            }
          }
          touched.settle(conn, tx);
          if (count > 0) EventLogStore.advancePendingFrom(conn);
          return count;
        });
  }

  private static Event withGlobalSeq(Event event, long globalSeq) {
    return new Event(
        event.localSeq(),
        event.eventId(),
        event.collectionId(),
        event.type(),
        event.key(),
        event.payload(),
        event.fields(),
        event.timestamp(),
        event.origin(),
        globalSeq,
        SyncStatus.SYNCED,
        event.schemaVersion(),
        null);
  }

  /** Marks the events the backend refused, undoing their changes; returns how many it named. */
  private int reject(List<Event> batch, List<Rejection> rejections) {
    Map<Integer, String> reasons = new LinkedHashMap<>();
    for (Rejection rejection : rejections) {
      if (rejection.index() >= 0 && rejection.index() < batch.size()) {
        String reason =
            (rejection.field() == null ? "" : rejection.field() + ": ") + rejection.message();
        reasons.merge(rejection.index(), reason, (a, b) -> a + "; " + b);
      }
    }
    if (reasons.isEmpty()) {
      errors.add(
          new SyncError(
              Phase.PUSH,
              "the backend refused a batch of "
                  + batch.size()
                  + " events without naming one: "
                  + rejections
                  + "; they stay pending",
              null,
              null));
      return 0;
    }
    engine.write(
        tx -> {
          Conn conn = engine.writer();
          TouchedRows touched = new TouchedRows(engine);
          for (Map.Entry<Integer, String> entry : reasons.entrySet()) {
            Event event = batch.get(entry.getKey());
            if (EventLogStore.markRejected(conn, event.eventId(), entry.getValue())) {
              touched.rebuild(event.collectionId(), event.key(), event.type());
            }
          }
          touched.settle(conn, tx);
          EventLogStore.advancePendingFrom(conn);
          return null;
        });
    for (Map.Entry<Integer, String> entry : reasons.entrySet()) {
      Event event = batch.get(entry.getKey());
      errors.add(
          new SyncError(
              Phase.PUSH,
              "the backend rejected the "
                  + event.type().wireName()
                  + " of "
                  + event.collectionId()
                  + " key "
                  + event.key()
                  + " as invalid: "
                  + entry.getValue()
                  + "; it is marked rejected and its change undone",
              event.eventId(),
              null));
    }
    return reasons.size();
  }
}
