package dev.eventsourced.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.processor.base.DefaultText;
import dev.eventsourced.processor.base.Names;
import dev.eventsourced.processor.base.ValueType;
import dev.eventsourced.processor.parse.Attribute;
import dev.eventsourced.processor.parse.CollectionDeclaration;
import dev.eventsourced.processor.parse.ComponentDeclaration;
import dev.eventsourced.processor.parse.DefaultDeclaration;
import dev.eventsourced.processor.parse.IndexDeclaration;
import dev.eventsourced.processor.parse.NestedComponentDeclaration;
import dev.eventsourced.processor.parse.ParsedType;
import dev.eventsourced.processor.parse.UpcastDeclaration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Stage 2: checks a {@link CollectionDeclaration} and reports every problem it has, each on the
 * most specific element. Only declarations with a clean report go on to the model.
 */
public final class CollectionValidator {

  private static final Pattern COLLECTION_ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Set<String> ROWID_ALIASES = Set.of("rowid", "oid", "_rowid_");
  private static final Set<String> METAMODEL_NAMES = Set.of("synced", "origin");
  private static final Set<String> DRAFT_METHODS = Set.of("build");

  private final CollectionRegistry registry;

  public CollectionValidator(CollectionRegistry registry) {
    this.registry = registry;
  }

  public ValidationReport validate(CollectionDeclaration declaration) {
    ValidationReport report = new ValidationReport();
    TypeElement record = declaration.element();
    if (!declaration.isRecord()) {
      report.error(Messages.notARecord(record), record);
      return report;
    }
    if (declaration.isGeneric()) {
      report.error(Messages.genericRecord(record), record);
      return report;
    }
    if (declaration.isPrivate()) {
      report.error(Messages.privateRecord(record), record);
    }
    validateNames(declaration, report);
    validateKey(declaration, report);
    validateComponents(declaration, report);
    validateIndexes(declaration, report);
    validateDefaults(declaration, report);
    validateUpcasts(declaration, report);
    return report;
  }

  private void validateNames(CollectionDeclaration declaration, ValidationReport report) {
    TypeElement record = declaration.element();
    Attribute<String> id = declaration.id();
    String effectiveId = declaration.effectiveId();
    boolean validId = COLLECTION_ID.matcher(effectiveId).matches();
    if (!validId) {
      String message = Messages.invalidCollectionId(record, effectiveId, suggestId(effectiveId));
      report.error(message, record, declaration.annotation(), id.source());
    }
    Attribute<String> table = declaration.table();
    String effectiveTable = declaration.effectiveTable();
    if (isReserved(effectiveTable) && (validId || table.isExplicit())) {
      Attribute<String> source = table.isExplicit() ? table : id;
      report.error(
          Messages.reservedTableName(record, effectiveTable),
          record,
          declaration.annotation(),
          source.source());
    } else if (table.isExplicit() && !SQL_NAME.matcher(effectiveTable).matches()) {
      report.error(
          Messages.invalidSqlName(record, "table name", effectiveTable),
          record,
          declaration.annotation(),
          table.source());
    }
    Attribute<String> name = declaration.name();
    if (name.isExplicit()
        && (!SourceVersion.isIdentifier(name.value()) || SourceVersion.isKeyword(name.value()))) {
      report.error(
          Messages.invalidTypeName(record, name.value()),
          record,
          declaration.annotation(),
          name.source());
    }
    String recordName = record.getQualifiedName().toString();
    String idOwner = registry.claimId(effectiveId, recordName);
    if (idOwner != null) {
      report.error(Messages.duplicateCollectionId(record, effectiveId, idOwner), record);
      return;
    }
    String tableOwner = registry.claimTable(effectiveTable, recordName);
    if (tableOwner != null) {
      report.error(Messages.duplicateTable(record, effectiveTable, tableOwner), record);
    }
  }

