package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET ?wait=S}: a client hears about new events without polling. The wake-up latency is
 * measured and reported; the assertions only bound it far below the wait, not tightly.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class LongPollTest extends ServerTestBase {

  LongPollTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  void waitingPull_wakesUpSoonAfterAPush() throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      long since = round * 2L;
      CompletableFuture<Http.Response> waiting =
          CompletableFuture.supplyAsync(() -> http.pull("since=" + since + "&wait=20"));
      awaitWaitingPulls(server, 1);

      long pushed = System.nanoTime();
      pushOk(Events.inserts("todos", "r" + round, 2));
      Http.Response response = waiting.get(20, TimeUnit.SECONDS);
      latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pushed));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().get("events")).hasSize(2);
      assertThat(response.json().get("cursor").asText()).isEqualTo(String.valueOf(since + 2));
    }
    report(storeKind + " wake-up latency after a push, ms (push included), 5 rounds", latencies);
    assertThat(median(latencies)).as("median wake-up latency, with a 20 s wait").isLessThan(2_000);
  }

  /** Prints a measurement into the test output: sorted values and median. */
  static void report(String what, List<Long> values) {
    System.out.printf(
        "[measured] %s: median %d, all %s%n",
        what, median(values), values.stream().sorted().toList());
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void waitWithEventsAlreadyThere_answersAtOnce() {
    pushOk(Events.inserts("todos", "t", 1));
    long start = System.nanoTime();

    JsonNode page = http.pull("since=0&wait=20").json();

    assertThat(page.get("events")).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void nothingArriving_answersEmptyPageAfterTheWait() {
    pushOk(Events.inserts("todos", "t", 3));
    long start = System.nanoTime();

    Http.Response response = http.pull("since=3&wait=1");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("events")).isEmpty();
    assertThat(response.json().get("cursor").asText()).isEqualTo("3");
    assertThat(response.json().get("hasMore").asBoolean()).isFalse();
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(950))
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void waitingPullWithCollectionFilter_sleepsThroughOtherCollectionsAndWakesForItsOwn()
      throws Exception {
    CompletableFuture<Http.Response> waiting =
        CompletableFuture.supplyAsync(() -> http.pull("since=0&wait=20&collection=todos"));
    awaitWaitingPulls(server, 1);

    pushOk(Events.inserts("users", "u", 2));
    awaitWaitingPulls(server, 1);
    assertThat(waiting).isNotDone();
    pushOk(Events.inserts("todos", "t", 1));

    JsonNode page = waiting.get(20, TimeUnit.SECONDS).json();
    assertThat(page.get("events"))
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactly(3L);
  }

  @Test
  void waitAboveTheServerMaximum_isClampedToIt() {
    SyncServer shortWaits = startServer(builder -> builder.maxWait(Duration.ofSeconds(1)));
    long start = System.nanoTime();

    Http.Response response = new Http(shortWaits.eventsUri()).pull("since=0&wait=3600");

    assertThat(response.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void closingTheServer_answersWaitingPullsAtOnce() throws Exception {
    CompletableFuture<Http.Response> waiting =
        CompletableFuture.supplyAsync(() -> http.pull("since=0&wait=30"));
    awaitWaitingPulls(server, 1);
    long start = System.nanoTime();

    server.close();
    server = null;

    Http.Response response = waiting.get(10, TimeUnit.SECONDS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("events")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  static void awaitWaitingPulls(SyncServer server, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.service().waitingPulls() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + count + " waiting pulls, have " + server.service().waitingPulls());
      }
      Thread.sleep(5);
    }
  }
}
