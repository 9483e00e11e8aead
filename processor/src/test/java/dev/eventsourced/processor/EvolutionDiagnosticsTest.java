package dev.eventsourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.eventsourced.processor.Compilations.compile;
import static dev.eventsourced.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per message about {@code @Default} and {@code @Upcast}: the error, its count, its text
 * and its position.
 */
class EvolutionDiagnosticsTest {

  private static JavaFileObject item(String body) {
    return source(
        "test.Item",
        """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Default;
        import dev.eventsourced.annotations.Key;
        import dev.eventsourced.annotations.Upcast;
        import java.util.*;

        @Collection(value = "items", schemaVersion = 3)
        public record Item(
        %s
        """
            .formatted(body));
  }

  private static void assertOneError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void invalidIntDefault_failsOnComponent() {
    assertOneError(
        item("    @Key String id,\n    @Default(\"three\") int count) {}"),
        "[eventsourced:InvalidDefault] @Default(\"three\") on component Item.count is not a valid"
            + " int: expected a decimal integer from -2147483648 to 2147483647",
        "int count");
  }

  @Test
  void outOfRangeByteDefault_failsOnComponent() {
    assertOneError(
        item("    @Key String id,\n    @Default(\"128\") byte small) {}"),
        "@Default(\"128\") on component Item.small is not a valid byte: expected a decimal"
            + " integer from -128 to 127",
        "byte small");
  }

  @Test
  void unknownEnumConstantDefault_listsTheConstants() {
    assertOneError(
        item(
            "    @Key String id,\n    @Default(\"MEDIUM\") Level level) {\n"
                + "  public enum Level { LOW, HIGH }\n}"),
        "@Default(\"MEDIUM\") on component Item.level is not a valid test.Item.Level: expected the"
            + " name of a constant of test.Item.Level: LOW, HIGH",
        "Level level");
  }

  @Test
  void invalidDefaults_ofEveryCheckedType_failOnTheirComponents() {
    Compilation compilation =
        compile(
            item(
                """
                    @Key String id,
                    @Default("yes") boolean flag,
                    @Default("1.5.2") double ratio,
                    @Default("NaN") float nan,
                    @Default("ab") char letter,
                    @Default("not-a-uuid") UUID ref,
                    @Default("2024-01-31T10:15:30.1234Z") java.time.Instant at,
                    @Default("31/01/2024") java.time.LocalDate day,
                    @Default("12,50") java.math.BigDecimal price,
                    @Default("a") List<String> tags,
                    @Default("[]") Map<String, Integer> scores,
                    @Default("x") Optional<Integer> maybe) {}
                """));
    assertThat(compilation).hadErrorCount(11);
    assertThat(compilation)
        .hadErrorContaining("Item.flag is not a valid boolean: expected true or false");
    assertThat(compilation)
        .hadErrorContaining("Item.ratio is not a valid double: expected a finite decimal number");
    assertThat(compilation)
        .hadErrorContaining("Item.nan is not a valid float: expected a finite decimal number");
    assertThat(compilation)
        .hadErrorContaining("Item.letter is not a valid char: expected exactly one character");
    assertThat(compilation)
        .hadErrorContaining("Item.ref is not a valid java.util.UUID: expected a UUID");
    assertThat(compilation)
        .hadErrorContaining(
            "Item.at is not a valid java.time.Instant: expected an ISO-8601 instant in UTC with at"
                + " most millisecond precision");
    assertThat(compilation)
        .hadErrorContaining(
            "Item.day is not a valid java.time.LocalDate: expected an ISO-8601 date");
    assertThat(compilation)
        .hadErrorContaining(
            "Item.price is not a valid java.math.BigDecimal: expected a decimal number");
    assertThat(compilation)
        .hadErrorContaining(
            "Item.tags is not a valid java.util.List<java.lang.String>: expected \"[]\"");
    assertThat(compilation)
        .hadErrorContaining(
            "Item.scores is not a valid java.util.Map<java.lang.String, java.lang.Integer>: expected \"{}\"");
    assertThat(compilation)
        .hadErrorContaining(
            "Item.maybe is not a valid java.util.Optional<java.lang.Integer>: expected a decimal integer");
  }

  @Test
  void defaultOnKey_failsOnKey() {
    assertOneError(
        item("    @Key @Default(\"x\") String id,\n    String title) {}"),
        "[eventsourced:InvalidDefault] @Default on @Key component Item.id: every event carries its"
            + " key, so the key never needs a default; remove @Default",
        "String id");
  }

