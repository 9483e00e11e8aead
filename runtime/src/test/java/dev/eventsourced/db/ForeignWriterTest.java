package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SkippedEvent;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events pushed by other clients (the seeds' TypeScript client, scripts, back-office jobs) fold by
 * invariant 4's rule: the key is the event's {@code key}, an update without {@code fields} sets
 * exactly the members its payload carries, and a payload that contradicts its event is reported and
 * skipped, never a stuck sync.
 */
class ForeignWriterTest {

  @TempDir Path dir;
  private final MemoryBackend backend = new MemoryBackend();
  private EventSourcedDb db;
  private TodoRepository todos;
  private TaskRepository tasks;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("device.sqlite"))
            .collections(TodoRepository.COLLECTION, TaskRepository.COLLECTION)
            .sync(backend)
            .autoSync(false)
            .open();
    todos = TodoRepository.of(db);
    tasks = TaskRepository.of(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void keylessInsert_takesTheEventsKey() {
    backend.appendForeign(
        "todos",
        EventType.INSERT,
        "t1",
        "{\"title\":\"from a script\",\"createdAt\":5}",
        List.of());

    assertThat(db.sync().ok()).isTrue();

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "from a script", null, 5, null));
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void updateWithoutFields_setsExactlyTheMembersItsPayloadCarries() {
    todos.insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 3));
    db.sync();
    backend.appendForeign("todos", EventType.UPDATE, "t1", "{\"status\":\"COMPLETE\"}", List.of());
    backend.appendForeign(
        "todos", EventType.UPDATE, "t1", "{\"id\":\"t1\",\"priority\":null}", List.of());

    assertThat(db.sync().ok()).isTrue();

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "Buy milk", Status.COMPLETE, 5, null));
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void wholeRowUpdateWithoutFields_setsEveryColumn() {
    todos.insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 3));
    db.sync();
    backend.appendForeign(
        "todos",
        EventType.UPDATE,
        "t1",
        "{\"id\":\"t1\",\"title\":\"Buy oat milk\",\"status\":null,\"createdAt\":6,\"priority\":1}",
        List.of());

    db.sync();

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "Buy oat milk", null, 6, 1));
  }

  @Test
  void updateWithFields_setsOnlyThoseEvenFromAWholeRowPayload() {
    todos.insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 3));
    db.sync();
    backend.appendForeign(
        "todos",
        EventType.UPDATE,
        "t1",
        "{\"id\":\"t1\",\"title\":\"ignored\",\"status\":\"COMPLETE\",\"createdAt\":0,\"priority\":null}",
        List.of("status", "noSuchComponent"));

    db.sync();

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "Buy milk", Status.COMPLETE, 5, 3));
  }

  @Test
  void updateOfAMissingRow_doesNothing() {
    backend.appendForeign("todos", EventType.UPDATE, "ghost", "{\"title\":\"boo\"}", List.of());

    assertThat(db.sync().ok()).isTrue();

    assertThat(todos.find("ghost")).isEmpty();
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void numericKeys_asStringsOrNumbers_foldIntoOneRow() {
    backend.appendForeign(
        "tasks", EventType.INSERT, 42L, "{\"title\":\"as a number\",\"done\":false}", List.of());
    backend.appendForeign("tasks", EventType.UPDATE, "042", "{\"done\":true}", List.of());

    assertThat(db.sync().ok()).isTrue();

    assertThat(tasks.get(42L)).isEqualTo(new Task(42, null, "as a number", null, true));
    assertThat(db.eventLog().all()).extracting(Event::key).containsOnly("42");
    assertThat(db.verify().isHealthy()).isTrue();
  }

  @Test
  void payloadThatContradictsItsEvent_isMarkedAndReported_andSyncGoesOn() {
    todos.insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 3));
    db.sync();
    backend.appendForeign(
        "todos", EventType.UPDATE, "t1", "{\"id\":\"t2\",\"title\":\"other key\"}", List.of());
    backend.appendForeign(
        "todos", EventType.UPDATE, "t1", "{\"createdAt\":\"yesterday\"}", List.of());
    backend.appendForeign("todos", EventType.INSERT, "t3", "[1, 2]", List.of());
    backend.appendForeign("todos", EventType.UPDATE, "t1", "{\"priority\":1.5}", List.of());
    backend.appendForeign(
        "todos", EventType.UPDATE, "t1", "{\"status\":\"NO_SUCH_STATUS\"}", List.of());
    backend.appendForeign(
        "tasks", EventType.INSERT, "not-a-number", "{\"title\":\"x\"}", List.of());
    backend.appendForeign(
        "todos", EventType.UPDATE, "t1", "{\"title\":\"still applied\"}", List.of());

    SyncResult result = db.sync();

    assertThat(result.errors()).hasSize(6);
    assertThat(result.errors())
        .extracting(SyncResult.SyncError::message)
        .anySatisfy(m -> assertThat(m).contains("contradicts the event's key t1"));
    assertThat(result.errors())
        .extracting(SyncResult.SyncError::message)
        .anySatisfy(m -> assertThat(m).contains("/createdAt").contains("yesterday"));
    assertThat(result.cursor()).isEqualTo(backend.log().size());
    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "still applied", Status.PENDING, 5, 3));
    assertThat(todos.find("t3")).isEmpty();
    assertThat(db.eventLog().all())
        .filteredOn(e -> e.syncStatus() == SyncStatus.REJECTED)
        .hasSize(6)
        .allSatisfy(e -> assertThat(e.error()).isNotBlank());
    assertThat(db.verify().isHealthy()).isTrue();
    assertThat(db.sync().ok()).isTrue();
  }

  @Test
  void eventsATransportCouldNotRead_areReported_andTheRestOfThePageApplies() {
    backend.appendForeign("todos", EventType.INSERT, "t1", "{\"title\":\"kept\"}", List.of());
    UUID bad = UUID.randomUUID();
    SyncTransport lenientServer =
        new SyncTransport() {
          @Override
          public PushResult push(List<SyncEvent> events) {
            return backend.push(events);
          }

          @Override
          public PullResult pull(long since, int limit) {
            PullResult page = backend.pull(since, limit);
            if (since > 0) return page;
            return new PullResult(
                page.events(),
                page.cursor() + 1,
                false,
                List.of(
                    new SkippedEvent(
                        bad,
                        page.cursor() + 1,
                        "type: must be one of \"insert\", \"update\", \"delete\", "
                            + "got \"upsert\"",
                        "{}")));
          }
        };
    try (EventSourcedDb other =
        EventSourcedDb.builder()
            .path(dir.resolve("other.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(lenientServer)
            .autoSync(false)
            .open()) {

      SyncResult result = other.sync();

      assertThat(result.errors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.eventId()).isEqualTo(bad);
                assertThat(error.message()).contains("upsert");
              });
      assertThat(result.cursor()).isEqualTo(2);
      assertThat(TodoRepository.of(other).get("t1").title()).isEqualTo("kept");
    }
  }

  @Test
  void foreignEventsOnARowWithPendingLocalChanges_rebaseUnderThem() {
    todos.insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 3));
    db.sync();
    todos.update("t1", draft -> draft.title("local title"));
    backend.appendForeign(
        "todos", EventType.UPDATE, "t1", "{\"title\":\"remote title\",\"priority\":9}", List.of());

    db.sync();

    assertThat(todos.get("t1")).isEqualTo(new Todo("t1", "local title", Status.PENDING, 5, 9));
    assertThat(db.verify().isHealthy()).isTrue();
  }
}
