package dev.eventsourced.processor.parse;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Default;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;
import dev.eventsourced.annotations.Upcast;
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
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Stage 1: reads a {@code @Collection} type into a {@link CollectionDeclaration}, as written and
 * possibly invalid. The only stage that looks at {@code Element}s and {@code TypeMirror}s.
 */
public final class CollectionParser {

  private static final String COLLECTION = Collection.class.getCanonicalName();
  private static final String INDEX = Index.class.getCanonicalName();
  private static final String INDEX_LIST = Index.List.class.getCanonicalName();
  private static final String KEY = Key.class.getCanonicalName();
  private static final String DEFAULT = Default.class.getCanonicalName();
  private static final String UPCAST = Upcast.class.getCanonicalName();

  private final Elements elements;
  private final Types types;

  public CollectionParser(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  public CollectionDeclaration parse(TypeElement element) {
    AnnotationMirror annotation = Objects.requireNonNull(mirror(element, COLLECTION));
    boolean isRecord = element.getKind() == ElementKind.RECORD;
    boolean isGeneric = !element.getTypeParameters().isEmpty();
    ValueTypeParser valueTypes = new ValueTypeParser(elements, element);
    List<ComponentDeclaration> components = new ArrayList<>();
    if (isRecord) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        components.add(
            new ComponentDeclaration(
                component,
                valueTypes.parseComponent(component.getSimpleName().toString(), component.asType()),
                mirror(component, KEY) != null,
                indexes(component),
                defaultOf(component)));
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
        element.getAnnotation(Collection.class).sync(),
        components,
        indexes(element),
        valueTypes.nestedRecords(),
        valueTypes.enums(),
        valueTypes.nestedComponents(),
        upcasts(element),
        doc == null ? "" : doc.strip(),
        GeneratedAnnotation.visibleFrom(elements, element));
  }

  /** The {@code @Default} on {@code component}, or null. */
  static DefaultDeclaration defaultOf(Element component) {
    AnnotationMirror mirror = mirror(component, DEFAULT);
    if (mirror == null) return null;
    AnnotationValue value = explicitValue(mirror, "value");
    // An erroneous @Default (no value) has been reported by javac already.
    return value == null || !(value.getValue() instanceof String text)
        ? null
        : new DefaultDeclaration(text, mirror, value);
  }

  /** The methods of {@code record} annotated {@code @Upcast}, in declaration order. */
  private List<UpcastDeclaration> upcasts(TypeElement record) {
    List<UpcastDeclaration> upcasts = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(record.getEnclosedElements())) {
      AnnotationMirror mirror = mirror(method, UPCAST);
      if (mirror == null) continue;
      AnnotationValue fromVersion = explicitValue(mirror, "fromVersion");
      if (fromVersion == null || !(fromVersion.getValue() instanceof Integer version)) continue;
      List<? extends VariableElement> parameters = method.getParameters();
      boolean payloadSignature =
          method.getTypeParameters().isEmpty()
              && parameters.size() == 1
              && isPayloadMap(parameters.get(0).asType())
              && isPayloadMap(method.getReturnType());
      List<String> checked = new ArrayList<>();
      for (TypeMirror thrown : method.getThrownTypes()) {
        if (!isUnchecked(thrown)) checked.add(thrown.toString());
      }
      String signature =
          method.getReturnType()
              + " "
              + method.getSimpleName()
              + "("
              + String.join(", ", parameters.stream().map(p -> p.asType().toString()).toList())
              + ")";
      upcasts.add(
          new UpcastDeclaration(
              method,
              mirror,
              version,
              fromVersion,
              method.getModifiers().contains(Modifier.STATIC),
              method.getModifiers().contains(Modifier.PRIVATE),
              payloadSignature,
              checked,
              signature));
    }
    return upcasts;
  }

  /** Whether {@code type} is exactly {@code java.util.Map<java.lang.String, java.lang.Object>}. */
  private static boolean isPayloadMap(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) return false;
    DeclaredType declared = (DeclaredType) type;
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    return isClass(declared, "java.util.Map")
        && arguments.size() == 2
        && arguments.get(0).getKind() == TypeKind.DECLARED
        && isClass((DeclaredType) arguments.get(0), "java.lang.String")
        && arguments.get(1).getKind() == TypeKind.DECLARED
        && isClass((DeclaredType) arguments.get(1), "java.lang.Object");
  }

  private static boolean isClass(DeclaredType type, String name) {
    return ((TypeElement) type.asElement()).getQualifiedName().contentEquals(name);
  }

  private boolean isUnchecked(TypeMirror thrown) {
    for (String unchecked : List.of("java.lang.RuntimeException", "java.lang.Error")) {
      TypeElement type = elements.getTypeElement(unchecked);
      if (type != null && types.isSubtype(thrown, type.asType())) return true;
    }
    return false;
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
