package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.spi.CollectionDefinition;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
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
    return (Record)
        classes.record(
            "test.AllTypes",
            "nulls",
            null,
            false,
            null,
            (byte) 0,
            null,
            (short) 0,
            null,
            0,
            null,
            0L,
            null,
            0f,
            null,
            0d,
            null,
            '\0',
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
  }

  /** Smallest, largest and empty values. */
  Record extremes() {
    Object emptyPoint = point(-1, Optional.empty(), List.of(), new byte[0], null);
    return (Record)
        classes.record(
            "test.AllTypes",
            "extremes",
            "",
            true,
            Boolean.FALSE,
            Byte.MIN_VALUE,
            Byte.MAX_VALUE,
            Short.MIN_VALUE,
            Short.MAX_VALUE,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            Float.MIN_VALUE,
            Float.MAX_VALUE,
            Double.MIN_VALUE,
            -Double.MAX_VALUE,
            '\uffff',
            'ß',
            level("LOW"),
            new UUID(Long.MIN_VALUE, Long.MAX_VALUE),
            Instant.EPOCH,
            LocalDate.MIN,
            RowMappingTest.huge(),
            new byte[0],
            Optional.of(""),
            Optional.of(Integer.MIN_VALUE),
            Optional.of(level("HIGH")),
            Optional.of(
                point(0, Optional.of(""), List.of(), new byte[0], RowMappingTest.millis(-1))),
            emptyPoint,
            List.of(),
            Set.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(List.of()),
            "");
  }

  /**
   * How many lists, sets and maps {@link #unicodeAndNesting()} holds: tags, levels, scores, byInt,
   * byLong (5); matrix and its two lists (3); pointsByLevel and its two lists (3); pointsById (1);
   * and the children of every point: 3 for each of the 3 trees (in point, pointsById and
   * pointsByLevel), 1 for the leaf in maybePoint.
   */
  static final int UNICODE_AND_NESTING_COLLECTIONS = 22;

  /**
   * Unicode text, special characters, and records nested in lists and maps (with null elements).
   */
  Record unicodeAndNesting() {
    Object leaf = point(2, Optional.empty(), List.of(), new byte[] {1, 2}, Instant.EPOCH);
    Object tree =
        point(
            1,
            Optional.of("root ☃"),
            List.of(leaf, leaf),
            allBytes(),
            RowMappingTest.millis(1_700_000_000_123L));
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
    // As read back: AssertJ's recursive comparison won't compare a LinkedHashSet (ordered) with
    // an unmodifiable view; assertUnicodeAndNestingOrder checks the order.
    Set<Object> levels =
        Collections.unmodifiableSet(new LinkedHashSet<>(List.of(level("HIGH"), level("LOW"))));
    return (Record)
        classes.record(
            "test.AllTypes",
            "unicode 漢字",
            "emoji 😀👍🏽 CJK 漢字かな RTL שלום عربي tab\t newline\n quote\" backslash\\ nul\0",
            false,
            true,
            (byte) 7,
            (byte) -7,
            (short) 300,
            (short) -300,
            42,
            -42,
            1L << 53,
            -(1L << 53),
            0.1f,
            -0.1f,
            Math.PI,
            -Math.E,
            '漢',
            'é',
            level("HIGH"),
            UUID.fromString("00000000-0000-0000-0000-000000000000"),
            RowMappingTest.millis(1_700_000_000_123L),
            LocalDate.MAX,
            new BigDecimal("1E+400"),
            allBytes(),
            Optional.of("😀"),
            Optional.of(0),
            Optional.of(level("LOW")),
            Optional.of(leaf),
            tree,
            Arrays.asList("a", null, "😀"),
            levels,
            scores,
            byId,
            byLevel,
            byInt,
            byLong,
            Arrays.asList(
                List.of(
                    1.5,
                    Double.NaN,
                    Double.MIN_VALUE,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY),
                List.of(),
                null),
            "order by");
  }

  /**
   * A row whose {@code amount} and {@code amountBox} (REAL columns) and {@code ratio} hold the
   * given values.
   */
  Record withDoubles(double amount, double ratio, Double amountBox) {
    return (Record)
        classes.record(
            "test.AllTypes",
            "doubles",
            null,
            false,
            null,
            (byte) 0,
            null,
            (short) 0,
            null,
            0,
            null,
            0L,
            null,
            (float) ratio,
            (float) ratio,
            amount,
            amountBox,
            'x',
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
  }

  /**
   * Asserts that two records hold equal values, component by component and into nested records,
   * collections and arrays; floating-point values compare exactly ({@code -0.0} differs from {@code
   * 0.0}, {@code NaN} equals {@code NaN}), as {@link Double#equals} does.
   */
  static void assertEqualRecords(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withEqualsForType(Double::equals, Double.class)
        .withEqualsForType(Float::equals, Float.class)
        .isEqualTo(expected);
  }

  /**
   * Asserts that every {@code List}, {@code Set} and {@code Map} in {@code row}, at any depth (in
   * components, nested records, {@code Optional}s and other collections), refuses changes.
   *
   * @return how many collections were checked
   */
  static int assertUnmodifiableCollections(Object row) {
    int checked = 0;
    if (row instanceof Record record) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          component.getAccessor().setAccessible(true);
          checked += assertUnmodifiableCollections(component.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    } else if (row instanceof Optional<?> optional) {
      checked += optional.map(AllTypesRows::assertUnmodifiableCollections).orElse(0);
    } else if (row instanceof List<?> list) {
      assertThatThrownBy(() -> list.add(null))
          .as("%s", list)
          .isInstanceOf(UnsupportedOperationException.class);
      if (!list.isEmpty()) {
        assertThatThrownBy(() -> list.set(0, null))
            .as("%s", list)
            .isInstanceOf(UnsupportedOperationException.class);
      }
      checked = 1 + list.stream().mapToInt(AllTypesRows::assertUnmodifiableCollections).sum();
    } else if (row instanceof Set<?> set) {
      assertThatThrownBy(() -> set.add(null))
          .as("%s", set)
          .isInstanceOf(UnsupportedOperationException.class);
      checked = 1 + set.stream().mapToInt(AllTypesRows::assertUnmodifiableCollections).sum();
    } else if (row instanceof Map<?, ?> map) {
      assertThatThrownBy(() -> map.put(null, null))
          .as("%s", map)
          .isInstanceOf(UnsupportedOperationException.class);
      checked =
          1 + map.values().stream().mapToInt(AllTypesRows::assertUnmodifiableCollections).sum();
    }
    return checked;
  }

  /**
   * Asserts that {@code read}, read from {@link #unicodeAndNesting()}, keeps its collections'
   * order.
   */
  void assertUnicodeAndNestingOrder(Object read) {
    assertThat(elements(GeneratedClasses.call(read, "tags"))).containsExactly("a", null, "😀");
    assertThat(elements(GeneratedClasses.call(read, "levels")))
        .containsExactly(level("HIGH"), level("LOW"));
    assertThat(elements(((Map<?, ?>) GeneratedClasses.call(read, "scores")).keySet()))
        .containsExactly("", "😀");
    assertThat(elements(((Map<?, ?>) GeneratedClasses.call(read, "byLong")).values()))
        .containsExactly(true, null);
  }

  private static List<Object> elements(Object collection) {
    return new ArrayList<>((Collection<?>) collection);
  }

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
    return bytes;
  }
}
