package dev.eventsourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.eventsourced.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution: version 1 of a record {@code test.Item} is compiled into a snapshot directory,
 * then version 2 into the same one. Compatible changes raise the version and rewrite the snapshot
 * with a note; breaking changes fail on the component and leave the snapshot alone, unless the
 * record has an upcaster for the snapshot's version.
 */
class SchemaEvolutionTest {

  /**
   * Two versions of {@code record Item(...) {...}}. {@code @Collection("items")} is added unless
   * the text has its own; imports: the annotations, {@code java.util.*}, {@code java.time.*}.
   *
   * @param expected for a compatible change, a part of the note; for a breaking one, of the error
   * @param line for a breaking change, a text on the line the error is on
   */
  record Change(String name, String version1, String version2, String expected, String line) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String LEVEL = " public enum Level { LOW, HIGH } }";
  static final String ADDRESS = "public record Address(String street) {} }";

  static Stream<Change> compatibleChanges() {
    return Stream.of(
        compatible(
            "nullable component added",
            "record Item(@Key String id, String title) {}",
            "record Item(@Key String id, String title, String note) {}",
            "component note (java.lang.String) was added"),
        compatible(
            "Optional component added",
            "record Item(@Key String id) {}",
            "record Item(@Key String id, Optional<Integer> rank) {}",
            "component rank (java.util.Optional<java.lang.Integer>) was added"),
        compatible(
            "primitive with a default added",
            "record Item(@Key String id) {}",
            "record Item(@Key String id, @Default(\"3\") int priority) {}",
            "component priority (int, @Default(\"3\")) was added"),
        compatible(
            "component removed",
            "record Item(@Key String id, String title, long at) {}",
            "record Item(@Key String id, String title) {}",
            "component at was removed"),
        compatible(
            "enum constant added",
            "record Item(@Key String id, Level level) {" + LEVEL,
            "record Item(@Key String id, Level level) { public enum Level { LOW, MIDDLE, HIGH } }",
            "constant MIDDLE was added to enum test.Item.Level"),
        compatible(
            "enum constant added in a nested record's enum",
            "record Item(@Key String id, Address address) { public record Address(Level level) {}"
                + LEVEL,
            "record Item(@Key String id, Address address) { public record Address(Level level) {}"
                + " public enum Level { LOW, HIGH, TOP } }",
            "constant TOP was added to enum test.Item.Level"),
        compatible(
            "nested record: nullable component added",
            "record Item(@Key String id, Address address) {" + ADDRESS,
            "record Item(@Key String id, Address address) {"
                + " public record Address(String street, String city) {} }",
            "component city of nested record test.Item.Address (java.lang.String) was added"),
        compatible(
            "nested record: primitive with a default added",
            "record Item(@Key String id, Address address) {" + ADDRESS,
            "record Item(@Key String id, Address address) {"
                + " public record Address(String street, @Default(\"75\") int zip) {} }",
            "component zip of nested record test.Item.Address (int, @Default(\"75\")) was added"),
        compatible(
            "nested record: component removed",
            "record Item(@Key String id, Address address) {"
                + " public record Address(String street, String city) {} }",
            "record Item(@Key String id, Address address) {" + ADDRESS,
            "component city of nested record test.Item.Address was removed"),
        compatible(
            "default added",
            "record Item(@Key String id, int count) {}",
            "record Item(@Key String id, @Default(\"3\") int count) {}",
            "component count got @Default(\"3\")"),
        compatible(
            "default changed",
            "record Item(@Key String id, @Default(\"3\") int count) {}",
            "record Item(@Key String id, @Default(\"4\") int count) {}",
            "the @Default of component count changed from \"3\" to \"4\""),
        retype("int", "java.lang.Integer"),
        retype("String", "Optional<String>"),
        retype("Optional<String>", "String"),
        retype("Integer", "Optional<Long>"),
        retype("byte", "short"),
        retype("short", "int"),
        retype("int", "long"),
        retype("float", "double"),
        retype("long", "double"),
        retype("boolean", "Boolean"),
        compatible(
            "nested record: int -> long",
            "record Item(@Key String id, Address address) { public record Address(int zip) {} }",
            "record Item(@Key String id, Address address) { public record Address(long zip) {} }",
            "component zip of nested record test.Item.Address changed type from int to long"));
  }

