package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.DuplicateKeyException;
import dev.eventsourced.db.exception.NotFoundException;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.protocol.EventType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryTest {

  private EventSourcedDb db;
  private TodoRepository todos;

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    todos = TodoRepository.of(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Todo todo(String id, String title) {
    return new Todo(id, title, Status.PENDING, 100, null);
  }

  @Test
  void insert_thenGet_returnsRowAndLogsInsertEvent() {
    todos.insert(todo("t1", "Buy milk"));

    assertThat(todos.get("t1")).isEqualTo(todo("t1", "Buy milk"));
    List<Event> events = db.eventLog().all();
    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.type()).isEqualTo(EventType.INSERT);
    assertThat(event.collectionId()).isEqualTo("todos");
    assertThat(event.key()).isEqualTo("t1");
    assertThat(event.payload())
        .isEqualTo(
            "{\"id\":\"t1\",\"title\":\"Buy milk\",\"status\":\"PENDING\",\"createdAt\":100,\"priority\":null}");
    assertThat(event.origin()).isEqualTo(Origin.LOCAL);
    assertThat(event.syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(event.globalSeq()).isNull();
    assertThat(event.fields()).isEmpty();
    assertThat(event.localSeq()).isEqualTo(1);
  }

  @Test
  void insert_existingKey_throwsDuplicateKeyAndLogsNothing() {
    todos.insert(todo("t1", "first"));

    assertThatThrownBy(() -> todos.insert(todo("t1", "second")))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessageContaining("todos")
        .hasMessageContaining("'t1'")
        .hasMessageContaining("upsert");
    assertThat(todos.get("t1").title()).isEqualTo("first");
    assertThat(db.eventLog().size()).isEqualTo(1);
  }

  @Test
  void insert_nullKey_throwsNamingTheKeyComponent() {
    assertThatThrownBy(() -> todos.insert(todo(null, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key component 'id'");
    assertThat(db.eventLog().size()).isZero();
  }

  @Test
  void updateWithDraft_logsOnlyChangedFields() {
    todos.insert(todo("t1", "Buy milk"));

    Todo updated = todos.update("t1", draft -> draft.status(Status.COMPLETE).title("Buy milk"));

    assertThat(updated.status()).isEqualTo(Status.COMPLETE);
    assertThat(todos.get("t1")).isEqualTo(updated);
    Event event = db.eventLog().all().get(1);
    assertThat(event.type()).isEqualTo(EventType.UPDATE);
    assertThat(event.fields()).containsExactly("status");
    assertThat(event.payload())
        .contains("\"status\":\"COMPLETE\"")
        .contains("\"title\":\"Buy milk\"");
  }

  @Test
  void updateWholeRecord_listsFieldsThatDiffer() {
    todos.insert(todo("t1", "Buy milk"));

    todos.update(new Todo("t1", "Buy oat milk", Status.PENDING, 100, 3));

    assertThat(db.eventLog().all().get(1).fields()).containsExactly("title", "priority");
  }

  @Test
  void update_noValueChanges_writesNoEvent() {
    todos.insert(todo("t1", "Buy milk"));

    todos.update(todo("t1", "Buy milk"));
    todos.update("t1", draft -> draft.title("Buy milk"));

    assertThat(db.eventLog().size()).isEqualTo(1);
  }

  @Test
  void update_missingKey_throwsNotFound() {
    assertThatThrownBy(() -> todos.update("nope", draft -> draft.title("x")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> todos.update(todo("nope", "x"))).isInstanceOf(NotFoundException.class);
    assertThat(db.eventLog().size()).isZero();
  }

  @Test
  void delete_removesRowAndLogsDeleteWithLastState() {
    todos.insert(todo("t1", "Buy milk"));

    todos.delete("t1");

    assertThat(todos.find("t1")).isEmpty();
    assertThat(todos.exists("t1")).isFalse();
    Event event = db.eventLog().all().get(1);
    assertThat(event.type()).isEqualTo(EventType.DELETE);
    assertThat(event.key()).isEqualTo("t1");
    assertThat(event.payload()).contains("\"title\":\"Buy milk\"");
  }

  @Test
  void delete_missingKey_throwsNotFound_deleteIfExistsReturnsFalse() {
    assertThatThrownBy(() -> todos.delete("nope")).isInstanceOf(NotFoundException.class);
    assertThat(todos.deleteIfExists("nope")).isFalse();
    assertThat(db.eventLog().size()).isZero();
  }

  @Test
  void upsert_insertsThenReplaces_loggingInsertEvents() {
    todos.upsert(todo("t1", "a"));
    todos.upsert(todo("t1", "b"));

    assertThat(todos.get("t1").title()).isEqualTo("b");
    assertThat(todos.count()).isEqualTo(1);
    assertThat(db.eventLog().all())
        .extracting(Event::type)
        .containsExactly(EventType.INSERT, EventType.INSERT);
  }

  @Test
  void insertAll_withDuplicate_insertsNothing() {
    todos.insert(todo("t2", "existing"));

    assertThatThrownBy(
            () -> todos.insertAll(List.of(todo("t1", "a"), todo("t2", "b"), todo("t3", "c"))))
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(todos.all()).containsExactly(todo("t2", "existing"));
    assertThat(db.eventLog().size()).isEqualTo(1);
  }

  @Test
  void deleteAll_withMissingKey_deletesNothing() {
    todos.insertAll(List.of(todo("t1", "a"), todo("t2", "b")));

    assertThatThrownBy(() -> todos.deleteAll(List.of("t1", "missing")))
        .isInstanceOf(NotFoundException.class);

    assertThat(todos.count()).isEqualTo(2);
    assertThat(db.eventLog().size()).isEqualTo(2);
  }

  @Test
  void batchVariants_logOneEventPerRowInOrder() {
    todos.insertAll(List.of(todo("a", "1"), todo("b", "2"), todo("c", "3")));
    todos.updateAll(List.of(todo("a", "1x"), todo("c", "3x")));
    todos.upsertAll(List.of(todo("d", "4")));
    todos.deleteAll(List.of("b"));

    assertThat(db.eventLog().all())
        .extracting(e -> e.type().wireName() + ":" + e.key())
        .containsExactly(
            "insert:a", "insert:b", "insert:c", "update:a", "update:c", "insert:d", "delete:b");
    assertThat(todos.all()).extracting(Todo::title).containsExactly("1x", "3x", "4");
  }

  @Test
  void all_isOrderedByKey() {
    todos.insertAll(List.of(todo("c", ""), todo("a", ""), todo("b", "")));

    assertThat(todos.all()).extracting(Todo::id).containsExactly("a", "b", "c");
  }

  @Test
  void closedDatabase_throwsDatabaseClosed() {
    db.close();

    assertThatThrownBy(() -> todos.insert(todo("t1", "x")))
        .isInstanceOf(DatabaseClosedException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> todos.get("t1")).isInstanceOf(DatabaseClosedException.class);
    assertThatThrownBy(() -> db.eventLog()).isInstanceOf(DatabaseClosedException.class);
  }
}
