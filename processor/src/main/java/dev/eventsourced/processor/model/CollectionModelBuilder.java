package dev.eventsourced.processor.model;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.processor.base.ColumnKind;
import dev.eventsourced.processor.base.EnumModel;
import dev.eventsourced.processor.base.Field;
import dev.eventsourced.processor.base.Names;
import dev.eventsourced.processor.base.NestedRecordModel;
import dev.eventsourced.processor.base.NestedRecordModel.FieldModel;
import dev.eventsourced.processor.parse.Attribute;
import dev.eventsourced.processor.parse.CollectionDeclaration;
import dev.eventsourced.processor.parse.ComponentDeclaration;
import dev.eventsourced.processor.parse.DefaultDeclaration;
import dev.eventsourced.processor.parse.IndexDeclaration;
import dev.eventsourced.processor.parse.ParsedType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Stage 3: builds the {@link CollectionModel} of a declaration that passed validation: column
 * names, indexes, DDL, fingerprint and codec method names.
 */
public final class CollectionModelBuilder {

  private CollectionModelBuilder() {}

  public static CollectionModel build(CollectionDeclaration declaration) {
    Names names = Names.of(declaration.className(), declaration.name().value());
    String table = declaration.effectiveTable();
    List<ComponentModel> components = new ArrayList<>();
    for (ComponentDeclaration component : declaration.components()) {
      String name = component.name();
      components.add(
          new ComponentModel(
              components.size(),
              name,
              ((ParsedType.Supported) component.type()).type(),
              Names.snakeCase(name),
              Names.upperSnakeCase(name),
              component.key(),
              Optional.ofNullable(component.defaultValue()).map(DefaultDeclaration::text),
              component.element()));
    }
    List<IndexModel> indexes = new ArrayList<>();
    for (IndexDeclaration index : declaration.indexes()) {
      List<String> columns =
          index.components().stream().map(c -> Names.snakeCase(c.value())).toList();
      indexes.add(index(table, index, columns));
    }
    for (ComponentDeclaration component : declaration.components()) {
      for (IndexDeclaration index : component.indexes()) {
        indexes.add(index(table, index, List.of(Names.snakeCase(component.name()))));
      }
    }
    List<String> ddl = ddl(table, components, indexes);
    return new CollectionModel(
        declaration.element(),
        names,
        declaration.effectiveId(),
        table,
        declaration.schemaVersion(),
        declaration.sync(),
        components,
        indexes,
        ddl,
        fingerprint(
            schemaFacts(components, declaration.nestedRecords(), declaration.enums(), ddl.get(0))),
        declaration.nestedRecords(),
        declaration.enums(),
        declaration.upcasts().stream()
            .map(upcast -> new UpcastModel(upcast.fromVersion(), upcast.name()))
            .sorted(Comparator.comparingInt(UpcastModel::fromVersion))
            .toList(),
        codecNames(names.record(), declaration.nestedRecords(), declaration.enums()),
        declaration.docComment(),
        declaration.generatedAnnotation());
  }

  private static IndexModel index(String table, IndexDeclaration index, List<String> columns) {
    Attribute<String> name = index.name();
    return new IndexModel(
        name.value().isEmpty() ? Names.defaultIndexName(table, columns) : name.value(),
        index.unique(),
        columns);
  }

