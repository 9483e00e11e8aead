package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.it.WriterProcesses.Child;
import dev.eventsourced.it.WriterProcesses.Line;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several processes with one file open on automatic sync (issue 13): exactly one of them syncs at a
 * time, another takes over within a second when it is killed mid-push, every process's commits
 * reach the server exactly once, and events pulled by the leader reach live queries in every
 * process. The processes are {@link AutoSyncWriter} child JVMs; {@code -Dseed=N} replays a run's
 * choices.
 */
class SyncLeaderTest {

  private static final int ROWS = 250;
  private static final int BURST = 5;
  private static final long PACE_MILLIS = 40;
  private static final long HOLD_MILLIS = 150;
  private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(1);

  @TempDir Path dir;

  /** The server's event store. */
  enum Store {
    SQLITE,
    POSTGRESQL;

    TestServer start(Path dir) {
      return this == SQLITE ? new TestServer(dir.resolve("server.sqlite")) : TestServer.postgres();
    }
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Store.class)
  void leaderKilledMidPush_anotherTakesOverWithinASecond_andTheServerHoldsEveryEventOnce(
      Store store) throws Exception {
    long seed = Long.getLong("seed", System.nanoTime());
    System.out.println("SyncLeaderTest (" + store + ") seed=" + seed + " (replay with -Dseed=N)");
    Random random = new Random(seed);
    Path file = dir.resolve("shared.sqlite");
    EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open().close();

    try (TestServer server = store.start(dir)) {
      List<String> takeovers = new ArrayList<>();
      try (WriterProcesses processes = new WriterProcesses(file, server.events())) {
        for (int p = 1; p <= 3; p++)
          processes.start("p" + p, ROWS, BURST, PACE_MILLIS, HOLD_MILLIS);
        processes.awaitLeader(Duration.ofSeconds(30));
        Thread.sleep(300);
        assertThat(processes.leaders()).as("leaders after the start").hasSize(1);
        assertThat(processes.lockHeldElsewhere()).as("the leader holds the sync lock").isTrue();

        int rounds = 3;
        for (int round = 1; round <= rounds; round++) {
          // The followers are running (a process still starting cannot take over yet).
          for (Child child : processes.alive()) child.await("OPEN", Duration.ofSeconds(30));
          Child leader = processes.awaitLeader(Duration.ofSeconds(5));
          // Killed while its push is on the wire, or after the server stored it but before the
          // database recorded the confirmations (the push is held there for HOLD_MILLIS).
          boolean afterStore = random.nextBoolean();
          String when = afterStore ? "PUSHED" : "PUSH";
          leader.await(
              text -> text.startsWith(when + " "),
              leader.lineCount(),
              Duration.ofSeconds(10),
              "a " + when + " line");
          long killedAt = System.nanoTime();
          leader.kill();
          Child next = processes.awaitLeader(Duration.ofSeconds(10));
          Line became = next.await("LEADER", Duration.ofSeconds(1));
          long millis = TimeUnit.NANOSECONDS.toMillis(became.nanos() - killedAt);
          String figure =
              "round "
                  + round
                  + ": "
                  + leader
                  + " killed at "
                  + when
                  + ", "
                  + next
                  + " took over in "
                  + millis
                  + " ms";
          System.out.println("SyncLeaderTest (" + store + ") " + figure);
          takeovers.add(figure);
          assertThat(Duration.ofMillis(millis)).as(figure).isLessThanOrEqualTo(TAKEOVER_LIMIT);
          assertThat(processes.leaders()).as("leaders after round " + round).containsExactly(next);
          processes.start("p" + (3 + round), ROWS, BURST, PACE_MILLIS, HOLD_MILLIS);
        }

        for (Child child : processes.alive()) child.await("DONE", Duration.ofSeconds(30));
        assertThat(processes.leaders()).hasSize(1);
        assertThat(processes.lockHeldElsewhere()).isTrue();
        for (Child child : processes.alive()) child.exit();
        assertThat(processes.violations()).as("two live leaders at once").isEmpty();

        try (EventSourcedDb db = open(file, server.events())) {
          await("the test's database leads", () -> db.syncState().current().leader());
          assertThat(db.awaitSynced(Duration.ofSeconds(30))).as("synced").isTrue();
          assertEveryEventOnTheServerOnce(db, server.events());
          Verify.healthy(db, "after the kills");
          assertThat(db.eventLog().pendingCount()).isZero();
          assertRowsWritten(db, processes);
        }
      }
      System.out.println("SyncLeaderTest (" + store + ") takeovers: " + takeovers);
    }
  }

