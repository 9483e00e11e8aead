package dev.eventsourced.processor.model;

/** A named, typed record component: of the collection record or of a nested record. */
public interface Field {
  String name();

  ValueType type();
}
