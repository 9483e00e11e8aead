package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.ORIGIN;
import static dev.eventsourced.db.fixtures.Todo_.SYNCED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import dev.eventsourced.db.testing.FaultyTransport;
import dev.eventsourced.db.testing.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live queries follow what client sync commits: confirmations (SYNCED), pulled rows (ORIGIN),
 * rebases.
 */
class LiveSyncTest {

  @TempDir Path dir;
  private final MemoryBackend backend = new MemoryBackend();
  private final List<EventSourcedDb> open = new ArrayList<>();

  private EventSourcedDb open(String name) {
    EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve(name + ".sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(new FaultyTransport(backend))
            .autoSync(false)
            .open();
    open.add(db);
    return db;
  }

  @AfterEach
  void close() {
    open.forEach(EventSourcedDb::close);
  }

  @Test
  void syncedAndOriginQueries_followPushesPullsAndRebases() {
    EventSourcedDb phone = open("phone");
    EventSourcedDb laptop = open("laptop");
    TodoRepository phoneTodos = TodoRepository.of(phone);
    TodoRepository laptopTodos = TodoRepository.of(laptop);
    Query<Todo> unsynced = phoneTodos.query().where(SYNCED.isFalse()).orderBy(CREATED_AT.asc());
    Query<Todo> remote =
        phoneTodos.query().where(ORIGIN.eq(Origin.REMOTE)).orderBy(CREATED_AT.desc()).limit(2);
    LiveQuery<Todo> liveUnsynced = unsynced.live();
    LiveQuery<Todo> liveRemote = remote.live();
    List<LiveUpdate<Todo>> updates = new ArrayList<>();
    liveUnsynced.subscribe(Runnable::run, updates::add);

    phoneTodos.insert(new Todo("milk", "Buy milk", Status.PENDING, 1, null));
    phoneTodos.insert(new Todo("bread", "Buy bread", Status.PENDING, 2, null));
    assertThat(liveUnsynced.current()).extracting(Todo::id).containsExactly("milk", "bread");
    phone.sync();
    assertThat(liveUnsynced.current()).isEqualTo(unsynced.list()).isEmpty();

    laptop.sync();
    for (int i = 0; i < 4; i++)
      laptopTodos.insert(new Todo("l" + i, "from the laptop", Status.PENDING, 10 + i, null));
    laptopTodos.update(
        "milk", d -> d.title("Buy oat milk").createdAt(20)); // a remote change of a local row
    laptop.sync();
    phoneTodos.update("bread", d -> d.status(Status.COMPLETE)); // pending, rebased over the pull
    phone.sync();
    assertThat(liveRemote.current())
        .isEqualTo(remote.list())
        .extracting(Todo::id)
        .containsExactly("milk", "l3");
    assertThat(liveUnsynced.current()).isEqualTo(unsynced.list()).isEmpty();
    assertThat(updates.get(updates.size() - 1).rows()).isEmpty();
  }
}