  @Test
  void eventFromAnotherDevice_reachesLiveQueriesInTheLeaderAndTheFollowers() throws Exception {
    Path file = dir.resolve("desktop.sqlite");
    EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open().close();
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"));
        WriterProcesses processes = new WriterProcesses(file, server.events())) {
      List<Child> children = new ArrayList<>();
      for (int p = 1; p <= 3; p++) children.add(processes.start("d" + p, 2, 2, 0, 0, "laptop-1"));
      Child leader = processes.awaitLeader(Duration.ofSeconds(30));
      for (Child child : children) child.await("DONE", Duration.ofSeconds(30));

      try (EventSourcedDb laptop = open(dir.resolve("laptop.sqlite"), server.events());
          LiveQuery<Task> onLaptop = TaskRepository.of(laptop).query().live()) {
        long wrote = System.nanoTime();
        TaskRepository.of(laptop).insert(new Task("laptop-1", "from the laptop", false, 1, null));
        for (Child child : children) {
          Line seen = child.await("SEEN laptop-1", Duration.ofSeconds(10));
          System.out.println(
              "SyncLeaderTest: "
                  + child
                  + (child == leader ? " (leader)" : " (follower)")
                  + " saw the laptop's row after "
                  + TimeUnit.NANOSECONDS.toMillis(seen.nanos() - wrote)
                  + " ms");
        }
        await(
            "the laptop's live query shows every process's rows",
            () -> onLaptop.current().size() == 1 + 3 * 2);
      }
      assertThat(processes.leaders()).containsExactly(leader);
      for (Child child : children) child.exit();
      assertThat(processes.violations()).isEmpty();
    }
  }

  private static EventSourcedDb open(Path file, URI server) {
    return EventSourcedDb.builder()
        .path(file)
        .collections(TaskRepository.COLLECTION)
        .sync(HttpSyncTransport.to(server))
        .longPoll(Duration.ofSeconds(5))
        .open();
  }

  /**
   * Every event of the file is on the server once, with the globalSeq the file recorded, and the
   * server holds nothing else (only this file pushed to it).
   */
  private static void assertEveryEventOnTheServerOnce(EventSourcedDb db, URI server) {
    List<SyncEvent> stored = pullAll(server);
    Map<UUID, Long> seqs = new HashMap<>();
    for (SyncEvent event : stored) {
      Long before = seqs.put(event.eventId(), event.globalSeq());
      assertThat(before).as("event " + event.eventId() + " twice on the server").isNull();
    }
    List<Event> local = db.eventLog().all();
    for (Event event : local) {
      assertThat(event.globalSeq())
          .as("globalSeq of " + event.key() + " (" + event.eventId() + ")")
          .isNotNull()
          .isEqualTo(seqs.get(event.eventId()));
    }
    Set<UUID> localIds = local.stream().map(Event::eventId).collect(Collectors.toSet());
    assertThat(localIds).hasSize(local.size());
    assertThat(seqs.keySet()).isEqualTo(localIds);
  }

  /**
   * The processes that finished wrote all their rows; a killed one a first part of them, whole
   * bursts; and each row has exactly its insert event.
   */
  private static void assertRowsWritten(EventSourcedDb db, WriterProcesses processes) {
    Map<String, List<Task>> byPrefix =
        TaskRepository.of(db).all().stream()
            .collect(Collectors.groupingBy(task -> task.id().substring(0, task.id().indexOf('-'))));
    int total = 0;
    for (Child child : processes.all()) {
      List<Task> rows = byPrefix.getOrDefault(child.prefix, List.of());
      Set<String> keys = rows.stream().map(Task::id).collect(Collectors.toSet());
      int count = child.printed("DONE") ? ROWS : rows.size();
      assertThat(rows).as(child.prefix + "'s rows").hasSize(count);
      assertThat(count % BURST).as(child.prefix + ": whole bursts").isZero();
      for (int i = 0; i < count; i++) assertThat(keys).contains(child.prefix + "-" + i);
      total += count;
    }
    assertThat(db.eventLog().size()).as("one insert event per row").isEqualTo(total);
  }

  private static List<SyncEvent> pullAll(URI server) {
    HttpSyncTransport http = HttpSyncTransport.to(server);
    List<SyncEvent> events = new ArrayList<>();
    long since = 0;
    while (true) {
      PullResult page = http.pull(since, 1000);
      events.addAll(page.events());
      since = page.cursor();
      if (!page.hasMore()) return events;
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
      Thread.sleep(10);
    }
  }
}