  static Stream<Change> breakingChanges() {
    return Stream.of(
        breaking(
            "String -> UUID",
            "record Item(@Key String id, String ref) {}",
            "record Item(\n    @Key String id,\n    UUID ref) {}",
            "component ref changed type from java.lang.String to java.util.UUID",
            "UUID ref"),
        breaking(
            "long -> int",
            "record Item(@Key String id, long count) {}",
            "record Item(\n    @Key String id,\n    int count) {}",
            "component count changed type from long to int",
            "int count"),
        breaking(
            "Integer -> int",
            "record Item(@Key String id, Integer count) {}",
            "record Item(\n    @Key String id,\n    int count) {}",
            "component count changed type from java.lang.Integer to int",
            "int count"),
        breaking(
            "List<String> -> List<Integer>",
            "record Item(@Key String id, List<String> tags) {}",
            "record Item(\n    @Key String id,\n    List<Integer> tags) {}",
            "component tags changed type from java.util.List<java.lang.String> to"
                + " java.util.List<java.lang.Integer>",
            "List<Integer> tags"),
        breaking(
            "enum constant removed",
            "record Item(@Key String id, Level level) {" + LEVEL,
            "record Item(\n    @Key String id,\n    Level level) { public enum Level { LOW } }",
            "constant HIGH was removed from enum test.Item.Level",
            "Level level"),
        breaking(
            "key renamed",
            "record Item(@Key String id, String title) {}",
            "record Item(\n    @Key String code,\n    String title) {}",
            "the key changed from component id (java.lang.String) to component code"
                + " (java.lang.String)",
            "@Key String code"),
        breaking(
            "key retyped",
            "record Item(@Key int id, String title) {}",
            "record Item(\n    @Key long id,\n    String title) {}",
            "the key id changed type from int to long",
            "@Key long id"),
        breaking(
            "primitive added without a default",
            "record Item(@Key String id) {}",
            "record Item(\n    @Key String id,\n    int priority) {}",
            "component priority (int) was added without a @Default",
            "int priority"),
        breaking(
            "component renamed",
            "record Item(@Key String id, String title) {}",
            "record Item(\n    @Key String id,\n    String name) {}",
            "component title was removed and component name of the same type (java.lang.String)"
                + " added: probably a rename",
            "String name"),
        breaking(
            "nested record: component retyped",
            "record Item(@Key String id, Address address) { public record Address(String zip) {} }",
            "record Item(@Key String id, Address address) {\n  public record Address(\n"
                + "      int zip) {} }",
            "component zip of nested record test.Item.Address changed type from java.lang.String"
                + " to int",
            "int zip"),
        breaking(
            "nested record's enum: constant removed",
            "record Item(@Key String id, Address address) { public record Address(Level level) {}"
                + LEVEL,
            "record Item(@Key String id, Address address) { public record Address(Level level) {}"
                + " public enum Level { HIGH } }",
            "constant LOW was removed from enum test.Item.Level",
            "public record Item"));
  }

  private static Change compatible(String name, String v1, String v2, String note) {
    return new Change(name, v1, v2, note, null);
  }

  private static Change breaking(String name, String v1, String v2, String error, String line) {
    return new Change(name, v1, v2, error, line);
  }

