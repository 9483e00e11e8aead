package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.testing.FaultyTransport;
import dev.eventsourced.db.testing.FaultyTransport.Fault;
import dev.eventsourced.db.testing.Fold;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * invariants 3 and 4 against the real server: 3–5 clients write random inserts, updates and deletes
 * on a small shared key space, go offline, sync in random order through lost requests, lost
 * responses, duplicated deliveries and server restarts. After a final full sync every client holds
 * the fold of the server's log, and has every event exactly once.
 */
class HttpConvergenceTest {

  @TempDir Path dir;

  @Test
  void randomWorkloadWithFaultsAndRestarts_everyClientEqualsServerLogFold() {
    long seed = Long.getLong("convergence.seed", System.nanoTime());
    String context = "seed " + seed + " (rerun with -Dconvergence.seed=" + seed + ")";
    Random random = new Random(seed);
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      int clientCount = 3 + random.nextInt(3);
      List<EventSourcedDb> clients = new ArrayList<>();
      List<FaultyTransport> links = new ArrayList<>();
      try {
        for (int c = 0; c < clientCount; c++) {
          FaultyTransport link = new FaultyTransport(HttpSyncTransport.to(server.events()));
          links.add(link);
          clients.add(
              EventSourcedDb.builder()
                  .path(dir.resolve("client" + c + ".sqlite"))
                  .collections(TaskRepository.COLLECTION)
                  .sync(link)
                  .autoSync(false)
                  .pullLimit(1 + random.nextInt(20))
                  .open());
        }
        for (int step = 0; step < 300; step++) {
          int c = random.nextInt(clientCount);
          int action = random.nextInt(100);
          if (action < 65) {
            mutate(TaskRepository.of(clients.get(c)), random);
          } else if (action < 75) {
            links.get(c).offline(random.nextBoolean());
          } else if (action < 77) {
            server.restart();
          } else {
            if (random.nextInt(3) == 0) links.get(c).nextPush(Fault.values()[random.nextInt(3)]);
            if (random.nextInt(3) == 0) links.get(c).nextPull(Fault.values()[random.nextInt(3)]);
            clients.get(c).sync();
          }
        }
        links.forEach(FaultyTransport::heal);
        for (int pass = 0; pass < 2; pass++) {
          for (EventSourcedDb db : clients) {
            SyncResult result = db.sync();
            assertThat(result.errors()).as(context).isEmpty();
          }
        }

        List<SyncEvent> serverLog = new ArrayList<>();
        HttpSyncTransport reader = HttpSyncTransport.to(server.events());
        long cursor = 0;
        PullResult page;
        do {
          page = reader.pull(cursor, 1000);
          serverLog.addAll(page.events());
          cursor = page.cursor();
        } while (page.hasMore());
        Map<String, Task> expected =
            Fold.replay(
                TaskRepository.COLLECTION,
                serverLog,
                Fold.byComponents(
                    TaskRepository.COLLECTION,
                    (v, type) ->
                        new Task(
                            (String) v[0],
                            (String) v[1],
                            (Boolean) v[2],
                            (Long) v[3],
                            (Integer) v[4])));
        List<String> serverIds =
            serverLog.stream().map(e -> e.eventId() + "@" + e.globalSeq()).sorted().toList();
        assertThat(serverIds)
            .as(context + " server stores each event once")
            .doesNotHaveDuplicates();
        for (EventSourcedDb db : clients) {
          Map<String, Task> actual = new TreeMap<>();
          for (Task task : TaskRepository.of(db).all()) actual.put(task.id(), task);
          assertThat(actual).as(context + " state of " + db).isEqualTo(expected);
          Verify.healthy(db, context);
          List<String> clientIds =
              db.eventLog().all().stream()
                  .filter(e -> e.syncStatus() != SyncStatus.REJECTED)
                  .map(e -> e.eventId() + "@" + e.globalSeq())
                  .sorted()
                  .toList();
          assertThat(clientIds)
              .as(context + " each event exactly once in " + db)
              .isEqualTo(serverIds);
        }
      } finally {
        clients.forEach(EventSourcedDb::close);
      }
    }
  }

  private static void mutate(TaskRepository tasks, Random random) {
    String key = "k" + random.nextInt(5);
    boolean exists = tasks.exists(key);
    int choice = random.nextInt(10);
    if (!exists || choice == 0) {
      tasks.upsert(new Task(key, "t" + random.nextInt(100), false, random.nextInt(1000), null));
    } else if (choice < 4) {
      tasks.update(key, draft -> draft.title("t" + random.nextInt(100)));
    } else if (choice < 6) {
      tasks.update(key, draft -> draft.done(random.nextBoolean()));
    } else if (choice < 8) {
      tasks.update(key, draft -> draft.priority(random.nextInt(5)).createdAt(random.nextInt(1000)));
    } else {
      tasks.delete(key);
    }
  }
}
