package dev.eventsourced.processor;

import static dev.eventsourced.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.spi.CollectionDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema fingerprint: version 1 and version 2 of a record get different fingerprints when the
 * change affects how a value is stored, encoded or decoded (defaults included), and the same one
 * when it does not (indexes included: the runtime creates and drops them without a rebuild).
 *
 * <p>Every case is a record {@code test.cNN.Item}. The version 1 records of a list of cases are
 * compiled together, and the version 2 records, so that a list costs two compilations, not two per
 * case (the fingerprint covers the qualified names of nested records and enums, which stay the same
 * within a case).
 */
class FingerprintTest {

  /**
   * Version 1 and 2 of a record {@code Item}, each written as {@code record Item(...) {...}}, maybe
   * after a doc comment; {@code @Collection} is added. Imports: {@code java.util.*} and {@code
   * java.time.Instant}.
   */
  record Change(String name, String version1, String version2) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Change> STORAGE_CHANGES =
      List.of(
          new Change(
              "String -> UUID",
              "record Item(@Key String id, String ref) {}",
              "record Item(@Key String id, UUID ref) {}"),
          new Change(
              "int -> long",
              "record Item(@Key String id, int count) {}",
              "record Item(@Key String id, long count) {}"),
          new Change(
              "double -> float",
              "record Item(@Key String id, double amount) {}",
              "record Item(@Key String id, float amount) {}"),
          new Change(
              "long -> Instant",
              "record Item(@Key String id, long at) {}",
              "record Item(@Key String id, Instant at) {}"),
          new Change(
              "String -> enum",
              "record Item(@Key String id, String level) { public enum Level { LOW, HIGH } }",
              "record Item(@Key String id, Level level) { public enum Level { LOW, HIGH } }"),
          new Change(
              "List<String> -> List<Integer>",
              "record Item(@Key String id, List<String> tags) {}",
              "record Item(@Key String id, List<Integer> tags) {}"),
          new Change(
              "List<String> -> Set<String>",
              "record Item(@Key String id, List<String> tags) {}",
              "record Item(@Key String id, Set<String> tags) {}"),
          new Change(
              "Map<String, Integer> -> Map<String, Long>",
              "record Item(@Key String id, Map<String, Integer> scores) {}",
              "record Item(@Key String id, Map<String, Long> scores) {}"),
          new Change(
              "Optional<String> -> String",
              "record Item(@Key String id, Optional<String> note) {}",
              "record Item(@Key String id, String note) {}"),
          new Change(
              "Optional<Integer> -> Integer",
              "record Item(@Key String id, Optional<Integer> count) {}",
              "record Item(@Key String id, Integer count) {}"),
          new Change(
              "component renamed, same column",
              "record Item(@Key String id, String userId) {}",
              "record Item(@Key String id, String user_id) {}"),
          new Change(
              "key moved",
              "record Item(@Key String id, String other) {}",
              "record Item(String id, @Key String other) {}"),
          new Change(
              "nested record: component added",
              "record Item(@Key String id, Address address) { public record Address(String street) {} }",
              "record Item(@Key String id, Address address) { public record Address(String street, String city) {} }"),
          new Change(
              "nested record: component renamed",
              "record Item(@Key String id, Address address) { public record Address(String street) {} }",
              "record Item(@Key String id, Address address) { public record Address(String road) {} }"),
          new Change(
              "nested record: component retyped",
              "record Item(@Key String id, Address address) { public record Address(String code) {} }",
              "record Item(@Key String id, Address address) { public record Address(UUID code) {} }"),
          new Change(
              "nested record: Optional<X> -> X",
              "record Item(@Key String id, Address address) { public record Address(Optional<String> city) {} }",
              "record Item(@Key String id, Address address) { public record Address(String city) {} }"),
          new Change(
              "nested record two levels down, in a list: component retyped",
              "record Item(@Key String id, List<Outer> outers) { public record Outer(Inner inner) {} public record Inner(int x) {} }",
              "record Item(@Key String id, List<Outer> outers) { public record Outer(Inner inner) {} public record Inner(long x) {} }"),
          new Change(
              "enum constant removed",
              "record Item(@Key String id, Level level) { public enum Level { LOW, MIDDLE, HIGH } }",
              "record Item(@Key String id, Level level) { public enum Level { LOW, HIGH } }"),
          new Change(
              "enum constant renamed",
              "record Item(@Key String id, Level level) { public enum Level { LOW, HIGH } }",
              "record Item(@Key String id, Level level) { public enum Level { LOW, TOP } }"),
          new Change(
              "enum in a nested record: constant removed",
              "record Item(@Key String id, Address address) { public record Address(Level level) {} public enum Level { LOW, HIGH } }",
              "record Item(@Key String id, Address address) { public record Address(Level level) {} public enum Level { LOW } }"),
          new Change(
              "enum as map key: constant renamed",
              "record Item(@Key String id, Map<Level, String> byLevel) { public enum Level { LOW, HIGH } }",
              "record Item(@Key String id, Map<Level, String> byLevel) { public enum Level { LOW, TOP } }"),
          new Change(
              "enum key: constant added",
              "record Item(@Key Level id) { public enum Level { LOW, HIGH } }",
              "record Item(@Key Level id) { public enum Level { LOW, MIDDLE, HIGH } }"),
          new Change(
              "default added",
              "record Item(@Key String id, int count) {}",
              "record Item(@Key String id, @Default(\"3\") int count) {}"),
          new Change(
              "default changed",
              "record Item(@Key String id, @Default(\"3\") int count) {}",
              "record Item(@Key String id, @Default(\"4\") int count) {}"),
          new Change(
              "default removed",
              "record Item(@Key String id, @Default(\"\") String note) {}",
              "record Item(@Key String id, String note) {}"),
          new Change(
              "nested record: default changed",
              "record Item(@Key String id, Address address) {"
                  + " public record Address(@Default(\"Paris\") String city) {} }",
              "record Item(@Key String id, Address address) {"
                  + " public record Address(@Default(\"Lyon\") String city) {} }"));

