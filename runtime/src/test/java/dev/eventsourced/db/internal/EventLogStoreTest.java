package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.SyncEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code _events} table: appends, status changes, and reads in local order. */
class EventLogStoreTest {

  private final EventSourcedDb db =
      EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
  private final Engine engine = TestAccess.engine(db);
  private final EventLogStore log = engine.eventLog();

  @AfterEach
  void close() {
    db.close();
  }

  private static SyncEvent remote(UUID id, long globalSeq, List<String> fields) {
    return new SyncEvent(
        id,
        "todos",
        EventType.UPDATE,
        "t1",
        false,
        "{\"title\":\"x\"}",
        fields,
        7,
        "c",
        null,
        globalSeq);
  }

  private boolean marks(Engine.TxBody<Boolean> body) {
    return engine.write(body);
  }

  private Event only(UUID id) {
    return engine.read(conn -> EventLogStore.find(conn, id));
  }

  @Test
  void appendRemote_sameEventIdTwice_writesOnce() {
    UUID id = UUID.randomUUID();
    boolean first =
        engine.write(tx -> EventLogStore.appendRemote(engine.writer(), remote(id, 1, List.of())));
    boolean second =
        engine.write(tx -> EventLogStore.appendRemote(engine.writer(), remote(id, 2, List.of())));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    Event event = only(id);
    assertThat(event.globalSeq()).isEqualTo(1L);
    assertThat(event.origin()).isEqualTo(Origin.REMOTE);
    assertThat(event.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(event.schemaVersion()).isEqualTo(1); // not given: version 1
    assertThat(event.timestamp()).isEqualTo(7);
  }

  @Test
  void fields_roundTripThroughTheLog_evenWithQuotes_andEmptyMeansNone() {
    UUID withFields = UUID.randomUUID();
    UUID without = UUID.randomUUID();
    List<String> fields = List.of("title", "we\"ird\\name");
    engine.write(tx -> EventLogStore.appendRemote(engine.writer(), remote(withFields, 1, fields)));
    engine.write(tx -> EventLogStore.appendRemote(engine.writer(), remote(without, 2, List.of())));

    assertThat(only(withFields).fields()).isEqualTo(fields);
    assertThat(only(without).fields()).isEmpty();
    assertThat(EventLogStore.parseFields(null)).isEmpty();
  }

  @Test
  void markConfirmed_andMarkRejected_changeOnlyPendingEvents() {
    TodoRepository todos = TodoRepository.of(db);
    todos.insert(new Todo("t1", "a", null, 0, null));
    todos.insert(new Todo("t2", "b", null, 0, null));
    List<Event> events = log.all();
    UUID first = events.get(0).eventId();
    UUID second = events.get(1).eventId();

    assertThat(marks(tx -> EventLogStore.markConfirmed(engine.writer(), first, 5))).isTrue();
    assertThat(marks(tx -> EventLogStore.markConfirmed(engine.writer(), first, 6))).isFalse();
    assertThat(marks(tx -> EventLogStore.markRejected(engine.writer(), first, "no"))).isFalse();
    assertThat(marks(tx -> EventLogStore.markRejected(engine.writer(), second, "no"))).isTrue();
    assertThat(marks(tx -> EventLogStore.markConfirmed(engine.writer(), second, 7))).isFalse();

    assertThat(only(first).globalSeq()).isEqualTo(5L);
    assertThat(only(first).syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(only(second).syncStatus()).isEqualTo(SyncStatus.REJECTED);
    assertThat(only(second).error()).isEqualTo("no");
    assertThat(only(second).globalSeq()).isNull();
    assertThat(log.pendingCount()).isZero();
  }

  @Test
  void markUnreadable_marksEvenASyncedEvent_withTheReason() {
    UUID id = UUID.randomUUID();
    engine.write(tx -> EventLogStore.appendRemote(engine.writer(), remote(id, 1, List.of())));
    engine.write(
        tx -> {
          EventLogStore.markUnreadable(engine.writer(), id, "member /x: bad");
          return null;
        });

    assertThat(only(id).syncStatus()).isEqualTo(SyncStatus.REJECTED);
    assertThat(only(id).error()).isEqualTo("member /x: bad");
    assertThat(only(id).globalSeq()).isEqualTo(1L);
  }

  @Test
  void adoptServerCopy_replacesTypeKeyPayloadAndFields_only() {
    TodoRepository.of(db).insert(new Todo("t1", "a", null, 0, null));
    Event ours = log.all().get(0);
    SyncEvent server =
        new SyncEvent(
            ours.eventId(),
            "todos",
            EventType.UPDATE,
            "t1",
            false,
            "{\"title\":\"s\"}",
            List.of("title"),
            99,
            null,
            null,
            3L);

    engine.write(
        tx -> {
          EventLogStore.adoptServerCopy(engine.writer(), server);
          return null;
        });

    Event adopted = only(ours.eventId());
    assertThat(adopted.type()).isEqualTo(EventType.UPDATE);
    assertThat(adopted.payload()).isEqualTo("{\"title\":\"s\"}");
    assertThat(adopted.fields()).containsExactly("title");
    assertThat(adopted.timestamp()).isEqualTo(ours.timestamp());
    assertThat(adopted.syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(adopted.localSeq()).isEqualTo(ours.localSeq());
  }

  @Test
  void pendingAfter_isInLocalOrder_afterTheGivenSeq_andLimited() {
    TodoRepository todos = TodoRepository.of(db);
    for (int i = 0; i < 5; i++) todos.insert(new Todo("t" + i, "x", null, 0, null));
    long firstSeq = log.all().get(0).localSeq();

    assertThat(log.pendingAfter(firstSeq, 2)).extracting(Event::key).containsExactly("t1", "t2");
    assertThat(log.pending(10))
        .extracting(Event::key)
        .containsExactly("t0", "t1", "t2", "t3", "t4");
    assertThat(log.since(firstSeq + 3, 10)).extracting(Event::key).containsExactly("t4");
    assertThat(log.lastLocalSeq()).isEqualTo(firstSeq + 4);
    assertThat(log.size()).isEqualTo(5);
  }

  @Test
  void find_unknownEvent_fails() {
    assertThatThrownBy(() -> only(UUID.randomUUID()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not in the log");
  }
}
