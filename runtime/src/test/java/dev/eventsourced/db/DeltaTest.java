package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.live.Delta;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Delta#applyTo}: positions refer to the previous and the new list; the rest keeps its
 * order.
 */
class DeltaTest {

  @Test
  void applyTo_rebuildsTheNewList() {
    // [a b c d e] -> [e' a x c]: b, d removed; x added; e moved to the front and changed.
    Delta<String> delta =
        new Delta<>(
            List.of(new Delta.Removed<>(1, "b"), new Delta.Removed<>(3, "d")),
            List.of(new Delta.Added<>(2, "x")),
            List.of(new Delta.Moved<>(4, 0, "e'")),
            List.of(new Delta.Changed<>(4, 0, "e", "e'")));
    assertThat(delta.applyTo(List.of("a", "b", "c", "d", "e")))
        .containsExactly("e'", "a", "x", "c");
    assertThat(delta.isEmpty()).isFalse();
  }

  @Test
  void ofAdded_fillsAnEmptyList() {
    assertThat(Delta.ofAdded(List.of(1, 2)).applyTo(List.of())).containsExactly(1, 2);
  }

  @Test
  void deltaOfAnotherList_throwsSayingSo() {
    Delta<String> delta =
        new Delta<>(List.of(new Delta.Removed<>(5, "z")), List.of(), List.of(), List.of());
    assertThatThrownBy(() -> delta.applyTo(List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("computed from another list");
  }
}
