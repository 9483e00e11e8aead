package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.sync.SyncResult.Phase;
import dev.eventsourced.db.sync.SyncResult.SyncError;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One push of the outbox: batches in local order, confirmations, rejections. */
class PushTest {

  private final EventSourcedDb db =
      EventSourcedDb.builder()
          .inMemory()
          .collections(TodoRepository.COLLECTION, TaskRepository.COLLECTION)
          .open();
  private final Engine engine = TestAccess.engine(db);
  private final TodoRepository todos = TodoRepository.of(db);
  private final List<List<SyncEvent>> sent = new ArrayList<>();
  private final List<SyncError> errors = new ArrayList<>();
  private long nextSeq = 1;

  @AfterEach
  void close() {
    db.close();
  }

  private Push push(Function<List<SyncEvent>, PushResult> backend) {
    return new Push(
        engine,
        batch -> {
          sent.add(batch);
          try {
            return CompletableFuture.completedFuture(backend.apply(batch));
          } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
          }
        },
        errors);
  }

  /** Confirms every event of a batch with the next sequence numbers. */
  private PushResult confirmAll(List<SyncEvent> batch) {
    List<Confirmation> confirmations = new ArrayList<>();
    for (SyncEvent event : batch) confirmations.add(new Confirmation(event.eventId(), nextSeq++));
    return PushResult.confirmed(confirmations);
  }

  private static Todo todo(String id, String title) {
    return new Todo(id, title, null, 0, null);
  }

  private Change row(String key) {
    CollectionStore<Todo, String> store = engine.store(TodoDefinition.INSTANCE);
    return engine.read(conn -> store.state().changeOf(conn, key, EventType.UPDATE));
  }

  private Event event(String key, EventType type) {
    return engine.eventLog().all().stream()
        .filter(e -> e.key().equals(key) && e.type() == type)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private void setCursor(long cursor) {
    engine.write(
        tx -> {
          Schema.writeMeta(engine.writer(), "pull_cursor", Long.toString(cursor));
          return null;
        });
  }

  @Test
  void run_nothingPending_sendsNothing() {
    Push.Outcome outcome = push(this::confirmAll).run();
    assertThat(outcome).isEqualTo(new Push.Outcome(0, 0));
    assertThat(sent).isEmpty();
  }

  @Test
  void run_sendsPendingEventsInLocalOrder_inBatchesOfAtMost500_andConfirmsThemAll() {
    db.transaction(
        () -> {
          for (int i = 0; i <= 500; i++) todos.insert(todo(String.format("t%03d", i), "x"));
        });
    todos.update("t000", d -> d.title("changed"));
    TaskRepository.of(db).insert(new Task(42, null, "task", null, false));

    Push.Outcome outcome = push(this::confirmAll).run();

    assertThat(outcome).isEqualTo(new Push.Outcome(503, 0));
    assertThat(sent).extracting(List::size).containsExactly(500, 3);
    List<SyncEvent> wire = sent.stream().flatMap(List::stream).toList();
    List<UUID> localOrder = engine.eventLog().all().stream().map(Event::eventId).toList();
    assertThat(wire).extracting(SyncEvent::eventId).isEqualTo(localOrder);
    assertThat(wire.get(501).fields()).containsExactly("title");
    assertThat(wire.get(502).numericKey()).isTrue();
    assertThat(wire.get(0).numericKey()).isFalse();
    assertThat(wire).allSatisfy(e -> assertThat(e.clientId()).isEqualTo(engine.clientId()));
    assertThat(engine.eventLog().pendingCount()).isZero();
    assertThat(row("t000").synced()).isTrue();
    assertThat(errors).isEmpty();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void run_partialConfirmation_recordsWhatWasConfirmed_andSendsNoMoreBatches() {
    db.transaction(
        () -> {
          for (int i = 0; i <= 500; i++) todos.insert(todo(String.format("t%03d", i), "x"));
        });

    Push.Outcome outcome =
        push(batch -> PushResult.confirmed(confirmAll(batch).confirmed().subList(0, 2))).run();

    assertThat(outcome).isEqualTo(new Push.Outcome(2, 0));
    assertThat(sent).hasSize(1);
    assertThat(engine.eventLog().pendingCount()).isEqualTo(499);
    assertThat(row("t000").synced()).isTrue();
    assertThat(row("t002").synced()).isFalse();
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.phase()).isEqualTo(Phase.PUSH);
              assertThat(e.message()).contains("confirmed 2 of 500");
            });
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void run_confirmationOfAnEventNotPushed_isIgnored() {
    todos.insert(todo("t1", "x"));

    Push push =
        push(
            batch -> {
              List<Confirmation> confirmations = new ArrayList<>(confirmAll(batch).confirmed());
              confirmations.add(0, new Confirmation(UUID.randomUUID(), 99));
              return PushResult.confirmed(confirmations);
            });

    Push.Outcome outcome = push.run();

    assertThat(outcome.confirmed()).isEqualTo(1);
    assertThat(push.confirmedEvents()).hasSize(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void run_rejection_marksTheEventWithTheReason_undoesItsChange_andPushesTheOthers() {
    todos.insert(todo("t1", "a"));
    push(this::confirmAll).run();
    todos.update("t1", d -> d.title("rude"));
    todos.insert(todo("t2", "b"));
    sent.clear();

    Push.Outcome outcome =
        push(batch ->
                sent.size() == 1
                    ? PushResult.rejected(List.of(Rejection.atEvent(0, "title", "too rude")))
                    : confirmAll(batch))
            .run();

    assertThat(outcome).isEqualTo(new Push.Outcome(1, 1));
    assertThat(sent).extracting(List::size).containsExactly(2, 1);
    Event rejected = event("t1", EventType.UPDATE);
    assertThat(rejected.syncStatus()).isEqualTo(SyncStatus.REJECTED);
    assertThat(rejected.error()).isEqualTo("title: too rude");
    assertThat(todos.get("t1").title()).isEqualTo("a");
    assertThat(row("t1").synced()).isTrue();
    assertThat(row("t2").synced()).isTrue();
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventId()).isEqualTo(rejected.eventId());
              assertThat(e.message())
                  .contains("rejected the update of todos key t1 as invalid: title: too rude");
            });
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void run_rejectedInsertOfANewRow_removesTheRow() {
    todos.insert(todo("t1", "a"));

    push(batch -> PushResult.rejected(List.of(Rejection.atEvent(0, null, "no")))).run();

    assertThat(todos.find("t1")).isEmpty();
    assertThat(event("t1", EventType.INSERT).error()).isEqualTo("no");
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void run_rejectionNamingNoEvent_keepsThemPending_andStops() {
    todos.insert(todo("t1", "a"));
    todos.insert(todo("t2", "b"));

    Push.Outcome outcome =
        push(batch -> PushResult.rejected(List.of(Rejection.ofRequest("body", "too big")))).run();

    assertThat(outcome).isEqualTo(new Push.Outcome(0, 0));
    assertThat(sent).hasSize(1);
    assertThat(engine.eventLog().pendingCount()).isEqualTo(2);
    assertThat(errors)
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("without naming one"));
  }

  @Test
  void run_transportFailure_keepsTheEventsPending() {
    todos.insert(todo("t1", "a"));

    Push.Outcome outcome =
        push(batch -> {
              throw new SyncException("offline", null);
            })
            .run();

    assertThat(outcome).isEqualTo(new Push.Outcome(0, 0));
    assertThat(engine.eventLog().pendingCount()).isEqualTo(1);
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message()).contains("stay pending").contains("offline");
              assertThat(e.cause()).isInstanceOf(SyncException.class);
            });
  }

  @Test
  void run_confirmedEvents_carryTheirGlobalSeq() {
    todos.insert(todo("t1", "a"));
    Push push = push(this::confirmAll);

    push.run();

    Event confirmed = push.confirmedEvents().get(event("t1", EventType.INSERT).eventId());
    assertThat(confirmed.globalSeq()).isEqualTo(1L);
    assertThat(confirmed.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(event("t1", EventType.INSERT).globalSeq()).isEqualTo(1L);
  }

  /**
   * Our insert of t1 is pending when another device's insert of t1 (globalSeq 9) is pulled: the
   * pending one folds last. When the server then confirms ours as globalSeq 5, behind the cursor,
   * theirs follows ours in the global order and wins.
   */
  @Test
  void run_confirmationBehindTheCursor_rebuildsTheRowInGlobalOrder() {
    todos.insert(todo("t1", "mine"));
    pullForeignInsert("t1", "theirs", 9);
    assertThat(todos.get("t1").title()).isEqualTo("mine");

    Push.Outcome outcome =
        push(batch -> PushResult.confirmed(List.of(new Confirmation(batch.get(0).eventId(), 5))))
            .run();

    assertThat(outcome.confirmed()).isEqualTo(1);
    assertThat(todos.get("t1").title()).isEqualTo("theirs");
    assertThat(row("t1").synced()).isTrue();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void run_confirmationAheadOfTheCursor_keepsTheRow_andOnlyRecounts() {
    todos.insert(todo("t1", "mine"));
    pullForeignInsert("t1", "theirs", 9);

    push(batch -> PushResult.confirmed(List.of(new Confirmation(batch.get(0).eventId(), 10))))
        .run();

    assertThat(todos.get("t1").title()).isEqualTo("mine");
    assertThat(row("t1").synced()).isTrue();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  private void pullForeignInsert(String key, String title, long globalSeq) {
    SyncEvent foreign =
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.INSERT,
            key,
            false,
            "{\"title\":\"" + title + "\"}",
            List.of(),
            0,
            "other",
            null,
            globalSeq);
    PageApplier applier = new PageApplier(engine, new HashMap<>(), errors, new ArrayList<>());
    engine.write(tx -> applier.apply(tx, 0, new PullResult(List.of(foreign), globalSeq, false)));
    setCursor(globalSeq);
  }
}
