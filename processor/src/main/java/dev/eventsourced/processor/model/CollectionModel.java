package dev.eventsourced.processor.model;

import com.palantir.javapoet.ClassName;
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
 * @param element the record, for {@code addOriginatingElement} and diagnostics only
 * @param names the generated type names
 * @param collectionId the collection id events carry
 * @param tableName the SQLite table
 * @param schemaVersion the schema version stamped on events
 * @param components the components in declaration order
 * @param indexes the indexes, record-level ones first, then component ones in component order
 * @param ddl the CREATE TABLE and CREATE INDEX statements
 * @param fingerprint the first 16 hex digits of the SHA-256 of the DDL joined with newlines
 * @param nestedRecords the record types used inside components, sorted by name
 * @param codecNames the name of each record and enum type in generated codec method names
 * @param docComment the record's javadoc, or ""
 */
public record CollectionModel(
    TypeElement element,
    Names names,
    String collectionId,
    String tableName,
    int schemaVersion,
    List<ComponentModel> components,
    List<IndexModel> indexes,
    List<String> ddl,
    String fingerprint,
    List<NestedRecordModel> nestedRecords,
    Map<ClassName, String> codecNames,
    String docComment) {

  public CollectionModel {
    components = List.copyOf(components);
    indexes = List.copyOf(indexes);
    ddl = List.copyOf(ddl);
    nestedRecords = List.copyOf(nestedRecords);
    codecNames = Map.copyOf(codecNames);
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
