package dev.eventsourced.processor.parse;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Stage 1: reads a {@code @Collection} type into a {@link CollectionDeclaration}, as written and
 * possibly invalid. The only stage that looks at {@code Element}s and {@code TypeMirror}s.
 */
public final class CollectionParser {

  private static final String COLLECTION = Collection.class.getCanonicalName();
  private static final String INDEX = Index.class.getCanonicalName();
  private static final String INDEX_LIST = Index.List.class.getCanonicalName();
  private static final String KEY = Key.class.getCanonicalName();

  private final Elements elements;

  public CollectionParser(Elements elements) {
    this.elements = elements;
  }

  public CollectionDeclaration parse(TypeElement element) {
    AnnotationMirror annotation = Objects.requireNonNull(mirror(element, COLLECTION));
    boolean isRecord = element.getKind() == ElementKind.RECORD;
    boolean isGeneric = !element.getTypeParameters().isEmpty();
    ValueTypeParser types = new ValueTypeParser(elements, element);
    List<ComponentDeclaration> components = new ArrayList<>();
    if (isRecord) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        components.add(
            new ComponentDeclaration(
                component,
                types.parseComponent(component.getSimpleName().toString(), component.asType()),
                mirror(component, KEY) != null,
                indexes(component)));
      }
    }
    String doc = elements.getDocComment(element);
    return new CollectionDeclaration(
        element,
        annotation,
        isRecord,
        isGeneric,
        isPrivate(element),
        stringAttribute(annotation, "value"),
        stringAttribute(annotation, "table"),
        stringAttribute(annotation, "name"),
        element.getAnnotation(Collection.class).schemaVersion(),
        components,
        indexes(element),
        types.nestedRecords(),
        types.enums(),
        doc == null ? "" : doc.strip());
  }

  private static boolean isPrivate(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) return true;
    }
    return false;
  }

  /**
   * The {@code @Index} annotations on {@code element}, also when repeated in {@code @Index.List}.
   */
  private static List<IndexDeclaration> indexes(Element element) {
    List<IndexDeclaration> indexes = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String type = annotationType(mirror);
      if (type.equals(INDEX)) {
        indexes.add(index(element, mirror));
      } else if (type.equals(INDEX_LIST)) {
        for (AnnotationValue value : arrayValue(mirror, "value")) {
          indexes.add(index(element, (AnnotationMirror) value.getValue()));
        }
      }
    }
    return indexes;
  }

  private static IndexDeclaration index(Element element, AnnotationMirror mirror) {
    List<Attribute<String>> components = new ArrayList<>();
    for (AnnotationValue value : arrayValue(mirror, "value")) {
      components.add(new Attribute<>((String) value.getValue(), value));
    }
    AnnotationValue unique = explicitValue(mirror, "unique");
    return new IndexDeclaration(
        element,
        mirror,
        components,
        unique != null && (Boolean) unique.getValue(),
        stringAttribute(mirror, "name"));
  }

  private static AnnotationMirror mirror(Element element, String annotationType) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (annotationType(mirror).equals(annotationType)) return mirror;
    }
    return null;
  }

  private static String annotationType(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  private static Attribute<String> stringAttribute(AnnotationMirror mirror, String name) {
    AnnotationValue value = explicitValue(mirror, name);
    return value == null
        ? new Attribute<>("", null)
        : new Attribute<>((String) value.getValue(), value);
  }

  @SuppressWarnings("unchecked")
  private static List<? extends AnnotationValue> arrayValue(AnnotationMirror mirror, String name) {
    AnnotationValue value = explicitValue(mirror, name);
    return value == null ? List.of() : (List<? extends AnnotationValue>) value.getValue();
  }

  private static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) return entry.getValue();
    }
    return null;
  }
}
