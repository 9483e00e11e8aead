package dev.eventsourced.processor.base;

/** A named, typed record component: of the collection record or of a nested record. */
public interface Field {
  String name();

  ValueType type();
}
