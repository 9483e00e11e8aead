package dev.eventsourced.processor.parse;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * An {@code @Index} as written, possibly invalid.
 *
 * @param element the record or the record component it is on
 * @param annotation the {@code @Index} annotation
 * @param components the component names listed in {@code value}, each with its annotation value
 * @param unique {@code unique}
 * @param name {@code name}
 */
public record IndexDeclaration(
    Element element,
    AnnotationMirror annotation,
    List<Attribute<String>> components,
    boolean unique,
    Attribute<String> name) {

  public IndexDeclaration {
    components = List.copyOf(components);
  }
}
