package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.testing.Fold;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes writing one database file at once lose nothing and keep state = fold of the
 * log.
 */
class MultiProcessTest {

  @TempDir Path dir;

  @Test
  void threeProcessesWritingOneFile_loseNothing() throws Exception {
    Path file = dir.resolve("shared.sqlite");
    EventSourcedDb.builder().path(file).collections(ItemRepository.COLLECTION).open().close();
    int perProcess = 1500;
    List<Process> children = new ArrayList<>();
    for (int p = 1; p <= 3; p++) {
      children.add(
          ChildJvm.start(
              ConcurrentWriterProcess.class,
              file.toString(),
              Integer.toString(p),
              Integer.toString(perProcess)));
    }
    for (Process child : children) {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("done");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
    }

    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(ItemRepository.COLLECTION).open()) {
      List<Event> events = db.eventLog().all();
      int updates = 3 * (perProcess / 5);
      assertThat(ItemRepository.of(db).count()).isEqualTo(3L * perProcess);
      assertThat(events).hasSize(3 * perProcess + updates);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).localSeq()).isEqualTo(i + 1);
      }
      Map<String, Item> expected =
          Fold.replayLog(
              ItemRepository.COLLECTION,
              events,
              Fold.byComponents(
                  ItemRepository.COLLECTION,
                  (v, type) -> new Item((Long) v[0], (String) v[1], (Long) v[2], (Integer) v[3])));
      Map<String, Item> actual = new TreeMap<>();
      for (Item item : ItemRepository.of(db).all()) actual.put(Long.toString(item.id()), item);
      assertThat(actual).isEqualTo(expected);
    }
  }
}
