package dev.eventsourced.processor;

import dev.eventsourced.db.spi.CollectionDefinition;
import java.util.List;
import java.util.UUID;

/**
 * One record of {@link Fixtures#KEYS}: its definition, a key value, the key's text form and a row.
 */
record KeyCase(
    String name,
    CollectionDefinition<Record, Object> definition,
    Object value,
    String text,
    boolean numeric,
    Record row) {

  static List<KeyCase> all(GeneratedClasses classes) {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    Object green = classes.enumConstant("test.keys.Keys$Color", "GREEN");
    return List.of(
        of(classes, "StringKey", "todo-1 😀", "todo-1 😀", false, false),
        of(classes, "UuidKey", uuid, uuid.toString(), false, false),
        of(classes, "IntKey", Integer.MIN_VALUE, "-2147483648", true, false),
        of(classes, "BoxedIntKey", 42, "42", true, false),
        of(classes, "LongKey", Long.MAX_VALUE, "9223372036854775807", true, false),
        of(classes, "BoxedLongKey", -1L, "-1", true, false),
        of(classes, "EnumKey", green, "GREEN", false, true));
  }

  private static KeyCase of(
      GeneratedClasses classes,
      String name,
      Object value,
      String text,
      boolean numeric,
      boolean keyLast) {
    CollectionDefinition<Record, Object> definition =
        classes.constant("test.keys.Keys_" + name + "_Collection", "INSTANCE");
    Record row =
        (Record)
            (keyLast
                ? classes.record("test.keys.Keys$" + name, "v", value)
                : classes.record("test.keys.Keys$" + name, value, "v"));
    return new KeyCase(name, definition, value, text, numeric, row);
  }
}
