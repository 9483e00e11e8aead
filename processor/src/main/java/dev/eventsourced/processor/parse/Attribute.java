package dev.eventsourced.processor.parse;

import javax.lang.model.element.AnnotationValue;

/**
 * An annotation attribute's value and, when the source sets it explicitly, its {@link
 * AnnotationValue} (where a diagnostic about it goes).
 *
 * @param value the value, the default when not set
 * @param source the explicit value, or {@code null} when defaulted
 */
public record Attribute<T>(T value, AnnotationValue source) {

  public boolean isExplicit() {
    return source != null;
  }
}
