package dev.eventsourced.processor;

import static dev.eventsourced.processor.Compilations.source;

import javax.tools.JavaFileObject;

/** Canonical records shared by the golden-file and behaviour tests. */
final class Fixtures {

  private Fixtures() {}

  private static GeneratedClasses compiled;

  /**
   * {@link #TODO}, {@link #ALL_TYPES}, {@link #ORDER} and {@link #KEYS} compiled and loaded, once.
   */
  static synchronized GeneratedClasses compiled() {
    if (compiled == null) compiled = GeneratedClasses.compile(TODO, ALL_TYPES, ORDER, KEYS);
    return compiled;
  }

  /** One record per supported key type. */
  static final JavaFileObject KEYS =
      source(
          "test.keys.Keys",
          """
      package test.keys;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;
      import java.util.UUID;

      public interface Keys {
        enum Color { RED, GREEN }

        @Collection record StringKey(@Key String id, String value) {}
        @Collection record UuidKey(@Key UUID id, String value) {}
        @Collection record IntKey(@Key int id, String value) {}
        @Collection record BoxedIntKey(@Key Integer id, String value) {}
        @Collection record LongKey(@Key long id, String value) {}
        @Collection record BoxedLongKey(@Key Long id, String value) {}
        @Collection record EnumKey(String value, @Key Color id) {}
      }
      """);

  /** The record of the design document. */
  static final JavaFileObject TODO =
      source(
          "test.Todo",
          """
      package test;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Index;
      import dev.eventsourced.annotations.Key;

      /**
       * Something to do.
       *
       * @param id the key
       */
      @Collection("todos")
      @Index({"userId", "createdAt"})
      public record Todo(
          @Key String id,
          @Index String userId,
          String title,
          Status status,
          long createdAt,
          long updatedAt) {

        public enum Status { PENDING, COMPLETE }
      }
      """);

  /** A record with a component of every supported type. */
  static final JavaFileObject ALL_TYPES =
      source(
          "test.AllTypes",
          """
      package test;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Index;
      import dev.eventsourced.annotations.Key;
      import java.math.BigDecimal;
      import java.time.Instant;
      import java.time.LocalDate;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import java.util.Set;
      import java.util.UUID;

      @Collection(value = "all_types", table = "AllTypes")
      @Index(value = {"text", "count"}, unique = true, name = "all_types_text_count")
      public record AllTypes(
          @Key String id,
          String text,
          boolean flag, Boolean flagBox,
          byte tiny, Byte tinyBox,
          short small, Short smallBox,
          int count, Integer countBox,
          long big, Long bigBox,
          float ratio, Float ratioBox,
          double amount, Double amountBox,
          char letter, Character letterBox,
          Level level,
          UUID uuid,
          Instant at,
          LocalDate day,
          BigDecimal price,
          byte[] data,
          Optional<String> note,
          Optional<Integer> maybeCount,
          Optional<Level> maybeLevel,
          Optional<Point> maybePoint,
          Point point,
          List<String> tags,
          Set<Level> levels,
          Map<String, Integer> scores,
          Map<UUID, Point> pointsById,
          Map<Level, List<Point>> pointsByLevel,
          Map<Integer, String> byInt,
          Map<Long, Boolean> byLong,
          List<List<Double>> matrix,
          @Index String order) {

        public enum Level { LOW, HIGH }

        public record Point(int x, Optional<String> label, List<Point> children, byte[] blob, Instant at) {}
      }
      """);

  /** Nested records and JSON columns, with an enum key and a type name override. */
  static final JavaFileObject ORDER =
      source(
          "test.shop.PurchaseOrder",
          """
      package test.shop;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;
      import java.math.BigDecimal;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;

      @Collection(value = "orders", name = "Order", schemaVersion = 3)
      public record PurchaseOrder(
          @Key Region region,
          Customer customer,
          List<Line> lines,
          Map<String, Line> byProduct,
          Optional<Customer.Address> shipTo) {

        public enum Region { EU, US }

        public record Customer(String name, Address address) {
          public record Address(String street, String city) {}
        }

        public record Line(String product, int quantity, BigDecimal price) {}
      }
      """);
}
