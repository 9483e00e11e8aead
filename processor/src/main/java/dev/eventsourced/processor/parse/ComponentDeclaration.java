package dev.eventsourced.processor.parse;

import java.util.List;
import javax.lang.model.element.RecordComponentElement;

/**
 * A record component as written, possibly invalid.
 *
 * @param element the component
 * @param type what its type parsed to
 * @param key whether it carries {@code @Key}
 * @param indexes the {@code @Index} annotations on it
 * @param defaultValue its {@code @Default}, or null
 */
public record ComponentDeclaration(
    RecordComponentElement element,
    ParsedType type,
    boolean key,
    List<IndexDeclaration> indexes,
    DefaultDeclaration defaultValue) {

  public ComponentDeclaration {
    indexes = List.copyOf(indexes);
  }

  public String name() {
    return element.getSimpleName().toString();
  }
}