  static List<String> ddl(String table, List<ComponentModel> components, List<IndexModel> indexes) {
    List<String> columns = new ArrayList<>();
    for (ComponentModel component : components) {
      columns.add(
          quote(component.column())
              + " "
              + component.type().columnKind().sqlType()
              + (component.nullable() ? "" : " NOT NULL")
              + (component.key() ? " PRIMARY KEY" : ""));
    }
    columns.add("\"_origin\" TEXT NOT NULL DEFAULT 'local'");
    columns.add("\"_pending\" INTEGER NOT NULL DEFAULT 0");
    List<String> ddl = new ArrayList<>();
    ddl.add(
        "CREATE TABLE IF NOT EXISTS "
            + quote(table)
            + " ("
            + String.join(", ", columns)
            + ")"
            + (withoutRowid(components) ? " WITHOUT ROWID" : ""));
    for (IndexModel index : indexes) {
      ddl.add(
          "CREATE "
              + (index.unique() ? "UNIQUE " : "")
              + "INDEX IF NOT EXISTS "
              + quote(index.name())
              + " ON "
              + quote(table)
              + " ("
              + index.columns().stream()
                  .map(CollectionModelBuilder::quote)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return ddl;
  }

  /**
   * Whether the state table is stored clustered on its key ({@code WITHOUT ROWID}): one B-tree per
   * row write instead of two (the rowid table and the key's unique index). Measured (bench/README,
   * "State tables: rowid or WITHOUT ROWID"): faster for rows of up to a few hundred bytes, much
   * slower for rows of a kilobyte and more, whose bytes then fill the key's B-tree. So a record
   * gets it unless a component may hold a large value (a {@code byte[]}, or a list, set, map or
   * nested record stored as JSON); and an integer key keeps the rowid table, where it already is
   * the rowid and there is no second B-tree to save.
   */
  static boolean withoutRowid(List<ComponentModel> components) {
    for (ComponentModel component : components) {
      ColumnKind kind = component.type().columnKind();
      if (kind == ColumnKind.BYTES || kind == ColumnKind.JSON) return false;
      if (component.key() && "INTEGER".equals(kind.sqlType())) return false;
    }
    return true;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * What the fingerprint hashes, one line per fact, in a fixed order: every fact that decides how a
   * value is stored, encoded or decoded (see {@link CollectionModel}).
   */
  static List<String> schemaFacts(
      List<ComponentModel> components,
      List<NestedRecordModel> nestedRecords,
      List<EnumModel> enums,
      String createTable) {
    List<String> facts = new ArrayList<>();
    for (ComponentModel component : components) {
      facts.add(
          "component "
              + component.name()
              + " column="
              + component.column()
              + " type="
              + component.type().typeName()
              + " kind="
              + component.type().columnKind()
              + " key="
              + component.key()
              + defaultFact(component));
    }
    for (NestedRecordModel nested : nestedRecords) {
      facts.add("record " + nested.type());
      for (FieldModel field : nested.fields()) {
        facts.add(
            "record "
                + nested.type()
                + " component "
                + field.name()
                + " type="
                + field.type().typeName()
                + defaultFact(field));
      }
    }
    for (EnumModel type : enums) {
      facts.add("enum " + type.type() + " constants=" + String.join(",", type.constants()));
    }
    facts.add("ddl " + createTable);
    return facts;
  }

  /** {@code " default=\"3\""}, or "" when {@code field} has no default. */
  private static String defaultFact(Field field) {
    return field.defaultValue().map(text -> " default=" + quoted(text)).orElse("");
  }

  /**
   * {@code text} as a Java string literal: in quotes, with {@code \\uXXXX} for what is not ASCII.
   */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** The first 16 hex digits of the SHA-256 of {@code facts} joined with newlines, in UTF-8. */
  static String fingerprint(List<String> facts) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", facts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Names for the record and enum types in codec method names: the flat simple name ({@code
   * Outer_Inner}), or, when two types share it, the flat name prefixed with the package ({@code
   * com_acme_Address}).
   */
  private static Map<ClassName, String> codecNames(
      ClassName record, List<NestedRecordModel> nestedRecords, List<EnumModel> enums) {
    Set<ClassName> types = new TreeSet<>();
    types.add(record);
    nestedRecords.forEach(nested -> types.add(nested.type()));
    enums.forEach(type -> types.add(type.type()));
    Map<String, Long> flatNameCounts =
        types.stream().collect(Collectors.groupingBy(Names::flatName, Collectors.counting()));
    Map<ClassName, String> names = new HashMap<>();
    for (ClassName type : types) {
      String flat = Names.flatName(type);
      names.put(
          type,
          flatNameCounts.get(flat) == 1 ? flat : type.packageName().replace('.', '_') + "_" + flat);
    }
    return names;
  }
}
