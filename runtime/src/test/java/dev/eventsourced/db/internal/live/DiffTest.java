package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.live.Delta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The delta between two results, on random lists with duplicate keys and changed values. */
class DiffTest {

  private record Row(int key, int value) {}

  private static List<Object> keys(List<Row> rows) {
    List<Object> keys = new ArrayList<>();
    for (Row row : rows) keys.add(row.key());
    return keys;
  }

  @Test
  void randomLists_deltaTurnsPreviousIntoNextWithFewMoves() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 3000; round++) {
      List<Row> previous = new ArrayList<>();
      for (int i = random.nextInt(12); i > 0; i--)
        previous.add(new Row(random.nextInt(10), random.nextInt(3)));
      List<Row> next = new ArrayList<>(previous);
      for (int i = random.nextInt(5); i > 0; i--) {
        switch (random.nextInt(4)) {
          case 0:
            if (!next.isEmpty()) next.remove(random.nextInt(next.size()));
            break;
          case 1:
            next.add(
                random.nextInt(next.size() + 1), new Row(random.nextInt(10), random.nextInt(3)));
            break;
          case 2:
            if (next.size() > 1)
              Collections.swap(next, random.nextInt(next.size()), random.nextInt(next.size()));
            break;
          default:
            if (!next.isEmpty()) {
              int at = random.nextInt(next.size());
              next.set(at, new Row(next.get(at).key(), random.nextInt(3)));
            }
        }
      }
      Delta<Row> delta = Diff.compute(keys(previous), previous, keys(next), next, Objects::equals);
      assertThat(delta.applyTo(previous))
          .as("seed " + seed + ": " + previous + " -> " + next)
          .isEqualTo(next);
      assertThat(delta.isEmpty()).isEqualTo(previous.equals(next));
      for (Delta.Changed<Row> changed : delta.changed()) {
        assertThat(changed.previous().key()).isEqualTo(changed.row().key());
        assertThat(changed.previous()).isNotEqualTo(changed.row());
      }
    }
  }

  @Test
  void oneRowMovedToTheFront_isOneMove() {
    List<Row> previous = List.of(new Row(1, 0), new Row(2, 0), new Row(3, 0), new Row(4, 0));
    List<Row> next = List.of(new Row(4, 0), new Row(1, 0), new Row(2, 0), new Row(3, 0));
    Delta<Row> delta = Diff.compute(keys(previous), previous, keys(next), next, Objects::equals);
    assertThat(delta.moved()).containsExactly(new Delta.Moved<>(3, 0, new Row(4, 0)));
    assertThat(delta.added()).isEmpty();
    assertThat(delta.removed()).isEmpty();
  }
}
