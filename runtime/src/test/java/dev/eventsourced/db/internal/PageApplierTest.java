package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.sync.SyncResult.Phase;
import dev.eventsourced.db.sync.SyncResult.SyncError;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SkippedEvent;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One pulled page: logged once, echoes reconciled, applied or rebuilt. */
class PageApplierTest {

  private final EventSourcedDb db =
      EventSourcedDb.builder()
          .inMemory()
          .collections(TodoRepository.COLLECTION, TaskRepository.COLLECTION)
          .open();
  private final Engine engine = TestAccess.engine(db);
  private final TodoRepository todos = TodoRepository.of(db);
  private final TaskRepository tasks = TaskRepository.of(db);
  private final Map<UUID, Event> confirmedByPush = new HashMap<>();
  private final List<SyncError> errors = new ArrayList<>();
  private final PageApplier applier =
      new PageApplier(engine, confirmedByPush, errors, new ArrayList<>());

  @AfterEach
  void close() {
    db.close();
  }

  private int apply(long since, long cursor, SyncEvent... events) {
    return apply(since, new PullResult(List.of(events), cursor, false));
  }

  private int apply(long since, PullResult page) {
    return engine.write(tx -> applier.apply(tx, since, page));
  }

  private static SyncEvent remote(
      String collection,
      EventType type,
      String key,
      String payload,
      long globalSeq,
      String... fields) {
    return new SyncEvent(
        UUID.randomUUID(),
        collection,
        type,
        key,
        collection.equals("tasks"),
        payload,
        List.of(fields),
        0,
        "other-device",
        1,
        globalSeq);
  }

  /** Our logged event as the server sends it back. */
  private static SyncEvent echo(Event ours, long globalSeq) {
    return new SyncEvent(
        ours.eventId(),
        ours.collectionId(),
        ours.type(),
        ours.key(),
        false,
        ours.payload(),
        ours.fields(),
        ours.timestamp(),
        "me",
        1,
        globalSeq);
  }

  private Event logged(UUID eventId) {
    return engine.eventLog().all().stream()
        .filter(e -> e.eventId().equals(eventId))
        .findFirst()
        .orElseThrow();
  }

  private Event last() {
    List<Event> all = engine.eventLog().all();
    return all.get(all.size() - 1);
  }

  private Change row(String key) {
    CollectionStore<Todo, String> store = engine.store(TodoDefinition.INSTANCE);
    return engine.read(conn -> store.state().changeOf(conn, key, EventType.UPDATE));
  }

  private long cursor() {
    return engine.read(SyncEngine::readCursor);
  }