  /** Whether {@code name} is reserved for EventSourced DB's or SQLite's own tables and indexes. */
  private static boolean isReserved(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("_") || lower.startsWith("sqlite_");
  }

  /** A valid id close to {@code id}, or "". */
  private static String suggestId(String id) {
    String suggestion =
        Names.snakeCase(id).replaceAll("[^a-z0-9_]+", "_").replaceAll("^[^a-z]+", "");
    return COLLECTION_ID.matcher(suggestion).matches() ? suggestion : "";
  }

  private static void validateKey(CollectionDeclaration declaration, ValidationReport report) {
    TypeElement record = declaration.element();
    List<ComponentDeclaration> keys =
        declaration.components().stream().filter(ComponentDeclaration::key).toList();
    if (keys.isEmpty()) {
      report.error(Messages.missingKey(record), record);
      return;
    }
    for (ComponentDeclaration extra : keys.subList(1, keys.size())) {
      report.error(
          Messages.duplicateKey(record, extra.name(), keys.get(0).name()), extra.element());
    }
  }

  private static void validateComponents(
      CollectionDeclaration declaration, ValidationReport report) {
    TypeElement record = declaration.element();
    Map<String, String> columns = new HashMap<>();
    for (ComponentDeclaration component : declaration.components()) {
      String name = component.name();
      ParsedType type = component.type();
      if (component.key() && !isKeyType(type)) {
        report.error(
            Messages.unsupportedKeyType(record, name, component.element().asType().toString()),
            component.element());
      } else if (type instanceof ParsedType.Unsupported unsupported) {
        report.error(
            Messages.unsupportedType(
                record, unsupported.path(), unsupported.type(), unsupported.reason()),
            component.element());
      }
      String column = Names.snakeCase(name);
      String reserved = reservedNameReason(name, column, Names.flatName(declaration.className()));
      if (!reserved.isEmpty()) {
        report.error(Messages.reservedComponentName(record, name, reserved), component.element());
      }
      String other = columns.putIfAbsent(column.toLowerCase(Locale.ROOT), name);
      if (other != null) {
        report.error(Messages.duplicateColumn(record, name, other, column), component.element());
      }
    }
  }

  private static boolean isKeyType(ParsedType type) {
    return type instanceof ParsedType.Supported supported
        && supported.type() instanceof ValueType.ScalarType scalar
        && scalar.scalar().isKeyType();
  }

  private static String reservedNameReason(String component, String column, String recordName) {
    if (ROWID_ALIASES.contains(column.toLowerCase(Locale.ROOT))) {
      return "its column \"" + column + "\" is an alias of SQLite's rowid";
    }
    if (column.startsWith("_")) {
      return "its column \""
          + column
          + "\" starts with _, which is reserved for metadata columns"
          + " such as _origin and _pending";
    }
    if (METAMODEL_NAMES.contains(component)) {
      return "it collides with the metamodel's virtual column "
          + recordName
          + "_."
          + component.toUpperCase(Locale.ROOT);
    }
    if (DRAFT_METHODS.contains(component)) {
      return "it collides with the method " + component + "() of the generated draft";
    }
    return "";
  }

  private static void validateIndexes(CollectionDeclaration declaration, ValidationReport report) {
    TypeElement record = declaration.element();
    List<String> components =
        declaration.components().stream().map(ComponentDeclaration::name).toList();
    for (IndexDeclaration index : declaration.indexes()) {
      if (index.components().isEmpty()) {
        report.error(Messages.emptyIndex(record), record, index.annotation());
      }
      for (Attribute<String> component : index.components()) {
        if (!components.contains(component.value())) {
          report.error(
              Messages.unknownIndexComponent(
                  record,
                  component.value(),
                  components,
                  Suggestions.closest(component.value(), components)),
              record,
              index.annotation(),
              component.source());
        }
      }
      validateIndexName(record, index, report);
    }
    for (ComponentDeclaration component : declaration.components()) {
      for (IndexDeclaration index : component.indexes()) {
        if (!index.components().isEmpty()) {
          report.error(
              Messages.indexNamesOnComponent(record, component.name()), component.element());
        }
        validateIndexName(record, index, report);
      }
    }
  }

