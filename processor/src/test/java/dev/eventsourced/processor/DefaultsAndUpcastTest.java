package dev.eventsourced.processor;

import static dev.eventsourced.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Generated code for evolution: {@code readPayload} gives a missing member its {@code @Default}
 * (nested records too), {@code upcast} calls the record's {@code @Upcast} methods, and {@code
 * synced()} follows {@code @Collection(sync)}.
 */
class DefaultsAndUpcastTest {

  private static final GeneratedClasses classes =
      GeneratedClasses.compile(
          source(
              "test.evolve.Defaults",
              """
              package test.evolve;

              import dev.eventsourced.annotations.Collection;
              import dev.eventsourced.annotations.Default;
              import dev.eventsourced.annotations.Key;
              import java.math.BigDecimal;
              import java.time.Instant;
              import java.time.LocalDate;
              import java.util.*;

              @Collection("defaults")
              public record Defaults(
                  @Key String id,
                  @Default("hello \\"you\\"") String text,
                  @Default("") String empty,
                  @Default("true") boolean flag,
                  @Default("true") Boolean flagBox,
                  @Default("-7") byte tiny,
                  @Default("300") short small,
                  @Default("42") int count,
                  @Default("-2147483648") Integer countBox,
                  @Default("-9000000000") long big,
                  @Default("9223372036854775807") Long bigBox,
                  @Default("1.5") float ratio,
                  @Default("2.5e3") Float ratioBox,
                  @Default("-0.0") double amount,
                  @Default("-1.25") Double amountBox,
                  @Default("x") char letter,
                  @Default("'") Character quote,
                  @Default("\\\\") char backslash,
                  @Default("\\n") char newline,
                  @Default("é") char accented,
                  @Default("HIGH") Level level,
                  @Default("123E4567-E89B-12D3-A456-426614174000") UUID ref,
                  @Default("2024-01-31T10:15:30.123Z") Instant at,
                  @Default("2024-01-31") LocalDate day,
                  @Default("12.50") BigDecimal price,
                  @Default("7") Optional<Integer> maybe,
                  @Default("LOW") Optional<Level> maybeLevel,
                  @Default("[]") List<String> tags,
                  @Default("[]") Set<Level> levels,
                  @Default("{}") Map<String, Integer> scores,
                  @Default("[]") Optional<List<String>> maybeTags,
                  Address address,
                  String plain,
                  int zero,
                  Optional<String> none) {

                public enum Level { LOW, HIGH }

                public record Address(
                    String street, @Default("Paris") String city, @Default("75") int zip) {}
              }
              """),
          source(
              "test.evolve.Upcasting",
              """
              package test.evolve;

              import dev.eventsourced.annotations.Collection;
              import dev.eventsourced.annotations.Key;
              import dev.eventsourced.annotations.Upcast;
              import java.util.Map;

              @Collection(value = "upcasting", schemaVersion = 4, sync = false)
              public record Upcasting(@Key String id, String name, boolean done) {

                @Upcast(fromVersion = 3)
                public static Map<String, Object> three(Map<String, Object> payload) {
                  payload.put("done", Boolean.TRUE.equals(payload.remove("finished")));
                  return payload;
                }

                @Upcast(fromVersion = 1)
                static Map<String, Object> titleBecameName(Map<String, Object> payload) {
                  if (payload.containsKey("title")) payload.put("name", payload.remove("title"));
                  return payload;
                }
              }
              """),
          source(
              "test.evolve.Plain",
              """
              package test.evolve;

              import dev.eventsourced.annotations.Collection;
              import dev.eventsourced.annotations.Key;

              @Collection("plain")
              public record Plain(@Key String id) {}
              """));