  @Test
  void apply_newRemoteInsert_isLoggedAndApplied_asRemote_withoutALocalEvent() {
    SyncEvent insert = remote("todos", EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);

    int applied = apply(0, 1, insert);

    assertThat(applied).isEqualTo(1);
    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "a", null, 0, null));
    assertThat(row("t1").origin()).isEqualTo(Origin.REMOTE);
    assertThat(row("t1").synced()).isTrue();
    assertThat(engine.eventLog().all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.origin()).isEqualTo(Origin.REMOTE);
              assertThat(e.globalSeq()).isEqualTo(1L);
              assertThat(e.syncStatus()).isEqualTo(SyncStatus.SYNCED);
            });
    assertThat(cursor()).isEqualTo(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void apply_theSamePageTwice_appliesItOnce() {
    SyncEvent insert = remote("todos", EventType.INSERT, "t1", "{\"title\":\"a\"}", 1);
    SyncEvent update = remote("todos", EventType.UPDATE, "t1", "{\"priority\":2}", 2);
    apply(0, 2, insert, update);

    int again = apply(0, 2, insert, update);

    assertThat(again).isZero();
    assertThat(engine.eventLog().size()).isEqualTo(2);
    assertThat(todos.get("t1").priority()).isEqualTo(2);
  }

  @Test
  void apply_echoOfOwnEvent_unchanged_onlyConfirmsIt() {
    todos.insert(new Todo("t1", "mine", null, 0, null));
    Event ours = last();

    int applied = apply(0, 1, echo(ours, 1));

    assertThat(applied).isZero();
    assertThat(engine.eventLog().size()).isEqualTo(1);
    Event confirmed = logged(ours.eventId());
    assertThat(confirmed.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(confirmed.globalSeq()).isEqualTo(1L);
    assertThat(confirmed.origin()).isEqualTo(Origin.LOCAL);
    assertThat(confirmed.payload()).isEqualTo(ours.payload());
    assertThat(todos.get("t1").title()).isEqualTo("mine");
    assertThat(row("t1").synced()).isTrue();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void apply_echoThePushAlreadyConfirmed_changesNothing_andIsForgotten() {
    todos.insert(new Todo("t1", "mine", null, 0, null));
    Event ours = last();
    engine.write(tx -> EventLogStore.markConfirmed(engine.writer(), ours.eventId(), 1));
    confirmedByPush.put(ours.eventId(), logged(ours.eventId()));

    int applied = apply(0, 1, echo(ours, 1));

    assertThat(applied).isZero();
    assertThat(confirmedByPush).isEmpty();
    assertThat(logged(ours.eventId()).payload()).isEqualTo(ours.payload());
    assertThat(todos.get("t1").title()).isEqualTo("mine");
  }

  @Test
  void apply_echoWithAChangedServerCopy_adoptsTheServersCopy() {
    todos.insert(new Todo("t1", "mine", null, 0, null));
    Event ours = last();
    String serverPayload = "{\"id\":\"t1\",\"title\":\"server's\",\"createdAt\":0}";
    SyncEvent changed =
        new SyncEvent(
            ours.eventId(),
            "todos",
            EventType.INSERT,
            "t1",
            false,
            serverPayload,
            List.of(),
            0,
            null,
            null,
            1L);

    apply(0, 1, changed);

    assertThat(logged(ours.eventId()).payload()).isEqualTo(serverPayload);
    assertThat(todos.get("t1").title()).isEqualTo("server's");
    assertThat(row("t1").synced()).isTrue();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  /**
   * The server dropped {@code fields}: our partial update (status only) becomes whole-row, and so
   * undoes the other device's title change that the server ordered before it.
   */
  @Test
  void apply_echoWhoseServerCopyDroppedFields_foldsAsTheServerDoes() {
    apply(
        0,
        1,
        remote("todos", EventType.INSERT, "t1", "{\"title\":\"a\",\"status\":\"PENDING\"}", 1));
    todos.update("t1", d -> d.status(Status.COMPLETE));
    Event ours = last();
    assertThat(ours.fields()).containsExactly("status");
    SyncEvent theirs = remote("todos", EventType.UPDATE, "t1", "{\"title\":\"b\"}", 2);
    SyncEvent echoWithoutFields =
        new SyncEvent(
            ours.eventId(),
            "todos",
            EventType.UPDATE,
            "t1",
            false,
            ours.payload(),
            List.of(),
            0,
            null,
            null,
            3L);

    apply(1, 3, theirs, echoWithoutFields);

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "a", Status.COMPLETE, 0, null));
    assertThat(logged(ours.eventId()).fields()).isEmpty();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void apply_nonCanonicalNumericKey_isStoredInCanonicalForm() {
    apply(
        0,
        2,
        remote("tasks", EventType.INSERT, "042", "{\"title\":\"x\"}", 1),
        remote("tasks", EventType.UPDATE, "42", "{\"rank\":1}", 2));

    assertThat(tasks.get(42L)).isEqualTo(new Task(42, null, "x", 1, false));
    assertThat(engine.eventLog().all()).extracting(Event::key).containsExactly("42", "42");
    assertThat(errors).isEmpty();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void apply_skippedEvents_areReported_andTheCursorMovesPastThem() {
    UUID skippedId = UUID.randomUUID();
    PullResult page =
        new PullResult(
            List.of(remote("todos", EventType.INSERT, "t1", "{}", 1)),
            2,
            false,
            List.of(new SkippedEvent(skippedId, 2, "type: must be one of ...", "{}")));

    apply(0, page);

    assertThat(todos.exists("t1")).isTrue();
    assertThat(cursor()).isEqualTo(2);
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.phase()).isEqualTo(Phase.PULL);
              assertThat(e.eventId()).isEqualTo(skippedId);
              assertThat(e.message()).contains("globalSeq 2").contains("type: must be one of");
            });
  }

  @Test
  void apply_unreadableEvents_areKeptMarkedRejectedWithTheReason_andTheOthersApply() {
    SyncEvent badPayload = remote("todos", EventType.INSERT, "t1", "{\"createdAt\":\"soon\"}", 1);
    SyncEvent otherKey = remote("todos", EventType.INSERT, "t2", "{\"id\":\"t3\"}", 2);
    SyncEvent badKey = remote("tasks", EventType.INSERT, "abc", "{}", 3);
    SyncEvent good = remote("todos", EventType.INSERT, "t4", "{\"title\":\"ok\"}", 4);

    int applied = apply(0, 4, badPayload, otherKey, badKey, good);

    assertThat(applied).isEqualTo(4);
    assertThat(todos.exists("t1")).isFalse();
    assertThat(todos.exists("t2")).isFalse();
    assertThat(todos.get("t4").title()).isEqualTo("ok");
    assertThat(logged(badPayload.eventId()).syncStatus()).isEqualTo(SyncStatus.REJECTED);
    assertThat(logged(badPayload.eventId()).error()).contains("/createdAt");
    assertThat(logged(otherKey.eventId()).error()).contains("contradicts the event's key t2");
    assertThat(logged(badKey.eventId()).error()).contains("is not a key of collection tasks");
    assertThat(logged(good.eventId()).syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(errors)
        .extracting(SyncError::eventId)
        .containsExactly(badPayload.eventId(), otherKey.eventId(), badKey.eventId());
    assertThat(errors.get(0).message()).contains("marked rejected");
    assertThat(cursor()).isEqualTo(4);
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void apply_eventOfACollectionThisDatabaseLacks_isLoggedButNotApplied() {
    SyncEvent note = remote("notes", EventType.INSERT, "n1", "{\"text\":\"x\"}", 1);

    assertThat(apply(0, 1, note)).isEqualTo(1);

    assertThat(logged(note.eventId()).syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(errors).isEmpty();
  }

  @Test
  void apply_remoteEventOnARowWithAPendingLocalEvent_isRebasedUnderIt() {
    apply(0, 1, remote("todos", EventType.INSERT, "t1", "{\"title\":\"a\"}", 1));
    todos.update("t1", d -> d.title("mine"));

    apply(
        1, 2, remote("todos", EventType.UPDATE, "t1", "{\"title\":\"theirs\",\"priority\":5}", 2));

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "mine", null, 0, 5));
    assertThat(row("t1").synced()).isFalse();
    assertThat(row("t1").origin()).isEqualTo(Origin.LOCAL);
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void apply_remoteEventBehindOurConfirmedOne_isFoldedBeforeIt() {
    todos.insert(new Todo("t1", "mine", null, 0, null));
    Event ours = last();
    // The push got ours confirmed as 2; the pull now brings another device's insert as 1.
    engine.write(tx -> EventLogStore.markConfirmed(engine.writer(), ours.eventId(), 2));

    apply(
        0, 2, remote("todos", EventType.INSERT, "t1", "{\"title\":\"theirs\"}", 1), echo(ours, 2));

    assertThat(todos.get("t1").title()).isEqualTo("mine");
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void apply_tellsCommitListenersOfDirectlyAppliedRows() {
    List<Change> told = new ArrayList<>();
    Runnable stop = engine.onCommit(told::addAll);
    try {
      apply(0, 1, remote("todos", EventType.INSERT, "t1", "{\"title\":\"a\"}", 1));
    } finally {
      stop.run();
    }
    assertThat(told)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key()).isEqualTo("t1");
              assertThat(c.origin()).isEqualTo(Origin.REMOTE);
              assertThat(c.synced()).isTrue();
            });
  }
}
