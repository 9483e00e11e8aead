package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoDefinition;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

  @TempDir Path dir;

  private EventSourcedDb open(Path file) {
    return EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open();
  }

  @Test
  void closeAndReopen_keepsStateEventsAndClientId() {
    Path file = dir.resolve("app.sqlite");
    String clientId;
    try (EventSourcedDb db = open(file)) {
      TodoRepository todos = TodoRepository.of(db);
      todos.insert(new Todo("a", "Buy milk", Status.PENDING, 1, 2));
      todos.update("a", d -> d.status(Status.COMPLETE));
      clientId = db.clientId();
    }

    try (EventSourcedDb db = open(file)) {
      assertThat(TodoRepository.of(db).get("a"))
          .isEqualTo(new Todo("a", "Buy milk", Status.COMPLETE, 1, 2));
      assertThat(db.eventLog().size()).isEqualTo(2);
      assertThat(db.eventLog().pendingCount()).isEqualTo(2);
      assertThat(db.clientId()).isEqualTo(clientId);
    }
  }

  @Test
  void repositoryOfUnlistedCollection_createsItsTable() {
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(dir.resolve("a.sqlite")).collections().open()) {
      TodoRepository todos = TodoRepository.of(db, new TodoDefinition("later", "x"));
      todos.insert(new Todo("a", "t", Status.PENDING, 1, null));
      assertThat(todos.count()).isEqualTo(1);
    }
  }

  @Test
  void open_withoutStorage_failsNamingTheSettings() {
    assertThatThrownBy(() -> EventSourcedDb.builder().open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("path(Path)")
        .hasMessageContaining("inMemory()");
    assertThatThrownBy(() -> EventSourcedDb.builder().inMemory().path(dir.resolve("x")).open())
        .hasMessageContaining("choose one");
    assertThatThrownBy(() -> EventSourcedDb.builder().path(dir).open())
        .hasMessageContaining("is a directory");
    assertThatThrownBy(
            () -> EventSourcedDb.builder().path(dir.resolve("no/such/dir/x.sqlite")).open())
        .hasMessageContaining("does not exist");
  }

  @Test
  void open_usesWalMode() throws Exception {
    Path file = dir.resolve("wal.sqlite");
    try (EventSourcedDb db = open(file)) {
      TodoRepository.of(db).insert(new Todo("a", "t", Status.PENDING, 1, null));
      assertThat(Files.exists(dir.resolve("wal.sqlite-wal"))).isTrue();
    }
  }
}