  static final List<Change> COSMETIC_CHANGES =
      List.of(
          new Change(
              "index added",
              "record Item(@Key String id, String title, long at) {}",
              "@Index({\"title\", \"at\"}) record Item(@Key String id, @Index(unique = true) String"
                  + " title, long at) {}"),
          new Change(
              "index removed",
              "record Item(@Key String id, @Index String title) {}",
              "record Item(@Key String id, String title) {}"),
          new Change(
              "index renamed",
              "record Item(@Key String id, @Index(name = \"a\") String title) {}",
              "record Item(@Key String id, @Index(name = \"b\") String title) {}"),
          new Change(
              "javadoc added",
              "record Item(@Key String id, String title) { public String hello() { return title; } }",
              """
          /**
           * An item.
           *
           * @param title the title
           */
          record Item(@Key String id, /* the title */ String title) {
            /** Says hello. */
            public String hello() { return title; }
          }"""),
          new Change(
              "methods, constants and a compact constructor added",
              "record Item(@Key String id, String title) {}",
              "record Item(@Key String id, String title) { public static final int MAX = 3;"
                  + " public Item { Objects.requireNonNull(id); } public int length() { return title.length(); } }"),
          new Change(
              "parameter formatting",
              "record Item(@Key String id, String title, List<String> tags) {}",
              "record Item(\n    @Key   String id,\n  String   title ,  // the title\n\n  List< String >tags /* tags */\n) {}"),
          new Change(
              "qualified names instead of imports",
              "record Item(@Key String id, UUID ref, List<Instant> at) {}",
              "record Item(@Key java.lang.String id, java.util.UUID ref, java.util.List<java.time.Instant> at) {}"),
          new Change(
              "methods added to a nested record and an enum",
              "record Item(@Key String id, Address address, Level level) {"
                  + " public record Address(String street) {} public enum Level { LOW, HIGH } }",
              "record Item(@Key String id, Address address, Level level) {"
                  + " public record Address(String street) { public boolean blank() { return street.isBlank(); } }"
                  + " public enum Level { LOW, HIGH; public Level next() { return HIGH; } } }"));

  private static List<String> storage1;
  private static List<String> storage2;
  private static List<String> cosmetic1;
  private static List<String> cosmetic2;

  static Stream<Change> storageChanges() {
    return STORAGE_CHANGES.stream();
  }

