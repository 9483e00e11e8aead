package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An eventId is stored once; every retry is confirmed with the globalSeq the event got the first
 * time.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class IdempotencyTest extends ServerTestBase {

  IdempotencyTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  void retriedPush_returnsSameGlobalSeq() {
    ArrayNode batch = Events.inserts("todos", "t", 5);
    List<Long> first = pushOk(batch);

    List<Long> retry = pushOk(batch);

    assertThat(retry).isEqualTo(first);
    assertThat(pullAll("", 1000)).hasSize(5);
  }

  @Test
  void partlyRetriedPush_confirmsOldEventsWithTheirSeqAndAppendsNewOnes() {
    ArrayNode first = Events.inserts("todos", "a", 3);
    List<Long> firstSeqs = pushOk(first);
    ObjectNode fresh1 = Events.insert("todos", "new-1");
    ObjectNode fresh2 = Events.insert("todos", "new-2");
    ArrayNode mixed =
        Events.batch(fresh1, (ObjectNode) first.get(1), fresh2, (ObjectNode) first.get(0));

    List<Long> seqs = pushOk(mixed);

    assertThat(seqs).containsExactly(4L, firstSeqs.get(1), 5L, firstSeqs.get(0));
    assertThat(pullAll("", 1000))
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void sameEventIdTwiceInOneBatch_isStoredOnceAndConfirmedTwiceWithOneSeq() {
    ObjectNode event = Events.insert("todos", "dup");
    ObjectNode other = Events.insert("todos", "other");

    List<Long> seqs = pushOk(Events.batch(event, other, event.deepCopy()));

    assertThat(seqs).containsExactly(1L, 2L, 1L);
    assertThat(pullAll("", 1000)).hasSize(2);
  }

  @Test
  void retryWithDifferentContent_keepsTheFirstVersion() {
    ObjectNode event = Events.insert("todos", "k");
    pushOk(Events.batch(event));
    ObjectNode changed = event.deepCopy();
    changed.put("key", "changed");

    List<Long> seqs = pushOk(Events.batch(changed));

    assertThat(seqs).containsExactly(1L);
    assertThat(pullAll("", 1000))
        .singleElement()
        .satisfies(stored -> assertThat(stored.get("key").asText()).isEqualTo("k"));
  }

  @Test
  void retryAfterServerRestart_returnsSameGlobalSeq() {
    ArrayNode batch = Events.inserts("todos", "t", 4);
    List<Long> first = pushOk(batch);

    restartServer();
    List<Long> retry = pushOk(batch);
    List<Long> next = pushOk(Events.inserts("todos", "after", 1));

    assertThat(retry).isEqualTo(first);
    assertThat(next).containsExactly(5L);
    assertThat(pullAll("", 1000)).hasSize(5);
  }

  @Test
  void sameBatchPushedConcurrently_isStoredOnceAndEveryPushGetsTheSameSeqs() throws Exception {
    ArrayNode batch = Events.inserts("todos", "race", 50);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Callable<List<Long>> push = () -> pushOk(batch);
        results.add(pool.submit(push));
      }
      List<Long> expected = results.get(0).get();
      for (Future<List<Long>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }

    List<JsonNode> stored = pullAll("", 1000);
    assertThat(stored).hasSize(50);
    assertThat(stored)
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
  }
}
