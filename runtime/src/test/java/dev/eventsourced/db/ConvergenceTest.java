package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.testing.FaultyTransport;
import dev.eventsourced.db.testing.FaultyTransport.Fault;
import dev.eventsourced.db.testing.Fold;
import dev.eventsourced.db.testing.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random writes on a small shared key space by several offline-prone clients, random syncs and
 * injected transport faults; afterwards every client holds the fold of the backend's log.
 */
class ConvergenceTest {

  @TempDir Path dir;

  @Test
  void randomWritesFaultsAndSyncs_allClientsConvergeToTheBackendLog() {
    long seed = Long.getLong("convergence.seed", System.nanoTime());
    for (int round = 0; round < 4; round++) {
      runRound(seed + round);
    }
  }

  private static List<String> tableWithMetadata(EventSourcedDb db) {
    return db.sql(
            "SELECT id, title, status, created_at, priority, _origin, _pending = 0 FROM todos ORDER BY id",
            rs ->
                rs.getString(1)
                    + "|"
                    + rs.getString(2)
                    + "|"
                    + rs.getString(3)
                    + "|"
                    + rs.getLong(4)
                    + "|"
                    + rs.getObject(5)
                    + "|"
                    + rs.getString(6)
                    + "|"
                    + rs.getInt(7))
        .list();
  }

  private void runRound(long seed) {
    Random random = new Random(seed);
    String context = "seed " + seed + " (rerun with -Dconvergence.seed=" + seed + ")";
    MemoryBackend backend = new MemoryBackend();
    int clientCount = 3 + random.nextInt(3);
    List<EventSourcedDb> clients = new ArrayList<>();
    List<FaultyTransport> links = new ArrayList<>();
    try {
      for (int c = 0; c < clientCount; c++) {
        FaultyTransport link = new FaultyTransport(backend);
        links.add(link);
        clients.add(
            EventSourcedDb.builder()
                .path(dir.resolve(seed + "-" + c + ".sqlite"))
                .collections(TodoRepository.COLLECTION)
                .sync(link)
                .pullLimit(1 + random.nextInt(7))
                .open());
      }
      for (int step = 0; step < 400; step++) {
        int c = random.nextInt(clientCount);
        EventSourcedDb db = clients.get(c);
        int action = random.nextInt(100);
        if (action < 70) {
          mutate(TodoRepository.of(db), random);
        } else if (action < 80) {
          links.get(c).offline(random.nextBoolean());
        } else {
          if (random.nextInt(4) == 0) links.get(c).nextPush(Fault.values()[random.nextInt(3)]);
          if (random.nextInt(4) == 0) links.get(c).nextPull(Fault.values()[random.nextInt(3)]);
          db.sync();
        }
      }
      for (EventSourcedDb db : clients) {
        // Invariant 7: the table is the fold of the log, pending events and all, so rebuilding it
        // from the log mid-flight changes nothing, metadata included (SYNCED: the exact pending
        // count is only kept where it matters, 0 or not).
        List<String> before = tableWithMetadata(db);
        db.rebuild("todos");
        assertThat(tableWithMetadata(db)).as(context + " rebuilt table of " + db).isEqualTo(before);
      }
      links.forEach(FaultyTransport::heal);
      for (int pass = 0; pass < 2; pass++) {
        for (EventSourcedDb db : clients) {
          SyncResult result = db.sync();
          assertThat(result.errors()).as(context).isEmpty();
        }
      }

      Map<String, Todo> expected =
          Fold.replay(
              TodoRepository.COLLECTION,
              backend.log(),
              Fold.byComponents(
                  TodoRepository.COLLECTION,
                  (v, type) ->
                      new Todo(
                          (String) v[0],
                          (String) v[1],
                          (Status) v[2],
                          (Long) v[3],
                          (Integer) v[4])));
      List<String> serverIds =
          backend.log().stream().map(e -> e.eventId() + "@" + e.globalSeq()).sorted().toList();
      for (EventSourcedDb db : clients) {
        Map<String, Todo> actual = new TreeMap<>();
        for (Todo todo : TodoRepository.of(db).all()) actual.put(todo.id(), todo);
        assertThat(actual).as(context + " state of " + db).isEqualTo(expected);
        assertThat(db.eventLog().pendingCount()).as(context).isZero();
        assertThat(db.verify().differences()).as(context + " verify() of " + db).isEmpty();
        List<String> clientIds =
            db.eventLog().all().stream()
                .filter(e -> e.syncStatus() != SyncStatus.REJECTED)
                .map(e -> e.eventId() + "@" + e.globalSeq())
                .sorted()
                .collect(Collectors.toList());
        assertThat(clientIds)
            .as(context + " each event exactly once in " + db)
            .isEqualTo(serverIds);
        assertThat(
                TodoRepository.of(db)
                    .query()
                    .where(dev.eventsourced.db.fixtures.Todo_.SYNCED.isFalse())
                    .count())
            .as(context)
            .isZero();
      }
    } finally {
      clients.forEach(EventSourcedDb::close);
    }
  }

  private static void mutate(TodoRepository todos, Random random) {
    String key = "k" + random.nextInt(6);
    boolean exists = todos.exists(key);
    int choice = random.nextInt(10);
    if (!exists || choice == 0) {
      todos.upsert(
          new Todo(key, "t" + random.nextInt(100), Status.PENDING, random.nextInt(1000), null));
    } else if (choice < 4) {
      todos.update(key, d -> d.title("t" + random.nextInt(100)));
    } else if (choice < 6) {
      todos.update(key, d -> d.status(random.nextBoolean() ? Status.COMPLETE : Status.PENDING));
    } else if (choice < 8) {
      todos.update(key, d -> d.priority(random.nextInt(5)).createdAt(random.nextInt(1000)));
    } else {
      todos.delete(key);
    }
  }
}
