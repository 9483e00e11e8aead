package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.testing.Fold;
import dev.eventsourced.db.testing.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server may keep another shape of an event than was pushed: the seeds' reference server keeps
 * only the core members and drops {@code fields}, which turns a partial update into a whole-row
 * one. Every device folds the server's copy, so a device whose own event comes back different
 * rebuilds the row from it (invariant 4).
 */
class EchoReconciliationTest {

  @TempDir Path dir;
  private final MemoryBackend backend = new MemoryBackend().keepingCoreMembersOnly();
  private final List<EventSourcedDb> devices = new ArrayList<>();

  private EventSourcedDb device(String name) {
    EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve(name + ".sqlite"))
            .collections(TodoRepository.COLLECTION)
            .sync(backend)
            .autoSync(false)
            .open();
    devices.add(db);
    return db;
  }

  @AfterEach
  void close() {
    devices.forEach(EventSourcedDb::close);
  }

  @Test
  void partialUpdateWhoseFieldsTheServerDropped_isRefoldedFromTheServersCopy() {
    EventSourcedDb phone = device("phone");
    EventSourcedDb laptop = device("laptop");
    TodoRepository.of(phone).insert(new Todo("t1", "Buy milk", Status.PENDING, 5, 1));
    phone.sync();
    laptop.sync();

    TodoRepository.of(laptop).update("t1", draft -> draft.status(Status.COMPLETE));
    laptop.sync();
    // The phone edits another field; its event lists [title], but the server keeps it whole-row,
    // so it also sets status back to what the phone had when it wrote.
    TodoRepository.of(phone).update("t1", draft -> draft.title("Buy oat milk"));
    phone.sync();
    laptop.sync();

    Todo serverFold = referenceFold().get("t1");
    assertThat(serverFold).isEqualTo(new Todo("t1", "Buy oat milk", Status.PENDING, 5, 1));
    assertThat(TodoRepository.of(phone).get("t1")).isEqualTo(serverFold);
    assertThat(TodoRepository.of(laptop).get("t1")).isEqualTo(serverFold);
    assertThat(phone.verify().isHealthy()).isTrue();
    assertThat(laptop.verify().isHealthy()).isTrue();
  }

  @Test
  void randomConcurrentPartialUpdates_withAServerThatDropsOptionalMembers_converge() {
    long seed = Long.getLong("seed", System.nanoTime());
    System.out.println(
        "EchoReconciliationTest seed: " + seed + " (replay with -Dseed=" + seed + ")");
    Random random = new Random(seed);
    List<EventSourcedDb> all = List.of(device("a"), device("b"), device("c"));
    for (int round = 0; round < 60; round++) {
      EventSourcedDb db = all.get(random.nextInt(all.size()));
      TodoRepository todos = TodoRepository.of(db);
      String key = "t" + random.nextInt(4);
      int action = random.nextInt(10);
      if (action == 0) {
        todos.deleteIfExists(key);
      } else if (todos.find(key).isEmpty()) {
        todos.upsert(new Todo(key, "title " + round, Status.PENDING, round, null));
      } else {
        todos.update(
            key,
            draft -> {
              switch (random.nextInt(3)) {
                case 0 -> draft.title("title " + random.nextInt(100));
                case 1 -> draft.status(random.nextBoolean() ? Status.COMPLETE : Status.PENDING);
                default -> draft.priority(random.nextInt(5));
              }
            });
      }
      if (random.nextInt(3) == 0) db.sync();
    }
    for (int pass = 0; pass < 2; pass++) all.forEach(EventSourcedDb::sync);

    Map<String, Todo> expected = referenceFold();
    for (EventSourcedDb db : all) {
      assertThat(TodoRepository.of(db).all())
          .as("device %s, seed %d", db, seed)
          .containsExactlyElementsOf(expected.values());
      assertThat(db.verify().differences()).as("seed %d", seed).isEmpty();
    }
  }

  private Map<String, Todo> referenceFold() {
    return Fold.replay(
        TodoRepository.COLLECTION,
        backend.log(),
        Fold.byComponents(
            TodoRepository.COLLECTION,
            (values, type) ->
                new Todo(
                    (String) values[0],
                    (String) values[1],
                    (Status) values[2],
                    (Long) values[3],
                    (Integer) values[4])));
  }
}
