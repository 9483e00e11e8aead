package dev.eventsourced.processor.base;

import java.util.Optional;

/** A named, typed record component: of the collection record or of a nested record. */
public interface Field {
  String name();

  ValueType type();

  /**
   * The component's {@code @Default} text, if it has one: what a missing payload member reads as.
   */
  Optional<String> defaultValue();
}
