package dev.eventsourced.processor.model;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.processor.base.EnumModel;
import dev.eventsourced.processor.base.Names;
import dev.eventsourced.processor.base.NestedRecordModel;
import dev.eventsourced.processor.base.Scalar;
import dev.eventsourced.processor.base.ValueType;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writers need to generate the code of one valid {@code @Collection} record. Plain
 * data: writers never go back to {@code Elements} or {@code Types}, so the same model always gives
 * the same output.
 *
 * <p>The {@code fingerprint} changes whenever the record changes how a value is stored, encoded or
 * decoded, so that a database file written by another version of the record is detected when it
 * opens (and its table rebuilt from the log) rather than failing on a later read. It is the first
 * 16 hex digits of the SHA-256 of these lines, joined with newlines (UTF-8), in this order:
 *
 * <ol>
 *   <li>per component, in declaration order: {@code component <name> column=<column> type=<Java
 *       type> kind=<ColumnKind> key=<true|false>}, the Java type in full, with type arguments and
 *       qualified names ({@code java.util.List<test.Todo.Tag>}, {@code long}, {@code
 *       java.util.Optional<java.lang.String>}), followed, when the component has a
 *       {@code @Default}, by {@code default=<text>} with the text quoted as a Java string literal
 *       ({@code default="3"});
 *   <li>per nested record reachable from a component (at any depth), sorted by qualified name:
 *       {@code record <type>}, then per component, in declaration order, {@code record <type>
 *       component <name> type=<Java type>}, with {@code default=<text>} as above;
 *   <li>per enum reachable from a component (directly, in a container or a nested record, or as a
 *       map key), sorted by qualified name: {@code enum <type> constants=<A,B,...>}, in declaration
 *       order;
 *   <li>the CREATE TABLE statement (the first of {@link #ddl}): {@code ddl <statement>}.
 * </ol>
 *
 * <p>The CREATE INDEX statements are not part of it: the runtime creates and drops indexes on open
 * without touching the rows. Neither are the schema version, {@code sync} and the upcasters, which
 * change how events are exchanged, not how rows are stored. Lists are in declaration or sorted
 * order, never hash order, so the same record gives the same fingerprint in every build. Javadoc,
 * methods, formatting and other source changes that leave these facts alone keep it.
 *
 * @param element the record, for {@code addOriginatingElement} and diagnostics only
 * @param names the generated type names
 * @param collectionId the collection id events carry
 * @param tableName the SQLite table
 * @param schemaVersion the schema version stamped on events: {@code @Collection(schemaVersion)}
 *     until the schema snapshot is compared, then the current version (see {@link
 *     #withSchemaVersion})
 * @param synced {@code @Collection(sync)}
 * @param components the components in declaration order
 * @param indexes the indexes, record-level ones first, then component ones in component order
 * @param ddl the CREATE TABLE and CREATE INDEX statements
 * @param fingerprint the schema fingerprint described above
 * @param nestedRecords the record types used inside components, sorted by name
 * @param enums the enum types used inside components, sorted by name
 * @param upcasts the record's {@code @Upcast} methods, by {@code fromVersion}
 * @param codecNames the name of each record and enum type in generated codec method names
 * @param docComment the record's javadoc, or ""
 * @param generatedAnnotation whether the generated types carry {@code
 *     @javax.annotation.processing.Generated} besides {@code @EventSourcedGenerated}: only when the
 *     record's module reads {@code java.compiler}, so that generated code never needs it
 */
public record CollectionModel(
    TypeElement element,
    Names names,
    String collectionId,
    String tableName,
    int schemaVersion,
    boolean synced,
    List<ComponentModel> components,
    List<IndexModel> indexes,
    List<String> ddl,
    String fingerprint,
    List<NestedRecordModel> nestedRecords,
    List<EnumModel> enums,
    List<UpcastModel> upcasts,
    Map<ClassName, String> codecNames,
    String docComment,
    boolean generatedAnnotation) {

  public CollectionModel {
    components = List.copyOf(components);
    indexes = List.copyOf(indexes);
    ddl = List.copyOf(ddl);
    nestedRecords = List.copyOf(nestedRecords);
    enums = List.copyOf(enums);
    upcasts = List.copyOf(upcasts);
    codecNames = Map.copyOf(codecNames);
  }

  /** This model with the schema version {@code version}. */
  public CollectionModel withSchemaVersion(int version) {
    return new CollectionModel(
        element,
        names,
        collectionId,
        tableName,
        version,
        synced,
        components,
        indexes,
        ddl,
        fingerprint,
        nestedRecords,
        enums,
        upcasts,
        codecNames,
        docComment,
        generatedAnnotation);
  }

  /** The record type. */
  public ClassName recordType() {
    return names.record();
  }

  /** The {@code @Key} component. */
  public ComponentModel key() {
    return components.stream().filter(ComponentModel::key).findFirst().orElseThrow();
  }

  /**
   * The part of generated codec method names for {@code type}: {@code String}, {@code
   * ListOfAddress}, {@code MapOfStringToListOfInteger}, ...
   */
  public String codecName(ValueType type) {
    if (type instanceof ValueType.ScalarType scalar) {
      return scalar.scalar() == Scalar.ENUM
          ? codecNames.get((ClassName) scalar.typeName())
          : scalar.scalar().codecName();
    } else if (type instanceof ValueType.RecordType record) {
      return codecNames.get(record.typeName());
    } else if (type instanceof ValueType.ListType list) {
      return "ListOf" + codecName(list.element());
    } else if (type instanceof ValueType.SetType set) {
      return "SetOf" + codecName(set.element());
    } else if (type instanceof ValueType.MapType map) {
      return "MapOf" + codecName(map.key()) + "To" + codecName(map.value());
    } else {
      throw new IllegalArgumentException("no codec method for " + type);
    }
  }
}
