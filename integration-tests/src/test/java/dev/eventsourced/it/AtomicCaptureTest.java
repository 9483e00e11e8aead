package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.testing.Fold;
import dev.eventsourced.protocol.EventType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * invariant 1: a child JVM mutates a database in a loop and is killed with SIGKILL at random
 * moments; after every kill the database opens and its state equals the fold of its event log — no
 * state change without its event, no event without its state change.
 */
class AtomicCaptureTest {

  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  void killedMidMutation_manyTimes_stateAlwaysEqualsFoldOfEvents() throws Exception {
    Path file = dir.resolve("crash.sqlite");
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    int previousEvents = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child =
          ChildJvm.start(MutationLoop.class, file.toString(), Long.toString(random.nextLong()));
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("child output (seed %d)", seed).isEqualTo("ready");
        Thread.sleep(20 + random.nextInt(300));
      } finally {
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }

      try (EventSourcedDb db =
          EventSourcedDb.builder().path(file).collections(ItemRepository.COLLECTION).open()) {
        List<Event> events = db.eventLog().all();
        Map<String, Item> expected =
            Fold.replayLog(
                ItemRepository.COLLECTION,
                events,
                Fold.byComponents(
                    ItemRepository.COLLECTION,
                    (v, type) ->
                        new Item((Long) v[0], (String) v[1], (Long) v[2], (Integer) v[3])));
        Map<String, Item> actual = new TreeMap<>();
        for (Item item : ItemRepository.of(db).all()) actual.put(Long.toString(item.id()), item);
        assertThat(actual)
            .as("state after kill %d (seed %d, %d events)", kill, seed, events.size())
            .isEqualTo(expected);
        assertThat(events.size())
            .as("the child made progress (seed %d)", seed)
            .isGreaterThan(previousEvents);
        assertThat(events).extracting(Event::type).contains(EventType.INSERT);
        Verify.healthy(db, "after kill " + kill + " (seed " + seed + ")");
        previousEvents = events.size();
      }
    }
  }
}
