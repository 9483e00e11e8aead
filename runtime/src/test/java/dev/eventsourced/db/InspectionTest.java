package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.internal.inspect.Inspection;
import dev.eventsourced.db.internal.inspect.Inspection.EventQuery;
import dev.eventsourced.db.internal.inspect.Inspection.HistoryEntry;
import dev.eventsourced.db.internal.inspect.Inspection.RowPage;
import dev.eventsourced.db.internal.inspect.Inspection.RowQuery;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.EventType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector's view of a database, and its two repair actions. */
class InspectionTest {

  @TempDir Path dir;
  private final MemoryBackend backend = new MemoryBackend();
  private EventSourcedDb db;

  @AfterEach
  void close() {
    if (db != null) db.close();
  }

  private EventSourcedDb open() {
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("app.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(backend)
            .autoSync(false)
            .open();
    return db;
  }

  private static Todo todo(String id, String title) {
    return new Todo(id, title, Status.PENDING, 1, null);
  }

  @Test
  void unwrap_givesTheInspection_andRefusesOtherTypes() {
    open();
    assertThat(db.unwrap(Inspection.class).clientId()).isEqualTo(db.clientId());
    assertThatThrownBy(() -> db.unwrap(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void rows_arePagedFilteredAndSorted_withTheirMetadata() {
    open();
    TodoRepository todos = TodoRepository.of(db);
    for (int i = 0; i < 5; i++) todos.insert(todo("t" + i, i % 2 == 0 ? "even " + i : "odd " + i));
    db.sync();
    todos.update("t1", d -> d.title("odd one, edited"));
    Inspection inspection = db.unwrap(Inspection.class);

    RowPage page = inspection.rows(new RowQuery("todos", "ODD", null, null, "title", true, 0, 1));
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.rows())
        .singleElement()
        .satisfies(row -> assertThat(row.key()).isEqualTo("t1")); // "odd one, edited" > "odd 3"

    RowPage unsynced =
        inspection.rows(new RowQuery("todos", null, false, Origin.LOCAL, null, false, 0, 10));
    assertThat(unsynced.rows()).extracting(Inspection.RowView::key).containsExactly("t1");
    assertThat(inspection.collections())
        .singleElement()
        .satisfies(c -> assertThat(c.rows()).isEqualTo(5));
    assertThatThrownBy(
            () -> inspection.rows(new RowQuery("todos", null, null, null, "nope", false, 0, 10)))
        .hasMessageContaining("no column 'nope'");
  }

  @Test
  void events_areFilteredNewestFirst_andARowHasItsHistory() {
    open();
    TodoRepository todos = TodoRepository.of(db);
    todos.insert(todo("a", "first"));
    todos.insert(todo("b", "other"));
    todos.update("a", d -> d.title("second"));
    todos.delete("a");
    Inspection inspection = db.unwrap(Inspection.class);

    List<Event> updates =
        inspection.events(
            new EventQuery("todos", "a", EventType.UPDATE, null, null, Long.MAX_VALUE, 10));
    assertThat(updates).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("a"));
    assertThat(inspection.events(new EventQuery(null, null, null, null, null, Long.MAX_VALUE, 10)))
        .extracting(Event::localSeq)
        .containsExactly(4L, 3L, 2L, 1L);

    List<HistoryEntry> history = inspection.history("todos", "a");
    assertThat(history)
        .extracting(h -> h.event().type())
        .containsExactly(EventType.INSERT, EventType.UPDATE, EventType.DELETE);
    assertThat(((Todo) history.get(0).rowAfter()).title()).isEqualTo("first");
    assertThat(((Todo) history.get(1).rowAfter()).title()).isEqualTo("second");
    assertThat(history.get(2).rowAfter()).isNull();
  }

  @Test
  void liveQueries_areListedWithSubscribersAndLastUpdate() {
    open();
    TodoRepository todos = TodoRepository.of(db);
    Inspection inspection = db.unwrap(Inspection.class);
    assertThat(inspection.liveQueries()).isEmpty();
    try (LiveQuery<Todo> live = todos.query().live()) {
      live.subscribe(Runnable::run, update -> {});
      todos.insert(todo("a", "x"));
      assertThat(inspection.liveQueries())
          .singleElement()
          .satisfies(
              q -> {
                assertThat(q.subscribers()).isEqualTo(1);
                assertThat(q.rows()).isEqualTo(1);
                assertThat(q.lastUpdate()).isNotNull();
                assertThat(q.collections()).containsExactly("todos");
              });
    }
    assertThat(inspection.liveQueries()).isEmpty();
  }

  @Test
  void syncRounds_areRemembered() {
    open();
    TodoRepository.of(db).insert(todo("a", "x"));
    db.sync();
    assertThat(db.unwrap(Inspection.class).syncRounds())
        .singleElement()
        .satisfies(
            round -> {
              assertThat(round.pushed()).isEqualTo(1);
              assertThat(round.explicit()).isTrue();
              assertThat(round.error()).isNull();
            });
  }

  @Test
  void retryRejected_putsTheEventBackInTheOutbox_foldsItAgain_andTheServerDecidesAnew() {
    backend.rejecting(event -> event.payload().contains("INVALID"));
    open();
    TodoRepository todos = TodoRepository.of(db);
    todos.insert(todo("a", "fine"));
    todos.update("a", d -> d.title("INVALID"));
    db.sync();
    assertThat(todos.get("a").title()).isEqualTo("fine");
    Inspection inspection = db.unwrap(Inspection.class);
    assertThat(inspection.rejectedCount()).isEqualTo(1);
    List<HistoryEntry> history = inspection.history("todos", "a");
    assertThat(history.get(1).folded()).isFalse();
    assertThat(history.get(1).note()).contains("rejected");

    assertThat(inspection.retryRejected(null)).isEqualTo(1);

    assertThat(todos.get("a").title()).isEqualTo("INVALID");
    assertThat(db.eventLog().pending(10))
        .singleElement()
        .satisfies(e -> assertThat(e.error()).isNull());
    assertThat(db.verify().isHealthy()).isTrue();
    backend.rejecting(event -> false);
    assertThat(db.sync().pushed()).isEqualTo(1);
    assertThat(db.eventLog().all()).extracting(Event::syncStatus).containsOnly(SyncStatus.SYNCED);
    assertThat(inspection.retryRejected(null)).isZero();
  }
}