  private static void validateDefaults(CollectionDeclaration declaration, ValidationReport report) {
    TypeElement record = declaration.element();
    Map<ClassName, List<String>> enums = new HashMap<>();
    declaration.enums().forEach(type -> enums.put(type.type(), type.constants()));
    for (ComponentDeclaration component : declaration.components()) {
      DefaultDeclaration defaultValue = component.defaultValue();
      if (defaultValue == null) continue;
      String where = record.getSimpleName() + "." + component.name();
      if (component.key()) {
        report.error(
            Messages.defaultOnKey(record, component.name()),
            component.element(),
            defaultValue.annotation());
      } else if (component.type() instanceof ParsedType.Supported supported) {
        validateDefault(where, supported.type(), defaultValue, enums, component.element(), report);
      }
    }
    for (NestedComponentDeclaration component : declaration.nestedComponents()) {
      if (component.defaultValue() == null) continue;
      String where = String.join(".", component.record().simpleNames()) + "." + component.name();
      validateDefault(
          where, component.type(), component.defaultValue(), enums, component.element(), report);
    }
  }

  private static void validateDefault(
      String where,
      ValueType type,
      DefaultDeclaration defaultValue,
      Map<ClassName, List<String>> enums,
      Element element,
      ValidationReport report) {
    if (!DefaultText.isSupported(type)) {
      report.error(
          Messages.unsupportedDefault(where, type.typeName().toString()),
          element,
          defaultValue.annotation());
      return;
    }
    String expected = DefaultText.problem(type, defaultValue.text(), enums);
    if (!expected.isEmpty()) {
      report.error(
          Messages.invalidDefault(where, defaultValue.text(), type.typeName().toString(), expected),
          element,
          defaultValue.annotation(),
          defaultValue.source());
    }
  }

  private static void validateUpcasts(CollectionDeclaration declaration, ValidationReport report) {
    TypeElement record = declaration.element();
    Map<Integer, UpcastDeclaration> byVersion = new HashMap<>();
    for (UpcastDeclaration upcast : declaration.upcasts()) {
      if (!upcast.isStatic()) {
        report.error(Messages.upcastNotStatic(record, upcast.name()), upcast.method());
      }
      if (upcast.isPrivate()) {
        report.error(Messages.upcastPrivate(record, upcast.name()), upcast.method());
      }
      if (!upcast.hasPayloadSignature()) {
        report.error(
            Messages.upcastSignature(record, upcast.name(), upcast.signature()), upcast.method());
      }
      if (!upcast.checkedExceptions().isEmpty()) {
        report.error(
            Messages.upcastThrows(record, upcast.name(), upcast.checkedExceptions()),
            upcast.method());
      }
      if (upcast.fromVersion() < 1) {
        report.error(
            Messages.upcastVersionBelowOne(record, upcast.name(), upcast.fromVersion()),
            upcast.method(),
            upcast.annotation(),
            upcast.fromVersionSource());
      } else {
        UpcastDeclaration first = byVersion.putIfAbsent(upcast.fromVersion(), upcast);
        if (first != null) {
          report.error(
              Messages.duplicateUpcast(record, upcast.name(), first.name(), upcast.fromVersion()),
              upcast.method(),
              upcast.annotation(),
              upcast.fromVersionSource());
        }
      }
    }
  }

  private static void validateIndexName(
      TypeElement record, IndexDeclaration index, ValidationReport report) {
    Attribute<String> name = index.name();
    if (name.isExplicit()
        && (!SQL_NAME.matcher(name.value()).matches() || isReserved(name.value()))) {
      report.error(
          Messages.invalidSqlName(record, "index name", name.value()),
          index.element(),
          index.annotation(),
          name.source());
    }
  }
}