  @Test
  void defaultOnByteArray_failsNamingSupportedTypes() {
    assertOneError(
        item("    @Key String id,\n    @Default(\"\") byte[] data) {}"),
        "[eventsourced:InvalidDefault] @Default on component Item.data, of type byte[], is not"
            + " supported; @Default supports String, boolean, byte, short, int, long, float, double,"
            + " char and their boxes, enums, UUID, Instant, LocalDate, BigDecimal, Optional<T> of"
            + " those, and List, Set and Map",
        "byte[] data");
  }

  @Test
  void defaultOnNestedRecordComponent_fails() {
    assertOneError(
        item(
            "    @Key String id,\n    @Default(\"{}\") Address address) {\n"
                + "  public record Address(String street) {}\n}"),
        "@Default on component Item.address, of type test.Item.Address, is not supported",
        "Address address");
  }

  @Test
  void invalidDefaultInNestedRecord_failsOnNestedComponent() {
    assertOneError(
        item(
            "    @Key String id,\n    Address address) {\n"
                + "  public record Address(\n      @Default(\"x\") int zip) {}\n}"),
        "[eventsourced:InvalidDefault] @Default(\"x\") on component Item.Address.zip is not a valid"
            + " int",
        "@Default(\"x\") int zip");
  }

  private static final String SIGNATURE = "Map<String, Object> payload) { return payload; }";

  @Test
  void instanceUpcaster_fails() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 1)\n  Map<String, Object> up("
                + SIGNATURE
                + "\n}"),
        "[eventsourced:InvalidUpcast] @Upcast method Item.up(...) is not static, but the runtime"
            + " calls it without a record; declare it static Map<String, Object> up(Map<String,"
            + " Object> payload)",
        "Map<String, Object> up(");
  }

  @Test
  void privateUpcaster_fails() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 1)\n  private static Map<String, Object> up("
                + SIGNATURE
                + "\n}"),
        "[eventsourced:InvalidUpcast] @Upcast method Item.up(...) is private, but the generated"
            + " collection definition calls it; make it package-private or public",
        "private static");
  }

  @Test
  void upcasterWithWrongSignature_fails() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 1)\n"
                + "  static Map<String, String> up(Map<String, String> payload) { return payload; }\n}"),
        "[eventsourced:InvalidUpcast] @Upcast method Item.up(...) is declared"
            + " java.util.Map<java.lang.String,java.lang.String>"
            + " up(java.util.Map<java.lang.String,java.lang.String>), but an upcaster takes the"
            + " payload and returns it, without type parameters: static Map<String, Object>"
            + " up(Map<String, Object> payload)",
        "static Map<String, String> up");
  }

  @Test
  void upcasterThrowingCheckedException_fails() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 1)\n"
                + "  static Map<String, Object> up(Map<String, Object> payload) throws"
                + " java.io.IOException { return payload; }\n}"),
        "[eventsourced:InvalidUpcast] @Upcast method Item.up(...) declares checked exceptions"
            + " (java.io.IOException), which the runtime cannot handle",
        "throws java.io.IOException");
  }

  @Test
  void upcasterFromVersionZero_fails() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 0)\n  static Map<String, Object> up("
                + SIGNATURE
                + "\n}"),
        "[eventsourced:InvalidUpcast] @Upcast method Item.up(...) has fromVersion = 0, but schema"
            + " versions start at 1",
        "@Upcast(fromVersion = 0)");
  }

  @Test
  void twoUpcastersOfOneVersion_failOnSecond() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 2)\n  static Map<String, Object> a("
                + SIGNATURE
                + "\n  @Upcast(fromVersion = 2) static Map<String, Object> b("
                + SIGNATURE
                + "\n}"),
        "[eventsourced:DuplicateUpcast] @Upcast method Item.b(...) and @Upcast method Item.a(...)"
            + " both have fromVersion = 2; keep one upcaster per version",
        "static Map<String, Object> b(");
  }

  @Test
  void upcasterOfCurrentVersionWithoutSnapshot_fails() {
    assertOneError(
        item(
            "    @Key String id) {\n  @Upcast(fromVersion = 3)\n  static Map<String, Object> up("
                + SIGNATURE
                + "\n}"),
        "[eventsourced:InvalidUpcast] @Upcast method Item.up(...) has fromVersion = 3, but"
            + " collection items is at schema version 3; an upcaster rewrites payloads of an older"
            + " version into the next one, so fromVersion must be from 1 to 2",
        "@Upcast(fromVersion = 3)");
  }
}
