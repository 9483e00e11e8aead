package dev.eventsourced.processor.base;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A record type used inside a component (directly, or in an {@code Optional}, {@code List}, {@code
 * Set} or {@code Map}), encoded as a JSON object.
 */
public record NestedRecordModel(ClassName type, List<FieldModel> fields) {

  public NestedRecordModel {
    fields = List.copyOf(fields);
  }

  /** A component of a nested record. */
  public record FieldModel(String name, ValueType type) implements Field {}
}
