package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventsourced.server.testing.CursorFollower;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many pushers and cursor-following pullers at once: every confirmed event is in the log exactly
 * once with the seq it was confirmed with, the log is gap-free, and no puller ever sees a gap or
 * misses an event.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ConcurrencyTest extends ServerTestBase {

  private static final int PUSHERS = 8;
  private static final int PULLERS = 4;
  private static final int BATCHES_PER_PUSHER = 25;
  private static final int EVENTS_PER_BATCH = 40;

  ConcurrencyTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void eightPushersAndFourPullers_everyEventOnceGapFreeAndSeenByEveryPuller() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + PULLERS);
    AtomicBoolean pushersDone = new AtomicBoolean();
    Map<String, Long> confirmed = new ConcurrentHashMap<>();
    try {
      List<Future<CursorFollower>> pullers = new ArrayList<>();
      for (int p = 0; p < PULLERS; p++) {
        pullers.add(
            pool.submit(
                new CursorFollower(new Http(server.eventsUri()), 50 + 100 * p, pushersDone::get)));
      }
      List<Future<Integer>> pushers = new ArrayList<>();
      for (int p = 0; p < PUSHERS; p++) {
        int pusher = p;
        pushers.add(pool.submit(() -> push(pusher, confirmed)));
      }
      int retries = 0;
      for (Future<Integer> pusher : pushers) {
        retries += pusher.get();
      }
      pushersDone.set(true);

      int total = PUSHERS * BATCHES_PER_PUSHER * EVENTS_PER_BATCH;
      List<Long> allSeqs = LongStream.rangeClosed(1, total).boxed().collect(Collectors.toList());
      assertThat(confirmed).hasSize(total);
      assertThat(confirmed.values()).containsExactlyInAnyOrderElementsOf(allSeqs);

      List<JsonNode> log = pullAll("", 1000);
      assertThat(log)
          .extracting(event -> event.get("globalSeq").asLong())
          .containsExactlyElementsOf(allSeqs);
      Map<String, Long> logged = new HashMap<>();
      log.forEach(
          event -> logged.put(event.get("eventId").asText(), event.get("globalSeq").asLong()));
      assertThat(logged).isEqualTo(confirmed);

      for (Future<CursorFollower> future : pullers) {
        CursorFollower puller = future.get();
        assertThat(puller.gaps()).as("gaps seen by a puller").isEmpty();
        assertThat(puller.seen()).containsExactlyElementsOf(allSeqs);
        System.out.printf("[measured] %s %s: %s%n", storeKind, "puller pulls", puller.pulls());
      }
      System.out.printf("[measured] %s %s: %s%n", storeKind, "retried batches", retries);
    } finally {
      pushersDone.set(true);
      pool.shutdownNow();
    }
  }

  /**
   * Pushes this pusher's batches, retrying about one in five of them; returns the number of
   * retries.
   */
  private int push(int pusher, Map<String, Long> confirmed) {
    Http client = new Http(server.eventsUri());
    Random random = new Random(pusher);
    int retries = 0;
    for (int b = 0; b < BATCHES_PER_PUSHER; b++) {
      ArrayNode batch = Events.inserts("c" + (b % 3), "p" + pusher + "-b" + b, EVENTS_PER_BATCH);
      List<Long> seqs = confirmations(client, batch);
      if (random.nextInt(5) == 0) {
        assertThat(confirmations(client, batch)).as("retry of a batch").isEqualTo(seqs);
        retries++;
      }
      for (int i = 0; i < batch.size(); i++) {
        Long previous = confirmed.put(batch.get(i).get("eventId").asText(), seqs.get(i));
        assertThat(previous).isNull();
      }
    }
    return retries;
  }

  private static List<Long> confirmations(Http client, ArrayNode batch) {
    Http.Response response = client.push(Events.json(batch));
    assertThat(response.status()).as("push %s", response).isEqualTo(200);
    List<Long> seqs = new ArrayList<>();
    response.json().get("confirmed").forEach(c -> seqs.add(c.get("globalSeq").asLong()));
    return seqs;
  }
}
