package dev.eventsourced.processor.base;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * A record type used inside a component (directly, or in an {@code Optional}, {@code List}, {@code
 * Set} or {@code Map}), encoded as a JSON object.
 */
public record NestedRecordModel(ClassName type, List<FieldModel> fields) {

  public NestedRecordModel {
    fields = List.copyOf(fields);
  }

  /**
   * A component of a nested record.
   *
   * @param name the component name
   * @param type its type
   * @param defaultValue its {@code @Default} text, if it has one
   */
  public record FieldModel(String name, ValueType type, Optional<String> defaultValue)
      implements Field {}
}
