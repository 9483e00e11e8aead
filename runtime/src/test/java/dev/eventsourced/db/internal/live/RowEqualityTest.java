package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Item;
import dev.eventsourced.db.fixtures.ItemRepository;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Whether a row changed, for deltas: by value, arrays by content. */
class RowEqualityTest {

  private static Item item(byte[] data, String name) {
    return new Item(
        1, null, null, name, false, null, (byte) 0, null, null, null, Float.NaN, null, null, null,
        null, null, null, null, data, null);
  }

  @Test
  void recordsWithArrays_compareTheArraysByContent() {
    BiPredicate<Item, Item> same = RowEquality.of(ItemRepository.COLLECTION);
    assertThat(same.test(item(new byte[] {1, 2}, "a"), item(new byte[] {1, 2}, "a"))).isTrue();
    assertThat(same.test(item(new byte[] {1, 2}, "a"), item(new byte[] {1, 3}, "a"))).isFalse();
    assertThat(same.test(item(new byte[] {1, 2}, "a"), item(new byte[] {1, 2}, "b"))).isFalse();
    assertThat(same.test(item(null, "a"), item(new byte[0], "a"))).isFalse();
    assertThat(same.test(item(null, "a"), item(null, "a")))
        .as("NaN equals itself in records")
        .isTrue();
  }

  @Test
  void recordsWithoutArrays_useEquals() {
    BiPredicate<Project, Project> same = RowEquality.of(ProjectRepository.COLLECTION);
    assertThat(
            same.test(
                new Project("p", "n", null, false, null, 1.0),
                new Project("p", "n", null, false, null, 1.0)))
        .isTrue();
    assertThat(
            same.test(
                new Project("p", "n", null, false, null, 1.0),
                new Project("p", "m", null, false, null, 1.0)))
        .isFalse();
  }
}