  static Stream<Change> cosmeticChanges() {
    return COSMETIC_CHANGES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storageChanges")
  void storageChange_changesFingerprint(Change change) {
    int i = STORAGE_CHANGES.indexOf(change);
    assertThat(storage2().get(i)).as(change.name()).isNotEqualTo(storage1().get(i));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cosmeticChanges")
  void cosmeticChange_keepsFingerprint(Change change) {
    int i = COSMETIC_CHANGES.indexOf(change);
    assertThat(cosmetic2().get(i)).as(change.name()).isEqualTo(cosmetic1().get(i));
  }

  @Test
  void fingerprint_isSixteenHexDigits_andTheSameWhenCompiledAlone() {
    assertThat(storage1())
        .allSatisfy(fingerprint -> assertThat(fingerprint).matches("[0-9a-f]{16}"));
    int last = STORAGE_CHANGES.size() - 1;
    GeneratedClasses alone =
        GeneratedClasses.compile(item(last, STORAGE_CHANGES.get(last).version1()));
    assertThat(fingerprint(alone, last)).isEqualTo(storage1().get(last));
  }

  /**
   * The format documented on {@code CollectionModel}, for a record with nested records and an enum
   * key.
   */
  @Test
  void fingerprint_isSha256PrefixOfTheDocumentedFacts() throws Exception {
    CollectionDefinition<Record, Object> orders =
        Fixtures.compiled().constant("test.shop.Order_Collection", "INSTANCE");
    String order = "test.shop.PurchaseOrder";
    List<String> facts =
        new ArrayList<>(
            List.of(
                "component region column=region type=" + order + ".Region kind=ENUM key=true",
                "component customer column=customer type="
                    + order
                    + ".Customer kind=JSON key=false",
                "component lines column=lines type=java.util.List<"
                    + order
                    + ".Line> kind=JSON key=false",
                "component byProduct column=by_product type=java.util.Map<java.lang.String, "
                    + order
                    + ".Line> kind=JSON key=false",
                "component shipTo column=ship_to type=java.util.Optional<"
                    + order
                    + ".Customer.Address> kind=JSON key=false",
                "record " + order + ".Customer",
                "record " + order + ".Customer component name type=java.lang.String",
                "record "
                    + order
                    + ".Customer component address type="
                    + order
                    + ".Customer.Address",
                "record " + order + ".Customer.Address",
                "record " + order + ".Customer.Address component street type=java.lang.String",
                "record " + order + ".Customer.Address component city type=java.lang.String",
                "record " + order + ".Line",
                "record " + order + ".Line component product type=java.lang.String",
                "record " + order + ".Line component quantity type=int",
                "record " + order + ".Line component price type=java.math.BigDecimal",
                "enum " + order + ".Region constants=EU,US"));
    orders.ddl().forEach(statement -> facts.add("ddl " + statement));
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(String.join("\n", facts).getBytes(StandardCharsets.UTF_8));
    assertThat(orders.fingerprint()).isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16));
  }

  /** Defaults are quoted facts on their component lines; CREATE INDEX statements are left out. */
  @Test
  void fingerprint_hasDefaultFacts_andNoIndexFacts() throws Exception {
    GeneratedClasses classes =
        GeneratedClasses.compile(
            item(
                90,
                "@Index(\"title\") record Item(@Key String id, @Default(\"a\\\"é\") String title,"
                    + " Address address) { public record Address(@Default(\"7\") int zip) {} }"));
    CollectionDefinition<Record, Object> definition =
        classes.constant(packageOf(90) + ".Item_Collection", "INSTANCE");
    String item = packageOf(90) + ".Item";
    List<String> facts =
        List.of(
            "component id column=id type=java.lang.String kind=STRING key=true",
            "component title column=title type=java.lang.String kind=STRING key=false"
                + " default=\"a\\\"\\u00e9\"",
            "component address column=address type=" + item + ".Address kind=JSON key=false",
            "record " + item + ".Address",
            "record " + item + ".Address component zip type=int default=\"7\"",
            "ddl " + definition.ddl().get(0));
    assertThat(definition.ddl()).hasSize(2);
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(String.join("\n", facts).getBytes(StandardCharsets.UTF_8));
    assertThat(definition.fingerprint())
        .isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16));
  }

  private static synchronized List<String> storage1() {
    if (storage1 == null) storage1 = fingerprints(STORAGE_CHANGES, 1);
    return storage1;
  }

  private static synchronized List<String> storage2() {
    if (storage2 == null) storage2 = fingerprints(STORAGE_CHANGES, 2);
    return storage2;
  }

  private static synchronized List<String> cosmetic1() {
    if (cosmetic1 == null) cosmetic1 = fingerprints(COSMETIC_CHANGES, 1);
    return cosmetic1;
  }

  private static synchronized List<String> cosmetic2() {
    if (cosmetic2 == null) cosmetic2 = fingerprints(COSMETIC_CHANGES, 2);
    return cosmetic2;
  }

  /** The fingerprints of version {@code version} of every change, compiled together. */
  private static List<String> fingerprints(List<Change> changes, int version) {
    List<JavaFileObject> sources =
        IntStream.range(0, changes.size())
            .mapToObj(
                i -> item(i, version == 1 ? changes.get(i).version1() : changes.get(i).version2()))
            .toList();
    GeneratedClasses classes = GeneratedClasses.compile(sources.toArray(JavaFileObject[]::new));
    return IntStream.range(0, changes.size()).mapToObj(i -> fingerprint(classes, i)).toList();
  }

  private static String fingerprint(GeneratedClasses classes, int i) {
    CollectionDefinition<Record, Object> definition =
        classes.constant(packageOf(i) + ".Item_Collection", "INSTANCE");
    return definition.fingerprint();
  }

  /** {@code record} in package {@code test.cNN}, as collection {@code items_NN}. */
  private static JavaFileObject item(int i, String record) {
    assertThat(record).contains("record Item(");
    return source(
        packageOf(i) + ".Item",
        """
        package %s;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Default;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;
        import java.time.Instant;
        import java.util.*;

        %s
        """
            .formatted(
                packageOf(i),
                record.replace(
                    "record Item(",
                    "@Collection(\"items_%d\")\npublic record Item(".formatted(i))));
  }

  private static String packageOf(int i) {
    return "test.c%02d".formatted(i);
  }
}
