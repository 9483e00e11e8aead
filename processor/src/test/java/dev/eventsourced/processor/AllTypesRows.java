package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.spi.CollectionDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Rows of the {@link Fixtures#ALL_TYPES} record, built reflectively from the compiled classes. */
final class AllTypesRows {

  private final GeneratedClasses classes;

  AllTypesRows(GeneratedClasses classes) {
    this.classes = classes;
  }

  CollectionDefinition<Record, Object> definition() {
    return classes.constant("test.AllTypes_Collection", "INSTANCE");
  }

  Object level(String name) {
    return classes.enumConstant("test.AllTypes$Level", name);
  }

  Object point(int x, Optional<String> label, List<?> children, byte[] blob, Instant at) {
    return classes.record("test.AllTypes$Point", x, label, children, blob, at);
  }

  /** Every reference null (or empty, for Optional), every primitive zero. */
  Record nulls() {
    return (Record) classes.record("test.AllTypes",
        "nulls", null,
        false, null, (byte) 0, null, (short) 0, null, 0, null, 0L, null,
        0f, null, 0d, null, '\0', null,
        null, null, null, null, null, null,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        null, null, null, null, null, null, null, null, null, null);
  }

  /** Smallest, largest and empty values. */
  Record extremes() {
    Object emptyPoint = point(-1, Optional.empty(), List.of(), new byte[0], null);
    return (Record) classes.record("test.AllTypes",
        "extremes", "",
        true, Boolean.FALSE, Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
        Float.MIN_VALUE, Float.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE, '\uffff', 'ß',
        level("LOW"), new UUID(Long.MIN_VALUE, Long.MAX_VALUE), Instant.EPOCH, LocalDate.MIN,
        RowMappingTest.huge(), new byte[0],
        Optional.of(""), Optional.of(Integer.MIN_VALUE), Optional.of(level("HIGH")),
        Optional.of(point(0, Optional.of(""), List.of(), new byte[0], RowMappingTest.millis(-1))),
        emptyPoint, List.of(), Set.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        List.of(List.of()), "");
  }

  /** Unicode text, special characters, and records nested in lists and maps (with null elements). */
  Record unicodeAndNesting() {
    Object leaf = point(2, Optional.empty(), List.of(), new byte[] {1, 2}, Instant.EPOCH);
    Object tree = point(1, Optional.of("root ☃"), List.of(leaf, leaf), allBytes(), RowMappingTest.millis(1_700_000_000_123L));
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("", null);
    scores.put("😀", 1);
    Map<UUID, Object> byId = new LinkedHashMap<>();
    byId.put(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), tree);
    Map<Object, List<Object>> byLevel = new LinkedHashMap<>();
    byLevel.put(level("LOW"), Arrays.asList(tree, null));
    byLevel.put(level("HIGH"), List.of());
    Map<Integer, String> byInt = new LinkedHashMap<>();
    byInt.put(Integer.MIN_VALUE, "min");
    byInt.put(0, "zero");
    Map<Long, Boolean> byLong = new LinkedHashMap<>();
    byLong.put(Long.MAX_VALUE, true);
    byLong.put(-1L, null);
    return (Record) classes.record("test.AllTypes",
        "unicode 漢字", "emoji 😀👍🏽 CJK 漢字かな RTL שלום عربي tab\t newline\n quote\" backslash\\ nul\0",
        false, true, (byte) 7, (byte) -7, (short) 300, (short) -300, 42, -42, 1L << 53, -(1L << 53),
        0.1f, -0.1f, Math.PI, -Math.E, '漢', 'é',
        level("HIGH"), UUID.fromString("00000000-0000-0000-0000-000000000000"),
        RowMappingTest.millis(1_700_000_000_123L), LocalDate.MAX, new BigDecimal("1E+400"), allBytes(),
        Optional.of("😀"), Optional.of(0), Optional.of(level("LOW")), Optional.of(leaf),
        tree, Arrays.asList("a", null, "😀"), new LinkedHashSet<>(List.of(level("HIGH"), level("LOW"))),
        scores, byId, byLevel, byInt, byLong,
        Arrays.asList(List.of(1.5, Double.NaN, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), List.of(), null),
        "order by");
  }

  /** A row whose {@code amount} and {@code amountBox} (REAL columns) and {@code ratio} hold the given values. */
  Record withDoubles(double amount, double ratio, Double amountBox) {
    return (Record) classes.record("test.AllTypes",
        "doubles", null,
        false, null, (byte) 0, null, (short) 0, null, 0, null, 0L, null,
        (float) ratio, (float) ratio, amount, amountBox, 'x', null,
        null, null, null, null, null, null,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Asserts that two records hold equal values, component by component and into nested records,
   * collections and arrays; floating-point values compare exactly ({@code -0.0} differs from
   * {@code 0.0}, {@code NaN} equals {@code NaN}), as {@link Double#equals} does.
   */
  static void assertEqualRecords(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withEqualsForType(Double::equals, Double.class)
        .withEqualsForType(Float::equals, Float.class)
        .isEqualTo(expected);
  }

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
    return bytes;
  }
}
