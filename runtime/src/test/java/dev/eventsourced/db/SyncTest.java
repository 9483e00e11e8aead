package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.ORIGIN;
import static dev.eventsourced.db.fixtures.Todo_.SYNCED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.db.testing.FaultyTransport;
import dev.eventsourced.db.testing.FaultyTransport.Fault;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTest {

  @TempDir Path dir;
  private final MemoryBackend backend = new MemoryBackend();
  private final FaultyTransport phoneLink = new FaultyTransport(backend);
  private final FaultyTransport laptopLink = new FaultyTransport(backend);
  private EventSourcedDb phone;
  private EventSourcedDb laptop;

  private EventSourcedDb open(String name, SyncTransport transport) {
    return EventSourcedDb.builder()
        .path(dir.resolve(name + ".sqlite"))
        .collections(TodoRepository.COLLECTION)
        .sync(transport)
        .autoSync(false)
        .open();
  }

  @AfterEach
  void close() {
    if (phone != null) phone.close();
    if (laptop != null) laptop.close();
  }

  private void openBoth() {
    phone = open("phone", phoneLink);
    laptop = open("laptop", laptopLink);
  }

  private static Todo todo(String id, String title) {
    return new Todo(id, title, Status.PENDING, 1, null);
  }

  @Test
  void phoneAndLaptop_offlineWritesConverge_withServerOrder() {
    openBoth();
    TodoRepository phoneTodos = TodoRepository.of(phone);
    TodoRepository laptopTodos = TodoRepository.of(laptop);
    phoneLink.offline(true);
    phoneTodos.insert(todo("milk", "Buy milk"));
    phoneTodos.update("milk", d -> d.status(Status.COMPLETE));
    laptopTodos.insert(todo("dentist", "Call dentist"));
    assertThat(laptop.sync().pushed()).isEqualTo(1);

    SyncResult offline = phone.sync();
    assertThat(offline.ok()).isFalse();
    assertThat(offline.pending()).isEqualTo(2);
    phoneLink.offline(false);
    SyncResult phoneSync = phone.sync();
    SyncResult laptopSync = laptop.sync();

    assertThat(phoneSync.errors()).isEmpty();
    assertThat(phoneSync.pushed()).isEqualTo(2);
    assertThat(phoneSync.pulled()).isEqualTo(1);
    assertThat(laptopSync.pulled()).isEqualTo(2);
    assertThat(phoneTodos.all()).isEqualTo(laptopTodos.all()).hasSize(2);
    assertThat(phoneTodos.get("milk").status()).isEqualTo(Status.COMPLETE);
    assertThat(phone.eventLog().all())
        .extracting(e -> e.key() + "@" + e.globalSeq() + ":" + e.origin())
        .containsExactly("milk@2:LOCAL", "milk@3:LOCAL", "dentist@1:REMOTE");
    assertThat(laptop.eventLog().all())
        .extracting(e -> e.key() + "@" + e.globalSeq() + ":" + e.origin())
        .containsExactly("dentist@1:LOCAL", "milk@2:REMOTE", "milk@3:REMOTE");
    assertThat(phone.eventLog().pendingCount()).isZero();
  }

  @Test
  void replay_createsNoLocalEvents() {
    openBoth();
    TodoRepository.of(laptop).insertAll(List.of(todo("a", "1"), todo("b", "2")));
    TodoRepository.of(laptop).delete("b");
    laptop.sync();

    phone.sync();

    assertThat(phone.eventLog().all())
        .allMatch(e -> e.origin() == Origin.REMOTE && e.syncStatus() == SyncStatus.SYNCED);
    assertThat(phone.eventLog().pendingCount()).isZero();
    assertThat(phone.sync().pushed()).isZero();
    assertThat(backend.log()).hasSize(3);
  }

  @Test
  void syncedAndOrigin_followEveryStep() {
    openBoth();
    TodoRepository phoneTodos = TodoRepository.of(phone);
    phoneTodos.insert(todo("mine", "x"));
    TodoRepository.of(laptop).insert(todo("theirs", "y"));
    laptop.sync();

    assertThat(phoneTodos.query().where(SYNCED.isFalse()).list())
        .extracting(Todo::id)
        .containsExactly("mine");
    phone.sync();

    assertThat(phoneTodos.query().where(SYNCED.isFalse()).count()).isZero();
    assertThat(phoneTodos.query().where(ORIGIN.eq(Origin.REMOTE)).list())
        .extracting(Todo::id)
        .containsExactly("theirs");
    assertThat(phoneTodos.query().where(ORIGIN.eq(Origin.LOCAL)).list())
        .extracting(Todo::id)
        .containsExactly("mine");

    phoneTodos.update("theirs", d -> d.title("edited here"));
    assertThat(phoneTodos.query().where(SYNCED.isFalse()).list())
        .extracting(Todo::id)
        .containsExactly("theirs");
    assertThat(phoneTodos.query().where(ORIGIN.eq(Origin.LOCAL)).count()).isEqualTo(2);
  }

  @Test
  void concurrentUpdatesToDifferentFields_bothSurvive() {
    openBoth();
    TodoRepository.of(laptop).insert(todo("t", "title"));
    laptop.sync();
    phone.sync();

    TodoRepository.of(phone).update("t", d -> d.status(Status.COMPLETE));
    TodoRepository.of(laptop).update("t", d -> d.title("new title"));
    laptop.sync();
    phone.sync();
    laptop.sync();

    Todo expected = new Todo("t", "new title", Status.COMPLETE, 1, null);
    assertThat(TodoRepository.of(phone).get("t")).isEqualTo(expected);
    assertThat(TodoRepository.of(laptop).get("t")).isEqualTo(expected);
  }

  @Test
  void concurrentUpdatesToSameField_laterInGlobalOrderWins_evenIfWrittenEarlier() {
    openBoth();
    TodoRepository.of(laptop).insert(todo("t", "original"));
    laptop.sync();
    phone.sync();

    TodoRepository.of(phone).update("t", d -> d.title("phone, written first"));
    TodoRepository.of(laptop).update("t", d -> d.title("laptop, pushed first"));
    laptop.sync();
    phone.sync();
    laptop.sync();

    assertThat(TodoRepository.of(phone).get("t").title()).isEqualTo("phone, written first");
    assertThat(TodoRepository.of(laptop).get("t").title()).isEqualTo("phone, written first");
  }

  @Test
  void pulledEventBeforePendingLocalEvent_isRebasedUnderIt() {
    openBoth();
    TodoRepository.of(laptop).insert(todo("t", "original"));
    laptop.sync();
    phone.sync();
    TodoRepository.of(laptop).update("t", d -> d.title("laptop"));
    laptop.sync();
    TodoRepository.of(phone).update("t", d -> d.title("phone, still pending"));
    phoneLink.nextPush(Fault.REQUEST_LOST);

    SyncResult result = phone.sync();

    assertThat(result.errors()).hasSize(1);
    assertThat(TodoRepository.of(phone).get("t").title()).isEqualTo("phone, still pending");
    assertThat(phone.eventLog().pendingCount()).isEqualTo(1);
    phone.sync();
    laptop.sync();
    assertThat(TodoRepository.of(laptop).get("t").title()).isEqualTo("phone, still pending");
  }

  @Test
  void deleteLaterInGlobalOrder_winsOverEarlierUpdates() {
    openBoth();
    TodoRepository.of(laptop).insert(todo("t", "x"));
    laptop.sync();
    phone.sync();

    TodoRepository.of(phone).update("t", d -> d.title("phone edit"));
    phone.sync();
    TodoRepository.of(laptop).delete("t");
    laptop.sync();
    phone.sync();

    assertThat(TodoRepository.of(phone).find("t")).isEmpty();
    assertThat(TodoRepository.of(laptop).find("t")).isEmpty();
  }

  @Test
  void updateAfterConcurrentDelete_doesNothingToMissingRow() {
    openBoth();
    TodoRepository.of(laptop).insert(todo("t", "x"));
    laptop.sync();
    phone.sync();

    TodoRepository.of(laptop).delete("t");
    laptop.sync();
    TodoRepository.of(phone).update("t", d -> d.title("edit of a deleted row"));
    phone.sync();
    laptop.sync();

    assertThat(TodoRepository.of(phone).find("t")).isEmpty();
    assertThat(TodoRepository.of(laptop).find("t")).isEmpty();
  }

  @Test
  void responseLostAfterServerStored_retryGetsSameGlobalSeqs_andEchoIsOnlyConfirmed() {
    openBoth();
    TodoRepository.of(phone).insert(todo("a", "1"));
    TodoRepository.of(phone).insert(todo("b", "2"));
    phoneLink.nextPush(Fault.RESPONSE_LOST);

    SyncResult first = phone.sync();

    assertThat(first.errors()).isNotEmpty();
    assertThat(backend.log()).hasSize(2);
    // The pull of the same sync saw its own events come back: confirmed, not applied twice.
    assertThat(phone.eventLog().pendingCount()).isZero();
    assertThat(phone.eventLog().all()).extracting(Event::globalSeq).containsExactly(1L, 2L);
    assertThat(phone.eventLog().size()).isEqualTo(2);
    assertThat(phone.sync().pushed()).isZero();
    assertThat(backend.log()).hasSize(2);
  }

  @Test
  void duplicatedDelivery_storesOnce() {
    openBoth();
    TodoRepository.of(phone).insert(todo("a", "1"));
    phoneLink.nextPush(Fault.DUPLICATED).nextPull(Fault.DUPLICATED);

    SyncResult result = phone.sync();

    assertThat(result.ok()).isTrue();
    assertThat(backend.log()).hasSize(1);
    assertThat(phone.eventLog().all()).extracting(Event::globalSeq).containsExactly(1L);
  }

  @Test
  void transportFailure_leavesEventsPending() {
    openBoth();
    TodoRepository.of(phone).insert(todo("a", "1"));
    phoneLink.nextPush(Fault.REQUEST_LOST);

    SyncResult result = phone.sync();

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.phase()).isEqualTo(SyncResult.Phase.PUSH))
        .satisfies(e -> assertThat(e.message()).contains("stay pending"));
    assertThat(phone.eventLog().pendingCount()).isEqualTo(1);
    assertThat(phone.sync().pushed()).isEqualTo(1);
  }

  @Test
  void rejectedEvent_isMarkedReportedAndUndone_withoutBlockingOthers() {
    backend.rejecting(event -> event.payload().contains("INVALID"));
    openBoth();
    TodoRepository todos = TodoRepository.of(phone);
    todos.insert(todo("a", "fine"));
    todos.update("a", d -> d.title("INVALID"));
    todos.insert(todo("b", "also fine"));

    SyncResult result = phone.sync();

    assertThat(result.pushed()).isEqualTo(2);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("refused by test backend"));
    Event rejected = phone.eventLog().all().get(1);
    assertThat(rejected.syncStatus()).isEqualTo(SyncStatus.REJECTED);
    assertThat(rejected.error()).contains("refused by test backend");
    assertThat(todos.get("a").title()).isEqualTo("fine");
    assertThat(todos.query().where(SYNCED.isFalse()).count()).isZero();
    assertThat(phone.eventLog().pendingCount()).isZero();
    laptop.sync();
    assertThat(TodoRepository.of(laptop).all()).isEqualTo(todos.all());
  }

  @Test
  void pullCursor_persistsAcrossReopen_andPagesFollowHasMore() {
    openBoth();
    TodoRepository laptopTodos = TodoRepository.of(laptop);
    for (int i = 0; i < 25; i++) laptopTodos.insert(todo("t" + i, "x"));
    laptop.sync();
    phone.close();
    phone =
        EventSourcedDb.builder()
            .path(dir.resolve("phone.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(phoneLink)
            .autoSync(false)
            .pullLimit(10)
            .open();

    assertThat(phone.sync().pulled()).isEqualTo(25);
    assertThat(phone.sync().cursor()).isEqualTo(25);
    phone.close();
    phone = open("phone", phoneLink);
    laptopTodos.insert(todo("late", "x"));
    laptop.sync();
    SyncResult result = phone.sync();
    assertThat(result.pulled()).isEqualTo(1);
    assertThat(result.cursor()).isEqualTo(26);
    assertThat(TodoRepository.of(phone).count()).isEqualTo(26);
  }

  @Test
  void customResolver_decidesTheFold() {
    // Keep the highest priority ever written, whatever the order.
    ConflictResolver<Todo> maxPriority =
        (current, event) -> {
          if (event.type() == EventType.DELETE) return null;
          if (current == null || event.type() == EventType.INSERT && current.priority() == null)
            return event.row();
          int best =
              Math.max(
                  current.priority() == null ? 0 : current.priority(),
                  event.row().priority() == null ? 0 : event.row().priority());
          return new Todo(
              current.id(),
              event.row().title(),
              event.row().status(),
              event.row().createdAt(),
              best);
        };
    phone =
        EventSourcedDb.builder()
            .path(dir.resolve("p.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .resolver(TodoRepository.COLLECTION, maxPriority)
            .sync(phoneLink)
            .autoSync(false)
            .open();
    laptop =
        EventSourcedDb.builder()
            .path(dir.resolve("l.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .resolver(TodoRepository.COLLECTION, maxPriority)
            .sync(laptopLink)
            .autoSync(false)
            .open();
    TodoRepository.of(laptop).insert(new Todo("t", "x", Status.PENDING, 1, 1));
    laptop.sync();
    phone.sync();

    TodoRepository.of(phone).update("t", d -> d.priority(9));
    TodoRepository.of(laptop).update("t", d -> d.priority(5));
    laptop.sync();
    phone.sync();
    laptop.sync();

    assertThat(TodoRepository.of(phone).get("t").priority()).isEqualTo(9);
    assertThat(TodoRepository.of(laptop).get("t").priority()).isEqualTo(9);

    // A local write folds through the resolver too, as a later recompute would.
    TodoRepository.of(phone).update("t", d -> d.priority(2).title("lowered"));
    assertThat(TodoRepository.of(phone).get("t"))
        .extracting(Todo::priority, Todo::title)
        .containsExactly(9, "lowered");
    phone.sync();
    laptop.sync();
    assertThat(TodoRepository.of(phone).get("t")).isEqualTo(TodoRepository.of(laptop).get("t"));
    assertThat(TodoRepository.of(laptop).get("t").priority()).isEqualTo(9);
  }

  @Test
  void collectionAddedAfterItsEventsWerePulled_getsTheirRows() {
    laptop = open("laptop", laptopLink);
    TodoRepository.of(laptop).insertAll(List.of(todo("a", "1"), todo("b", "2")));
    TodoRepository.of(laptop).update("a", d -> d.title("1x"));
    laptop.sync();
    // The phone's first version of the app has no todos collection: the events are only logged.
    phone =
        EventSourcedDb.builder()
            .path(dir.resolve("phone.sqlite"))
            .collections()
            .sync(phoneLink)
            .autoSync(false)
            .open();
    assertThat(phone.sync().pulled()).isEqualTo(3);
    phone.close();

    phone = open("phone", phoneLink);

    assertThat(TodoRepository.of(phone).all()).isEqualTo(TodoRepository.of(laptop).all());
    assertThat(TodoRepository.of(phone).query().where(ORIGIN.eq(Origin.REMOTE)).count())
        .isEqualTo(2);
  }

  @Test
  void rowDeletedAndInsertedAgainDuringPush_staysUnsyncedUntilAllItsEventsAreConfirmed() {
    openBoth();
    TodoRepository todos = TodoRepository.of(phone);
    todos.insert(todo("k", "first"));
    phoneLink.nextPush(Fault.REQUEST_LOST);
    phone.sync();
    todos.delete("k");
    todos.insert(todo("k", "second"));
    // Confirm only the first event: the other two stay pending.
    backend.rejecting(event -> false);
    SyncTransport firstOnly =
        new SyncTransport() {
          @Override
          public PushResult push(List<SyncEvent> events) {
            return backend.push(events.subList(0, 1));
          }

          @Override
          public PullResult pull(long since, int limit) {
            return backend.pull(since, limit);
          }
        };
    try (EventSourcedDb partial =
        EventSourcedDb.builder()
            .path(dir.resolve("phone.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(firstOnly)
            .autoSync(false)
            .open()) {
      phone.close();
      phone = null;
      partial.sync();
      assertThat(partial.eventLog().pendingCount()).isEqualTo(2);
      assertThat(TodoRepository.of(partial).query().where(SYNCED.isFalse()).count())
          .as("a row with pending events is not synced")
          .isEqualTo(1);
    }
  }

  @Test
  void sync_withoutTransport_throwsNamingTheSetting() {
    try (EventSourcedDb db =
        EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open()) {
      assertThatThrownBy(db::sync)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(".sync(");
    }
  }
}
