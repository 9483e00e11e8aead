package dev.eventsourced.processor.evolve;

import dev.eventsourced.processor.base.EnumModel;
import dev.eventsourced.processor.base.NestedRecordModel;
import dev.eventsourced.processor.base.NestedRecordModel.FieldModel;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.ComponentModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the schema snapshot file of a collection holds: the facts about the record that decide
 * whether events written by one version of it can be read by another, and the version itself. Types
 * are written in full, as in the fingerprint ({@code java.util.List<java.lang.String>}, {@code
 * int}).
 *
 * @param collectionId the collection id (also the file name)
 * @param record the record's qualified name
 * @param version the schema version of the payload shape described here
 * @param sync {@code @Collection(sync)}
 * @param key the key component
 * @param components the components in declaration order
 * @param records the nested records' components, by qualified record name (sorted)
 * @param enums the enums' constants in declaration order, by qualified enum name (sorted)
 * @param indexes the CREATE INDEX statements
 */
record SchemaSnapshot(
    String collectionId,
    String record,
    int version,
    boolean sync,
    Member key,
    List<Component> components,
    Map<String, List<Member>> records,
    Map<String, List<String>> enums,
    List<String> indexes) {

  /** The format of the file, written as {@code "format"}; a later processor may add others. */
  static final int FORMAT = 1;

  /** A component of the collection record. */
  record Component(String name, String column, String type, Optional<String> defaultValue) {
    Member member() {
      return new Member(name, type, defaultValue);
    }
  }

  /** The key, or a component of a nested record ({@code defaultValue} empty for the key). */
  record Member(String name, String type, Optional<String> defaultValue) {}

  SchemaSnapshot {
    components = List.copyOf(components);
    Map<String, List<Member>> sortedRecords = new TreeMap<>();
    records.forEach((name, members) -> sortedRecords.put(name, List.copyOf(members)));
    records = Collections.unmodifiableMap(sortedRecords);
    Map<String, List<String>> sortedEnums = new TreeMap<>();
    enums.forEach((name, constants) -> sortedEnums.put(name, List.copyOf(constants)));
    enums = Collections.unmodifiableMap(sortedEnums);
    indexes = List.copyOf(indexes);
  }

  /** The snapshot of {@code model} at schema version {@code version}. */
  static SchemaSnapshot of(CollectionModel model, int version) {
    ComponentModel key = model.key();
    List<Component> components = new ArrayList<>();
    for (ComponentModel component : model.components()) {
      components.add(
          new Component(
              component.name(),
              component.column(),
              component.type().typeName().toString(),
              component.defaultValue()));
    }
    Map<String, List<Member>> records = new LinkedHashMap<>();
    for (NestedRecordModel nested : model.nestedRecords()) {
      List<Member> members = new ArrayList<>();
      for (FieldModel field : nested.fields()) {
        members.add(
            new Member(field.name(), field.type().typeName().toString(), field.defaultValue()));
      }
      records.put(nested.type().toString(), members);
    }
    Map<String, List<String>> enums = new LinkedHashMap<>();
    for (EnumModel type : model.enums()) {
      enums.put(type.type().toString(), type.constants());
    }
    return new SchemaSnapshot(
        model.collectionId(),
        model.recordType().toString(),
        version,
        model.synced(),
        new Member(key.name(), key.type().typeName().toString(), Optional.empty()),
        components,
        records,
        enums,
        model.ddl().subList(1, model.ddl().size()));
  }

  SchemaSnapshot withVersion(int newVersion) {
    return new SchemaSnapshot(
        collectionId, record, newVersion, sync, key, components, records, enums, indexes);
  }

  /**
   * Whether {@code other} describes the same payload shape: the same components (by name, with
   * their types and defaults), nested records, enum constants, key and {@code sync}. Order, column
   * names, the record's name, indexes and the version do not count.
   */
  boolean sameShape(SchemaSnapshot other) {
    return key.equals(other.key) && sync == other.sync && shape().equals(other.shape());
  }

  private List<Object> shape() {
    Map<String, Member> byName = new TreeMap<>();
    components.forEach(component -> byName.put(component.name(), component.member()));
    Map<String, Set<Member>> nested = new TreeMap<>();
    records.forEach((name, members) -> nested.put(name, Set.copyOf(members)));
    Map<String, Set<String>> constants = new TreeMap<>();
    enums.forEach((name, values) -> constants.put(name, new TreeSet<>(values)));
    return List.of(byName, nested, constants);
  }
}
