package dev.eventsourced.processor.parse;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.eventsourced.processor.base.EnumModel;
import dev.eventsourced.processor.base.NestedRecordModel;
import dev.eventsourced.processor.base.NestedRecordModel.FieldModel;
import dev.eventsourced.processor.base.Scalar;
import dev.eventsourced.processor.base.ValueType;
import dev.eventsourced.processor.base.ValueType.ScalarType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Turns the component types of one collection record into {@link ValueType}s, following nested
 * records recursively and collecting them and the enums met on the way. One instance per collection
 * record.
 */
final class ValueTypeParser {

  private static final Map<String, Scalar> SCALARS =
      Map.ofEntries(
          Map.entry("java.lang.String", Scalar.STRING),
          Map.entry("java.lang.Boolean", Scalar.BOOLEAN),
          Map.entry("java.lang.Byte", Scalar.BYTE),
          Map.entry("java.lang.Short", Scalar.SHORT),
          Map.entry("java.lang.Integer", Scalar.INT),
          Map.entry("java.lang.Long", Scalar.LONG),
          Map.entry("java.lang.Float", Scalar.FLOAT),
          Map.entry("java.lang.Double", Scalar.DOUBLE),
          Map.entry("java.lang.Character", Scalar.CHAR),
          Map.entry("java.util.UUID", Scalar.UUID),
          Map.entry("java.time.Instant", Scalar.INSTANT),
          Map.entry("java.time.LocalDate", Scalar.LOCAL_DATE),
          Map.entry("java.math.BigDecimal", Scalar.BIG_DECIMAL));

  private static final Map<TypeKind, Scalar> PRIMITIVES =
      Map.of(
          TypeKind.BOOLEAN, Scalar.BOOLEAN,
          TypeKind.BYTE, Scalar.BYTE,
          TypeKind.SHORT, Scalar.SHORT,
          TypeKind.INT, Scalar.INT,
          TypeKind.LONG, Scalar.LONG,
          TypeKind.FLOAT, Scalar.FLOAT,
          TypeKind.DOUBLE, Scalar.DOUBLE,
          TypeKind.CHAR, Scalar.CHAR);

  private static final String MAP_KEYS = "Map keys must be String, an enum, UUID, Integer or Long";

  private final Elements elements;
  private final ClassName collectionRecord;
  private final PackageElement generatedPackage;
  private final Map<ClassName, NestedRecordModel> nestedRecords = new TreeMap<>();
  private final Map<ClassName, EnumModel> enums = new TreeMap<>();
  private final Map<ClassName, List<NestedComponentDeclaration>> nestedComponents = new TreeMap<>();
  private final Set<ClassName> inProgress = new HashSet<>();

  ValueTypeParser(Elements elements, TypeElement collectionRecord) {
    this.elements = elements;
    this.collectionRecord = ClassName.get(collectionRecord);
    this.generatedPackage = elements.getPackageOf(collectionRecord);
  }

  /** The nested records met so far, sorted by name. */
  List<NestedRecordModel> nestedRecords() {
    return List.copyOf(nestedRecords.values());
  }

  /** The components of the nested records met so far, by record name, in declaration order. */
  List<NestedComponentDeclaration> nestedComponents() {
    return nestedComponents.values().stream().flatMap(List::stream).toList();
  }

  /** The enums met so far, sorted by name. */
  List<EnumModel> enums() {
    return List.copyOf(enums.values());
  }

  /** Parses the type of the component at {@code path}. */
  ParsedType parseComponent(String path, TypeMirror type) {
    return parse(path, type, true);
  }

  private ParsedType parse(String path, TypeMirror type, boolean component) {
    TypeKind kind = type.getKind();
    if (kind.isPrimitive()) {
      return scalar(PRIMITIVES.get(kind), TypeName.get(type));
    }
    switch (kind) {
      case ERROR:
        return new ParsedType.Undefined(path, type.toString());
      case ARRAY:
        return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE
            ? scalar(Scalar.BYTES, ArrayTypeName.of(TypeName.BYTE))
            : unsupported(path, type, "");
      case DECLARED:
        return parseDeclared(path, (DeclaredType) type, component);
      default:
        return unsupported(path, type, "");
    }
  }

