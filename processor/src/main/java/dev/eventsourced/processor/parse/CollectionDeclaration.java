package dev.eventsourced.processor.parse;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.processor.base.EnumModel;
import dev.eventsourced.processor.base.Names;
import dev.eventsourced.processor.base.NestedRecordModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Collection} type as written: everything validation looks at, possibly invalid.
 *
 * @param element the annotated type
 * @param annotation the {@code @Collection} annotation
 * @param isRecord whether the type is a record
 * @param isGeneric whether the record declares type parameters
 * @param isPrivate whether the record or a type enclosing it is private
 * @param id {@code @Collection(value)}
 * @param table {@code @Collection(table)}
 * @param name {@code @Collection(name)}
 * @param schemaVersion {@code @Collection(schemaVersion)}
 * @param sync {@code @Collection(sync)}
 * @param components the record components in declaration order (empty for non-records)
 * @param indexes the {@code @Index} annotations on the type
 * @param nestedRecords the record types reachable from supported component types, sorted by name
 * @param enums the enum types reachable from supported component types, sorted by name
 * @param nestedComponents the components of the nested records, by record name then in declaration
 *     order
 * @param upcasts the record's methods annotated {@code @Upcast}, in declaration order
 * @param docComment the type's javadoc, or ""
 * @param generatedAnnotation whether generated code may use {@code @javax.annotation.processing
 *     .Generated} (see {@link GeneratedAnnotation})
 */
public record CollectionDeclaration(
    TypeElement element,
    AnnotationMirror annotation,
    boolean isRecord,
    boolean isGeneric,
    boolean isPrivate,
    Attribute<String> id,
    Attribute<String> table,
    Attribute<String> name,
    int schemaVersion,
    boolean sync,
    List<ComponentDeclaration> components,
    List<IndexDeclaration> indexes,
    List<NestedRecordModel> nestedRecords,
    List<EnumModel> enums,
    List<NestedComponentDeclaration> nestedComponents,
    List<UpcastDeclaration> upcasts,
    String docComment,
    boolean generatedAnnotation) {

  public CollectionDeclaration {
    components = List.copyOf(components);
    indexes = List.copyOf(indexes);
    nestedRecords = List.copyOf(nestedRecords);
    enums = List.copyOf(enums);
    nestedComponents = List.copyOf(nestedComponents);
    upcasts = List.copyOf(upcasts);
  }

  public ClassName className() {
    return ClassName.get(element);
  }

  /** The effective collection id: the explicit one, or the default derived from the name. */
  public String effectiveId() {
    return id.value().isEmpty() ? Names.defaultCollectionId(className()) : id.value();
  }

  /** The effective table name: the explicit one, or the collection id. */
  public String effectiveTable() {
    return table.value().isEmpty() ? effectiveId() : table.value();
  }

  /** The first undefined type among the components, if any: the record must wait a round. */
  public Optional<ComponentDeclaration> firstUndefined() {
    return components.stream().filter(c -> c.type() instanceof ParsedType.Undefined).findFirst();
  }
}
