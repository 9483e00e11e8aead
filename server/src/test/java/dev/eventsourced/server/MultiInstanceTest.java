package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.CountingStore;
import dev.eventsourced.server.testing.CursorFollower;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.Postgres;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several stateless server instances over one PostgreSQL database: one global gap-free order across
 * instances (the advisory lock, not BIGSERIAL), and long-polls on every instance woken by a push to
 * any of them (LISTEN/NOTIFY).
 */
class MultiInstanceTest extends ServerTestBase {

  MultiInstanceTest() {
    super(StoreKind.POSTGRESQL);
  }

  @Test
  void pushToOneInstance_wakesLongPollOnAnother() throws Exception {
    SyncServer other = startServer(builder -> builder);
    Http otherClient = new Http(other.eventsUri());
    List<Long> latencies = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      long since = round;
      CompletableFuture<Http.Response> waiting =
          CompletableFuture.supplyAsync(() -> otherClient.pull("since=" + since + "&wait=20"));
      LongPollTest.awaitWaitingPulls(other, 1);

      long pushed = System.nanoTime();
      pushOk(Events.inserts("todos", "r" + round, 1));
      Http.Response response = waiting.get(20, TimeUnit.SECONDS);
      latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pushed));

      assertThat(response.json().get("events")).hasSize(1);
    }
    LongPollTest.report(
        "POSTGRESQL cross-instance wake-up latency, ms (push included), 5 rounds", latencies);
    assertThat(LongPollTest.median(latencies))
        .as("median cross-instance wake-up latency, with a 20 s wait")
        .isLessThan(2_000);
  }

  @Test
  void anotherInstancesCommit_wakesOnlyTheLongPollsOfItsCollections() throws Exception {
    CountingStore store = new CountingStore(fixture.open());
    try (SyncServer other = SyncServer.builder().store(store).host("127.0.0.1").port(0).start()) {
      Http otherClient = new Http(other.eventsUri());
      List<CompletableFuture<Http.Response>> onB = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        onB.add(
            CompletableFuture.supplyAsync(() -> otherClient.pull("since=0&wait=20&collection=b")));
      }
      LongPollTest.awaitWaitingPulls(other, 20);
      int readsBefore = store.reads.get();

      for (int i = 0; i < 10; i++) {
        pushOk(Events.inserts("a", "x" + i, 1)); // to the first instance
      }
      Thread.sleep(500);
      assertThat(onB).noneMatch(CompletableFuture::isDone);
      assertThat(store.reads.get() - readsBefore)
          .as("reads on the other instance for 10 commits to a, announced by NOTIFY")
          .isZero();

      pushOk(Events.inserts("b", "y", 1));
      for (CompletableFuture<Http.Response> waiting : onB) {
        assertThat(waiting.get(20, TimeUnit.SECONDS).json().get("events")).hasSize(1);
      }
    }
  }

  @Test
  void lostListenConnection_isReopenedAndCatchesUpOnWhatItMissed() throws Exception {
    SyncServer other = startServer(builder -> builder);
    Http otherClient = new Http(other.eventsUri());
    CompletableFuture<Http.Response> waiting =
        CompletableFuture.supplyAsync(() -> otherClient.pull("since=0&wait=20"));
    LongPollTest.awaitWaitingPulls(other, 1);

    int killed = terminateListenConnections();
    pushOk(Events.inserts("todos", "t", 1)); // the NOTIFY may reach nobody: both listeners are gone
    Http.Response response = waiting.get(20, TimeUnit.SECONDS);

    assertThat(killed).isEqualTo(2);
    assertThat(response.json().get("events")).hasSize(1);
  }

  /**
   * Terminates the LISTEN connections of this test's schema (one per instance); returns how many.
   */
  private int terminateListenConnections() throws SQLException {
    try (Connection connection = Postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE query = 'LISTEN \"es_"
                    + fixture.name()
                    + "\"'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void pushersOnThreeInstances_giveOneGapFreeOrderThatPullersOnEveryInstanceFollow()
      throws Exception {
    List<SyncServer> instances =
        List.of(server, startServer(builder -> builder), startServer(builder -> builder));
    int pushersPerInstance = 3;
    int batches = 15;
    int perBatch = 30;
    ExecutorService pool =
        Executors.newFixedThreadPool(instances.size() * (pushersPerInstance + 1));
    AtomicBoolean done = new AtomicBoolean();
    try {
      List<Future<CursorFollower>> pullers = new ArrayList<>();
      for (SyncServer instance : instances) {
        pullers.add(
            pool.submit(new CursorFollower(new Http(instance.eventsUri()), 100, done::get)));
      }
      List<Future<?>> pushers = new ArrayList<>();
      for (SyncServer instance : instances) {
        for (int p = 0; p < pushersPerInstance; p++) {
          Http client = new Http(instance.eventsUri());
          String prefix = instance.port() + "-" + p;
          pushers.add(
              pool.submit(
                  () -> {
                    for (int b = 0; b < batches; b++) {
                      Http.Response response =
                          client.push(
                              Events.json(Events.inserts("todos", prefix + "-" + b, perBatch)));
                      assertThat(response.status()).as("push %s", response).isEqualTo(200);
                    }
                  }));
        }
      }
      for (Future<?> pusher : pushers) {
        pusher.get();
      }
      done.set(true);

      int total = instances.size() * pushersPerInstance * batches * perBatch;
      List<Long> allSeqs = LongStream.rangeClosed(1, total).boxed().collect(Collectors.toList());
      List<JsonNode> log = pullAll("", 1000);
      assertThat(log)
          .extracting(event -> event.get("globalSeq").asLong())
          .containsExactlyElementsOf(allSeqs);
      for (Future<CursorFollower> future : pullers) {
        CursorFollower puller = future.get();
        assertThat(puller.gaps()).as("gaps seen by a puller").isEmpty();
        assertThat(puller.seen()).containsExactlyElementsOf(allSeqs);
      }
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
  }
}