  private ParsedType parseDeclared(String path, DeclaredType type, boolean component) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    Scalar scalar = SCALARS.get(name);
    if (scalar != null) {
      return scalar(scalar, ClassName.get(element));
    }
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    switch (name) {
      case "java.util.Optional":
        if (!component) {
          return unsupported(
              path,
              type,
              "Optional is supported as a component type only, not inside List, Set, Map or Optional");
        }
        return container(
            path,
            type,
            arguments,
            (parts, typeName) -> new ValueType.OptionalType(parts.get(0), typeName));
      case "java.util.List":
        return container(
            path,
            type,
            arguments,
            (parts, typeName) -> new ValueType.ListType(parts.get(0), typeName));
      case "java.util.Set":
        return container(
            path,
            type,
            arguments,
            (parts, typeName) -> new ValueType.SetType(parts.get(0), typeName));
      case "java.util.Map":
        return container(
            path,
            type,
            arguments,
            (parts, typeName) -> {
              if (parts.get(0) instanceof ScalarType key && key.scalar().isKeyType()) {
                return new ValueType.MapType(key, parts.get(1), typeName);
              }
              return null;
            });
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      String inaccessible = inaccessibility(element);
      if (!inaccessible.isEmpty()) {
        return unsupported(path, type, inaccessible);
      }
      ClassName enumType = ClassName.get(element);
      enums.computeIfAbsent(enumType, t -> new EnumModel(t, constants(element)));
      return scalar(Scalar.ENUM, enumType);
    }
    if (element.getKind() == ElementKind.RECORD) {
      return parseRecord(path, type, element);
    }
    return unsupported(path, type, "");
  }

  /** Builds a container type from its parsed type arguments; returns null when they don't fit. */
  private interface ContainerFactory {
    ValueType create(List<ValueType> arguments, TypeName typeName);
  }

  private ParsedType container(
      String path,
      DeclaredType type,
      List<? extends TypeMirror> arguments,
      ContainerFactory factory) {
    if (arguments.isEmpty()) {
      return unsupported(path, type, "raw types are not supported; give the type arguments");
    }
    List<ValueType> parts = new ArrayList<>();
    List<TypeName> names = new ArrayList<>();
    for (TypeMirror argument : arguments) {
      ParsedType parsed = parse(path, argument, false);
      if (!(parsed instanceof ParsedType.Supported supported)) {
        return parsed;
      }
      parts.add(supported.type());
      names.add(supported.type().typeName());
    }
    ClassName raw = ClassName.get((TypeElement) type.asElement());
    ValueType created =
        factory.create(parts, ParameterizedTypeName.get(raw, names.toArray(TypeName[]::new)));
    return created == null
        ? unsupported(path, arguments.get(0), MAP_KEYS)
        : new ParsedType.Supported(created);
  }

  private ParsedType parseRecord(String path, DeclaredType type, TypeElement record) {
    ClassName name = ClassName.get(record);
    if (name.equals(collectionRecord)
        || nestedRecords.containsKey(name)
        || inProgress.contains(name)) {
      return new ParsedType.Supported(new ValueType.RecordType(name));
    }
    if (!record.getTypeParameters().isEmpty()) {
      return unsupported(path, type, "generic records are not supported");
    }
    String inaccessible = inaccessibility(record);
    if (!inaccessible.isEmpty()) {
      return unsupported(path, type, inaccessible);
    }
    inProgress.add(name);
    try {
      List<FieldModel> fields = new ArrayList<>();
      List<NestedComponentDeclaration> declarations = new ArrayList<>();
      for (RecordComponentElement component : record.getRecordComponents()) {
        String componentName = component.getSimpleName().toString();
        ParsedType parsed = parse(path + "." + componentName, component.asType(), true);
        if (!(parsed instanceof ParsedType.Supported supported)) {
          return parsed;
        }
        DefaultDeclaration defaultValue = CollectionParser.defaultOf(component);
        fields.add(
            new FieldModel(
                componentName,
                supported.type(),
                Optional.ofNullable(defaultValue).map(DefaultDeclaration::text)));
        declarations.add(
            new NestedComponentDeclaration(name, component, supported.type(), defaultValue));
      }
      nestedRecords.put(name, new NestedRecordModel(name, fields));
      nestedComponents.put(name, declarations);
      return new ParsedType.Supported(new ValueType.RecordType(name));
    } finally {
      inProgress.remove(name);
    }
  }

  /** The names of the constants of {@code enumType}, in declaration order. */
  private static List<String> constants(TypeElement enumType) {
    List<String> constants = new ArrayList<>();
    for (Element member : enumType.getEnclosedElements()) {
      if (member.getKind() == ElementKind.ENUM_CONSTANT)
        constants.add(member.getSimpleName().toString());
    }
    return constants;
  }

  /**
   * Why generated code in the collection's package cannot use {@code type}, or "" when it can: it
   * or a type enclosing it is private, or not public in another package.
   */
  private String inaccessibility(TypeElement type) {
    boolean samePackage = elements.getPackageOf(type).equals(generatedPackage);
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return e + " is private; make it package-private or public so generated code can use it";
      }
      if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
        return e
            + " is not public and generated code in package "
            + generatedPackage
            + " cannot use it; make it public";
      }
    }
    return "";
  }

  private static ParsedType scalar(Scalar scalar, TypeName typeName) {
    return new ParsedType.Supported(new ScalarType(scalar, typeName));
  }

  private static ParsedType unsupported(String path, TypeMirror type, String reason) {
    return new ParsedType.Unsupported(path, type.toString(), reason);
  }
}