  private static Change retype(String from, String to) {
    return compatible(
        from + " -> " + to,
        "record Item(@Key String id, " + from + " value) {}",
        "record Item(@Key String id, " + to + " value) {}",
        "component value changed type from ");
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("compatibleChanges")
  void compatibleChange_raisesVersionAndRewritesSnapshot(Change change) throws IOException {
    assertThat(compile(change.version1())).succeededWithoutWarnings();
    assertThat(version()).isEqualTo(1);

    Compilation second = compile(change.version2());

    assertThat(second).succeededWithoutWarnings();
    assertThat(second).hadNoteContaining("[eventsourced:SchemaChanged] collection items");
    assertThat(second).hadNoteContaining(change.expected());
    assertThat(second).hadNoteContaining("now at schema version 2 (was 1)");
    assertThat(version()).isEqualTo(2);
    assertThat(schemaVersion(second)).isEqualTo(2);
    // The snapshot is the one version 2 gets on its own, at version 2.
    assertThat(snapshot()).isEqualTo(freshSnapshot(change.version2(), 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingChanges")
  void breakingChange_failsOnTheChangeAndKeepsSnapshot(Change change) throws IOException {
    assertThat(compile(change.version1())).succeededWithoutWarnings();
    String before = snapshot();
    JavaFileObject source = item(change.version2());

    Compilation second = compile(source);

    assertThat(second).failed();
    assertThat(second).hadErrorCount(1);
    assertThat(second)
        .hadErrorContaining("[eventsourced:IncompatibleChange] @Collection record test.Item: ")
        .inFile(source)
        .onLineContaining(change.line());
    assertThat(second).hadErrorContaining(change.expected());
    assertThat(second)
        .hadErrorContaining(
            "since schema version 1 of collection items (snapshot "
                + dir.resolve("items.json")
                + "). This breaks old events: ");
    assertThat(second)
        .hadErrorContaining(
            "Add an upcaster to Item that rewrites version 1 payloads into the new shape, e.g."
                + " @Upcast(fromVersion = 1) static Map<String, Object> upcast1(Map<String,"
                + " Object> payload) {");
    assertThat(second).hadErrorContaining("; or undo the change");
    assertThat(snapshot()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingChanges")
  void breakingChange_withUpcaster_isVersionTwo(Change change) throws IOException {
    assertThat(compile(change.version1())).succeededWithoutWarnings();

    Compilation second = compile(withUpcaster(change.version2(), 1));

    assertThat(second).succeededWithoutWarnings();
    assertThat(second).hadNoteContaining(change.expected());
    assertThat(second).hadNoteContaining("events of version 1 are upcast by Item.upcast1");
    assertThat(version()).isEqualTo(2);
    assertThat(schemaVersion(second)).isEqualTo(2);
    assertThat(snapshot()).isEqualTo(freshSnapshot(change.version2(), 2));
  }

  @Test
  void syncChanged_failsEvenWithAnUpcaster_andKeepsSnapshot() throws IOException {
    assertThat(compile("record Item(@Key String id) {}")).succeededWithoutWarnings();
    String before = snapshot();
    JavaFileObject source =
        item(
            withUpcaster(
                "@Collection(value = \"items\", sync = false)\npublic record Item(@Key String id) {}",
                1));

    Compilation second = compile(source);

    assertThat(second).failed();
    assertThat(second).hadErrorCount(1);
    assertThat(second)
        .hadErrorContaining(
            "[eventsourced:IncompatibleChange] @Collection record test.Item: @Collection(sync)"
                + " changed from true to false since schema version 1 of collection items")
        .inFile(source)
        .onLineContaining("public record Item");
    assertThat(second)
        .hadErrorContaining("No upcaster can change where events went: undo the change");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void primitiveAddedWithoutDefault_suggestsADefault() {
    assertThat(compile("record Item(@Key String id) {}")).succeeded();
    Compilation second = compile("record Item(@Key String id, int priority) {}");
    assertThat(second).hadErrorContaining(", or give the component a @Default; or undo the change");
  }

  @Test
  void rename_exampleMovesTheMember() {
    assertThat(compile("record Item(@Key String id, String title) {}")).succeeded();
    Compilation second = compile("record Item(@Key String id, String name) {}");
    assertThat(second)
        .hadErrorContaining(
            "{ payload.put(\"name\", payload.remove(\"title\")); return payload; }");
  }

  @Test
  void sameShape_indexAdded_keepsVersionAndRewritesIndexes() throws IOException {
    assertThat(compile("record Item(@Key String id, String title) {}")).succeeded();

    Compilation second = compile("record Item(@Key String id, @Index String title) {}");

    assertThat(second).succeededWithoutWarnings();
    assertThat(notes(second)).noneMatch(note -> note.contains("SchemaChanged"));
    assertThat(version()).isEqualTo(1);
    assertThat(snapshot())
        .contains(
            "\"indexes\": [\n"
                + "    \"CREATE INDEX IF NOT EXISTS \\\"items_title_idx\\\" ON \\\"items\\\""
                + " (\\\"title\\\")\"\n  ]");
  }

  @Test
  void sameShape_reorderedAndDocumented_keepsVersion() throws IOException {
    assertThat(compile("record Item(@Key String id, String title, long at) {}")).succeeded();
    Compilation second =
        compile("/** Doc. */ record Item(@Key String id, long at, String title) {}");
    assertThat(second).succeededWithoutWarnings();
    assertThat(version()).isEqualTo(1);
    assertThat(notes(second)).isEmpty();
  }

  @Test
  void unchangedRecord_leavesFileUntouched() throws IOException {
    assertThat(compile("record Item(@Key String id, String title) {}")).succeeded();
    Path file = dir.resolve("items.json");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);

    Compilation second = compile("/** Doc. */ record Item(@Key String id, String title) {}");

    assertThat(second).succeededWithoutWarnings();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
  }

  @Test
  void firstCompilation_writesSnapshotAtDeclaredVersion_withANote() throws IOException {
    Compilation first =
        compile(
            "@Collection(value = \"items\", schemaVersion = 3)\npublic record Item(@Key String id) {}");
    assertThat(first).succeededWithoutWarnings();
    assertThat(first)
        .hadNoteContaining(
            "[eventsourced:SchemaSnapshot] wrote the schema snapshot of collection items"
                + " (test.Item, version 3) to "
                + dir.resolve("items.json"));
    assertThat(version()).isEqualTo(3);
    assertThat(schemaVersion(first)).isEqualTo(3);
  }

  @Test
  void snapshot_hasTheDocumentedFormat() throws IOException {
    Compilation first =
        compile(
            "@Index({\"title\", \"at\"})\n"
                + "record Item(@Key String id, @Default(\"untitled \\\"x\\\"\") String title,"
                + " long at, Address address, Level level) {"
                + " public record Address(String street, @Default(\"75\") int zip) {}"
                + " public enum Level { LOW, HIGH } }");
    assertThat(first).succeededWithoutWarnings();
    assertThat(snapshot())
        .isEqualTo(
            """
            {
              "format": 1,
              "collection": "items",
              "record": "test.Item",
              "version": 1,
              "sync": true,
              "key": {
                "name": "id",
                "type": "java.lang.String"
              },
              "components": [
                {
                  "name": "id",
                  "column": "id",
                  "type": "java.lang.String"
                },
                {
                  "name": "title",
                  "column": "title",
                  "type": "java.lang.String",
                  "default": "untitled \\"x\\""
                },
                {
                  "name": "at",
                  "column": "at",
                  "type": "long"
                },
                {
                  "name": "address",
                  "column": "address",
                  "type": "test.Item.Address"
                },
                {
                  "name": "level",
                  "column": "level",
                  "type": "test.Item.Level"
                }
              ],
              "records": {
                "test.Item.Address": [
                  {
                    "name": "street",
                    "type": "java.lang.String"
                  },
                  {
                    "name": "zip",
                    "type": "int",
                    "default": "75"
                  }
                ]
              },
              "enums": {
                "test.Item.Level": [
                  "LOW",
                  "HIGH"
                ]
              },
              "indexes": [
                "CREATE INDEX IF NOT EXISTS \\"items_title_at_idx\\" ON \\"items\\" (\\"title\\", \\"at\\")"
              ]
            }
            """);
  }

  @Test
  void declaredVersionHigher_raisesTheVersion() throws IOException {
    assertThat(compile("record Item(@Key String id) {}")).succeeded();
    Compilation second =
        compile(
            "@Collection(value = \"items\", schemaVersion = 5)\npublic record Item(@Key String id) {}");
    assertThat(second).succeededWithoutWarnings();
    assertThat(version()).isEqualTo(5);
    assertThat(schemaVersion(second)).isEqualTo(5);
  }

  @Test
  void threeVersions_upcastersChain() throws IOException {
    assertThat(compile("record Item(@Key String id, String title) {}")).succeeded();
    assertThat(compile(withUpcaster("record Item(@Key String id, String name) {}", 1)))
        .succeededWithoutWarnings();
    assertThat(version()).isEqualTo(2);
    // Version 3 retypes a component: needs an upcaster from 2; the one from 1 stays.
    String version3 = withUpcaster("record Item(@Key String id, UUID name) {}", 1);
    Compilation without = compile(version3);
    assertThat(without).hadErrorContaining("@Upcast(fromVersion = 2)");
    assertThat(version()).isEqualTo(2);
    Compilation third = compile(withUpcaster(version3, 2));
    assertThat(third).succeededWithoutWarnings();
    assertThat(version()).isEqualTo(3);
    CollectionDefinition<Record, Object> definition = definition(third);
    assertThat(definition.lastUpcastVersion()).isEqualTo(2);
    assertThat(definition.schemaVersion()).isEqualTo(3);
  }

  @Test
  void compatibleChange_withUpcasterOfAnOlderVersion_stillRaisesVersion() throws IOException {
    assertThat(compile("record Item(@Key String id) {}")).succeeded();
    assertThat(compile("record Item(@Key String id, String note) {}")).succeeded();
    assertThat(version()).isEqualTo(2);
  }

  @Test
  void malformedSnapshot_failsNamingTheFile() throws IOException {
    Path file = dir.resolve("items.json");
    Files.writeString(file, "{\"format\": 1, \"collection\": \"items\",");
    Compilation compilation = compile("record Item(@Key String id) {}");
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidSnapshot] cannot read the schema snapshot "
                + file
                + " of collection items (test.Item): expected a member name in quotes at line 1, column 37");
    assertThat(compilation).hadErrorContaining("Fix the file");
    assertThat(compilation).hadErrorContaining("or delete it to start a new snapshot");
    assertThat(Files.readString(file)).isEqualTo("{\"format\": 1, \"collection\": \"items\",");
  }

  @Test
  void snapshotMissingAMember_failsNamingIt() throws IOException {
    assertThat(compile("record Item(@Key String id) {}")).succeeded();
    Path file = dir.resolve("items.json");
    Files.writeString(file, snapshot().replace("\"sync\": true,", ""));
    Compilation compilation = compile("record Item(@Key String id) {}");
    assertThat(compilation).hadErrorContaining("member \"sync\" is missing");
  }

  @Test
  void failedRecord_writesNoSnapshot() throws IOException {
    Compilation compilation = compile("record Item(String id) {}");
    assertThat(compilation).failed();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void schemaDirNone_writesNothing_andUsesTheDeclaredVersion(@TempDir Path other)
      throws IOException {
    Compilation compilation =
        Compilations.compile(
            List.of("-Aeventsourced.schemaDir=none"),
            item(
                "@Collection(value = \"items\", schemaVersion = 4)\nrecord Item(@Key String id) {}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(schemaVersion(compilation)).isEqualTo(4);
    assertThat(notes(compilation)).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void upcasterOfTheCurrentVersion_fails() {
    assertThat(compile("record Item(@Key String id) {}")).succeeded();
    JavaFileObject source = item(withUpcaster("record Item(@Key String id) {}", 1));
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidUpcast] @Upcast method Item.upcast1(...) has fromVersion = 1,"
                + " but collection items is at schema version 1, which has no older version to"
                + " upcast from")
        .inFile(source)
        .onLineContaining("@Upcast(fromVersion = 1)");
  }

  // --- helpers

  private Compilation compile(String record) {
    return compile(item(record));
  }

  private Compilation compile(JavaFileObject source) {
    return Compilations.compile(List.of("-Aeventsourced.schemaDir=" + dir), source);
  }

  /**
   * The snapshot {@code record} gets on its own, in a fresh directory, at version {@code version}.
   */
  private static String freshSnapshot(String record, int version) throws IOException {
    Path fresh = Files.createTempDirectory("fresh-snapshot");
    Compilation compilation =
        Compilations.compile(List.of("-Aeventsourced.schemaDir=" + fresh), item(record));
    assertThat(compilation).succeeded();
    String text = Files.readString(fresh.resolve("items.json"), StandardCharsets.UTF_8);
    return text.replace("\"version\": 1,", "\"version\": " + version + ",");
  }

  static JavaFileObject item(String record) {
    String annotated =
        record.contains("@Collection(")
            ? record
            : record.replaceFirst("record Item\\(", "@Collection(\"items\")\npublic record Item(");
    return source(
        "test.Item",
        """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Default;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;
        import dev.eventsourced.annotations.Upcast;
        import java.time.*;
        import java.util.*;

        %s
        """
            .formatted(annotated));
  }

  /** {@code record} with an upcaster {@code upcast<version>} before its closing brace. */
  static String withUpcaster(String record, int version) {
    int end = record.lastIndexOf('}');
    return record.substring(0, end)
        + "\n  @Upcast(fromVersion = "
        + version
        + ")\n  static Map<String, Object> upcast"
        + version
        + "(Map<String, Object> payload) {\n    return payload;\n  }\n"
        + record.substring(end);
  }

  private String snapshot() throws IOException {
    return Files.readString(dir.resolve("items.json"), StandardCharsets.UTF_8);
  }

  private int version() throws IOException {
    Matcher matcher = Pattern.compile("\"version\": (\\d+),").matcher(snapshot());
    assertThat(matcher.find()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private static List<String> notes(Compilation compilation) {
    return compilation.notes().stream()
        .map(Diagnostic::toString)
        .filter(note -> note.contains("[eventsourced:"))
        .toList();
  }

  private static CollectionDefinition<Record, Object> definition(Compilation compilation) {
    return GeneratedClasses.of(compilation).constant("test.Item_Collection", "INSTANCE");
  }

  private static int schemaVersion(Compilation compilation) {
    return definition(compilation).schemaVersion();
  }
}
