package dev.eventsourced.processor.model;

import dev.eventsourced.processor.base.Field;
import dev.eventsourced.processor.base.ValueType;
import java.util.Optional;
import javax.lang.model.element.RecordComponentElement;

/**
 * One component of a collection record and its column.
 *
 * @param index the position in the record and in {@code columns()}
 * @param name the component name, e.g. {@code createdAt}
 * @param type the component type
 * @param column the SQLite column name, e.g. {@code created_at}
 * @param constant the metamodel constant name, e.g. {@code CREATED_AT}
 * @param key whether this is the {@code @Key} component
 * @param defaultValue its {@code @Default} text, if it has one
 * @param element the component, for diagnostics only
 */
public record ComponentModel(
    int index,
    String name,
    ValueType type,
    String column,
    String constant,
    boolean key,
    Optional<String> defaultValue,
    RecordComponentElement element)
    implements Field {

  /** Whether the column accepts NULL: everything but primitives and the key. */
  public boolean nullable() {
    return !key && !type.typeName().isPrimitive();
  }
}
