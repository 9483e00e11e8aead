package dev.eventsourced.processor.parse;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * A method of the record annotated {@code @Upcast}, as written, possibly invalid.
 *
 * @param method the method
 * @param annotation the {@code @Upcast} annotation
 * @param fromVersion {@code fromVersion}
 * @param fromVersionSource the {@code fromVersion} value, where a diagnostic about it goes
 * @param isStatic whether the method is static
 * @param isPrivate whether the method is private
 * @param hasPayloadSignature whether it takes exactly one {@code Map<String, Object>} and returns
 *     {@code Map<String, Object>}, without type parameters
 * @param checkedExceptions the checked exceptions it declares, as written (generated code cannot
 *     propagate them)
 * @param signature the method's parameter and return types as written, for messages
 */
public record UpcastDeclaration(
    ExecutableElement method,
    AnnotationMirror annotation,
    int fromVersion,
    AnnotationValue fromVersionSource,
    boolean isStatic,
    boolean isPrivate,
    boolean hasPayloadSignature,
    List<String> checkedExceptions,
    String signature) {

  public UpcastDeclaration {
    checkedExceptions = List.copyOf(checkedExceptions);
  }

  public String name() {
    return method.getSimpleName().toString();
  }
}
