package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.CountingStore;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Waiting pulls are indexed by their collection filter: a commit wakes only the waiters it concerns
 * (and every unfiltered one), and waiters woken for the same pull share one read of the store.
 * Reads are counted on the store itself.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class IndexedLongPollTest extends ServerTestBase {

  IndexedLongPollTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  void commitToA_doesNotWakeWaitersOnB_andWakesUnfilteredOnesWithOneRead() throws Exception {
    CountingStore store = new CountingStore(fixture.open());
    try (SyncServer counted = SyncServer.builder().store(store).host("127.0.0.1").port(0).start()) {
      Http client = new Http(counted.eventsUri());
      List<CompletableFuture<Http.Response>> onB = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        onB.add(CompletableFuture.supplyAsync(() -> client.pull("since=0&wait=20&collection=b")));
      }
      List<CompletableFuture<Http.Response>> unfiltered = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        unfiltered.add(CompletableFuture.supplyAsync(() -> client.pull("since=0&wait=20")));
      }
      LongPollTest.awaitWaitingPulls(counted, 55);
      int readsBefore = store.reads.get();

      client.push(Events.json(Events.inserts("a", "x", 1)));
      for (CompletableFuture<Http.Response> waiting : unfiltered) {
        JsonNode page = waiting.get(10, TimeUnit.SECONDS).json();
        assertThat(page.get("events")).hasSize(1);
      }
      Thread.sleep(300);

      assertThat(counted.service().waitingPulls()).as("waiters on b still waiting").isEqualTo(50);
      assertThat(onB).noneMatch(CompletableFuture::isDone);
      assertThat(store.reads.get() - readsBefore)
          .as("reads for the commit to a: one, shared by the 5 unfiltered waiters")
          .isEqualTo(1);

      int readsBeforeB = store.reads.get();
      client.push(Events.json(Events.inserts("b", "y", 1)));
      for (CompletableFuture<Http.Response> waiting : onB) {
        JsonNode page = waiting.get(10, TimeUnit.SECONDS).json();
        assertThat(page.get("events"))
            .extracting(event -> event.get("globalSeq").asLong())
            .containsExactly(2L);
      }
      assertThat(store.reads.get() - readsBeforeB).as("one read for 50 waiters").isEqualTo(1);
    }
  }

  @Test
  void waiterOnSeveralCollections_wakesForAnyOfThem_once() throws Exception {
    CompletableFuture<Http.Response> waiting =
        CompletableFuture.supplyAsync(() -> http.pull("since=0&wait=20&collection=a&collection=c"));
    LongPollTest.awaitWaitingPulls(server, 1);

    pushOk(Events.batch(Events.insert("b", "1")));
    Thread.sleep(200);
    assertThat(waiting).isNotDone();
    pushOk(Events.batch(Events.insert("c", "1"), Events.insert("a", "1")));

    JsonNode page = waiting.get(10, TimeUnit.SECONDS).json();
    assertThat(page.get("events"))
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactly(2L, 3L);
    assertThat(server.service().waitingPulls()).isZero();
  }
}
