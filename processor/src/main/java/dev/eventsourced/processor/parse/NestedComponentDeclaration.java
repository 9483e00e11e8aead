package dev.eventsourced.processor.parse;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.processor.base.ValueType;
import javax.lang.model.element.RecordComponentElement;

/**
 * A component of a nested record, with its element: where diagnostics about it go.
 *
 * @param record the nested record
 * @param element the component
 * @param type its (supported) type
 * @param defaultValue its {@code @Default}, or null
 */
public record NestedComponentDeclaration(
    ClassName record,
    RecordComponentElement element,
    ValueType type,
    DefaultDeclaration defaultValue) {

  public String name() {
    return element.getSimpleName().toString();
  }
}