  @Test
  void missingMembers_readAsTheirDefaults() throws IOException {
    Record read = read("defaults", "{\"id\":\"x\"}");
    assertThat(read)
        .hasFieldOrPropertyWithValue("id", "x")
        .hasFieldOrPropertyWithValue("text", "hello \"you\"")
        .hasFieldOrPropertyWithValue("empty", "")
        .hasFieldOrPropertyWithValue("flag", true)
        .hasFieldOrPropertyWithValue("flagBox", true)
        .hasFieldOrPropertyWithValue("tiny", (byte) -7)
        .hasFieldOrPropertyWithValue("small", (short) 300)
        .hasFieldOrPropertyWithValue("count", 42)
        .hasFieldOrPropertyWithValue("countBox", Integer.MIN_VALUE)
        .hasFieldOrPropertyWithValue("big", -9_000_000_000L)
        .hasFieldOrPropertyWithValue("bigBox", Long.MAX_VALUE)
        .hasFieldOrPropertyWithValue("ratio", 1.5f)
        .hasFieldOrPropertyWithValue("ratioBox", 2500f)
        .hasFieldOrPropertyWithValue("letter", 'x')
        .hasFieldOrPropertyWithValue("quote", '\'')
        .hasFieldOrPropertyWithValue("backslash", '\\')
        .hasFieldOrPropertyWithValue("newline", '\n')
        .hasFieldOrPropertyWithValue("accented", 'é')
        .hasFieldOrPropertyWithValue(
            "level", classes.enumConstant("test.evolve.Defaults$Level", "HIGH"))
        .hasFieldOrPropertyWithValue("ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
        .hasFieldOrPropertyWithValue("at", Instant.parse("2024-01-31T10:15:30.123Z"))
        .hasFieldOrPropertyWithValue("day", LocalDate.of(2024, 1, 31))
        .hasFieldOrPropertyWithValue("price", new BigDecimal("12.50"))
        .hasFieldOrPropertyWithValue("maybe", Optional.of(7))
        .hasFieldOrPropertyWithValue(
            "maybeLevel", Optional.of(classes.enumConstant("test.evolve.Defaults$Level", "LOW")))
        .hasFieldOrPropertyWithValue("tags", List.of())
        .hasFieldOrPropertyWithValue("levels", Set.of())
        .hasFieldOrPropertyWithValue("scores", Map.of())
        .hasFieldOrPropertyWithValue("maybeTags", Optional.of(List.of()))
        .hasFieldOrPropertyWithValue("address", null)
        .hasFieldOrPropertyWithValue("plain", null)
        .hasFieldOrPropertyWithValue("zero", 0)
        .hasFieldOrPropertyWithValue("none", Optional.empty());
    // -0.0 is 0.0 by the value rule.
    assertThat(Double.doubleToRawLongBits((double) GeneratedClasses.call(read, "amount")))
        .isEqualTo(0L);
    assertThat(read).hasFieldOrPropertyWithValue("amountBox", -1.25);
  }

  @Test
  void emptyPayload_readsEveryDefault() throws IOException {
    Record read = read("defaults", "{}");
    assertThat(read).hasFieldOrPropertyWithValue("id", null);
    assertThat(read).hasFieldOrPropertyWithValue("count", 42);
  }

  @Test
  void presentMembers_winOverDefaults() throws IOException {
    Record read = read("defaults", "{\"id\":\"x\",\"count\":1,\"text\":\"mine\",\"tags\":[\"a\"]}");
    assertThat(read)
        .hasFieldOrPropertyWithValue("count", 1)
        .hasFieldOrPropertyWithValue("text", "mine")
        .hasFieldOrPropertyWithValue("tags", List.of("a"));
  }

  @Test
  void nestedRecordMissingMembers_readAsTheirDefaults() throws IOException {
    Record read = read("defaults", "{\"id\":\"x\",\"address\":{\"street\":\"Main\"}}");
    Object address = GeneratedClasses.call(read, "address");
    assertThat(address)
        .hasFieldOrPropertyWithValue("street", "Main")
        .hasFieldOrPropertyWithValue("city", "Paris")
        .hasFieldOrPropertyWithValue("zip", 75);
  }

  @Test
  void upcast_callsTheMethodOfThatVersion() {
    CollectionDefinition<Record, Object> upcasting = definition("upcasting");
    Map<String, Object> payload = new HashMap<>(Map.of("id", "a", "title", "T"));
    assertThat(upcasting.upcast(1, payload)).isEqualTo(Map.of("id", "a", "name", "T"));
    Map<String, Object> three = new HashMap<>(Map.of("finished", true));
    assertThat(upcasting.upcast(3, three)).isEqualTo(Map.of("done", true));
    Map<String, Object> two = new HashMap<>(Map.of("title", "T"));
    assertThat(upcasting.upcast(2, two)).isSameAs(two).isEqualTo(Map.of("title", "T"));
    assertThat(upcasting.lastUpcastVersion()).isEqualTo(3);
    assertThat(upcasting.schemaVersion()).isEqualTo(4);
  }

  @Test
  void syncFalse_isNotSynced_andOthersAre() {
    assertThat(definition("upcasting").synced()).isFalse();
    assertThat(definition("plain").synced()).isTrue();
    assertThat(definition("plain").lastUpcastVersion()).isZero();
    Map<String, Object> payload = new HashMap<>();
    assertThat(definition("plain").upcast(1, payload)).isSameAs(payload);
  }

  private static CollectionDefinition<Record, Object> definition(String id) {
    String name =
        switch (id) {
          case "defaults" -> "test.evolve.Defaults_Collection";
          case "upcasting" -> "test.evolve.Upcasting_Collection";
          default -> "test.evolve.Plain_Collection";
        };
    return classes.constant(name, "INSTANCE");
  }

  private static Record read(String id, String json) throws IOException {
    try (JsonParser parser = JsonValues.FACTORY.createParser(json)) {
      parser.nextToken();
      return definition(id).readPayload(parser);
    }
  }
}
