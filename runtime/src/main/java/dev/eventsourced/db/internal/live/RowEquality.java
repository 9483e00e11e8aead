package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnType;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Value equality of records, comparing {@code byte[]} components by content (records compare arrays
 * by identity).
 */
final class RowEquality {

  private RowEquality() {}

  static <T extends Record> BiPredicate<T, T> of(CollectionDefinition<T, ?> definition) {
    boolean arrays = definition.columns().stream().anyMatch(c -> c.type() == ColumnType.BYTES);
    if (!arrays) return Object::equals;
    int columns = definition.columns().size();
    return (a, b) -> {
      if (a.equals(b)) return true;
      for (int i = 0; i < columns; i++) {
        if (!Objects.deepEquals(definition.componentValue(a, i), definition.componentValue(b, i)))
          return false;
      }
      return true;
    };
  }
}
