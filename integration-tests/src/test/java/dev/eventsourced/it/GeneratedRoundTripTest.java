package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.it.Everything.Address;
import dev.eventsourced.it.Everything.Mood;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every supported component type through the generated code: into the state table and back, into an
 * event payload and back, and through sync into another database.
 */
class GeneratedRoundTripTest {

  @TempDir Path dir;

  static Stream<Everything> samples() {
    Map<String, Address> places = new LinkedHashMap<>();
    places.put("home", new Address("Main St", 1, Optional.of("Zürich"), List.of("flat 2", "")));
    places.put("", new Address("", 0, Optional.empty(), List.of()));
    Map<Mood, List<Long>> byMood = new LinkedHashMap<>();
    byMood.put(Mood.CALM, List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE));
    byMood.put(Mood.ANGRY, List.of());
    // Unmodifiable, as generated readers return sets: AssertJ's recursive comparison won't compare
    // an ordered LinkedHashSet with an unmodifiable view.
    Set<Integer> numbers =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of(3, 1, Integer.MIN_VALUE, Integer.MAX_VALUE)));
    Everything extremes =
        new Everything(
            UUID.randomUUID(),
            "emoji 😀 CJK 漢字 RTL עברית \u0000 \"quotes\" \\ 'sql'; DROP TABLE x; --",
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            Short.MIN_VALUE,
            Byte.MAX_VALUE,
            Double.NaN,
            Float.MAX_VALUE,
            true,
            '漢',
            Integer.MAX_VALUE,
            Long.MIN_VALUE,
            -Double.MAX_VALUE,
            false,
            'é',
            Mood.ANGRY,
            new UUID(0, 0),
            Instant.ofEpochMilli(-1),
            LocalDate.of(-9999, 1, 1),
            new BigDecimal("-123456789012345678901234567890.000000000000000000001"),
            new byte[] {0, -1, 127, -128},
            Optional.of(""),
            Optional.of(Instant.parse("2262-04-11T23:47:16.854Z")),
            new Address("Rue ü", -5, Optional.of("Genève"), List.of("a", "b")),
            List.of("x", "", "😀"),
            numbers,
            places,
            byMood,
            List.of(
                new Address("a", 1, Optional.empty(), List.of()),
                new Address("b", 2, Optional.of("c"), List.of("d"))));
    Everything nulls =
        new Everything(
            UUID.randomUUID(),
            null,
            0,
            0,
            (short) 0,
            (byte) 0,
            Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            false,
            '\u0001',
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            null,
            null,
            null,
            null);
    Everything empties =
        new Everything(
            UUID.randomUUID(),
            "",
            1,
            -1,
            (short) 1,
            (byte) -1,
            Double.MIN_VALUE,
            Float.MIN_VALUE,
            true,
            ' ',
            0,
            0L,
            0.0,
            true,
            ' ',
            Mood.CALM,
            UUID.randomUUID(),
            Instant.EPOCH,
            LocalDate.of(9999, 12, 31),
            BigDecimal.ZERO,
            new byte[0],
            Optional.empty(),
            Optional.empty(),
            new Address(null, 0, Optional.empty(), null),
            List.of(),
            Set.of(),
            Map.of(),
            Map.of(),
            List.of());
    return Stream.of(extremes, nulls, empties);
  }

  private static void assertSame(Everything actual, Everything expected) {
    // Double.equals/Float.equals: NaN equals NaN, and no rounding tolerance.
    assertThat(actual)
        .usingRecursiveComparison()
        .withEqualsForType(Double::equals, Double.class)
        .withEqualsForType(Float::equals, Float.class)
        .isEqualTo(expected);
  }

  @Test
  void everyComponentType_roundTripsThroughStateTableAndPayload() throws Exception {
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve("all.sqlite"))
            .collections(EverythingRepository.COLLECTION)
            .open()) {
      EverythingRepository repository = EverythingRepository.of(db);
      List<Everything> rows = samples().toList();
      repository.insertAll(rows);

      for (Everything row : rows) {
        assertSame(repository.get(row.id()), row);
      }
      List<Event> events = db.eventLog().all();
      for (int i = 0; i < rows.size(); i++) {
        try (JsonParser json = JsonValues.FACTORY.createParser(events.get(i).payload())) {
          json.nextToken();
          assertSame(EverythingRepository.COLLECTION.readPayload(json), rows.get(i));
        }
        assertThat(events.get(i).key()).isEqualTo(rows.get(i).id().toString());
      }
    }
  }

  @Test
  void everyComponentType_replaysIntoAnotherDatabase() {
    MemoryBackend backend = new MemoryBackend();
    List<Everything> rows = samples().toList();
    try (EventSourcedDb writer =
            EventSourcedDb.builder()
                .path(dir.resolve("w.sqlite"))
                .collections(EverythingRepository.COLLECTION)
                .sync(backend)
                .autoSync(false)
                .open();
        EventSourcedDb reader =
            EventSourcedDb.builder()
                .path(dir.resolve("r.sqlite"))
                .collections(EverythingRepository.COLLECTION)
                .sync(backend)
                .autoSync(false)
                .open()) {
      EverythingRepository.of(writer).insertAll(rows);
      EverythingRepository.of(writer)
          .update(
              rows.get(0).id(), draft -> draft.tags(List.of("changed")).maybe(Optional.empty()));
      assertThat(writer.sync().errors()).isEmpty();
      assertThat(reader.sync().errors()).isEmpty();

      EverythingRepository replica = EverythingRepository.of(reader);
      assertThat(replica.count()).isEqualTo(3);
      for (Everything row : EverythingRepository.of(writer).all()) {
        assertSame(replica.get(row.id()), row);
      }
      assertThat(writer.eventLog().all().get(3).fields()).containsExactly("maybe", "tags");
    }
  }

  @Test
  void generatedQueries_filterOnTheMetamodel() {
    try (EventSourcedDb db = EventSourcedDb.builder().inMemory().open()) {
      EverythingRepository repository = EverythingRepository.of(db);
      repository.insertAll(samples().toList());

      assertThat(repository.query().where(Everything_.MOOD.eq(Mood.ANGRY)).count()).isEqualTo(1);
      assertThat(repository.query().where(Everything_.TEXT.isNull()).count()).isEqualTo(1);
      assertThat(repository.query().where(Everything_.AN_INT.gt(0)).count()).isEqualTo(1);
      assertThat(repository.query().where(Everything_.AMOUNT.lt(BigDecimal.ONE)).count())
          .isEqualTo(2);
      assertThat(repository.query().where(Everything_.DAY.gt(LocalDate.of(2000, 1, 1))).count())
          .isEqualTo(1);
      assertThat(repository.query().where(Everything_.MAYBE.eq("")).count()).isEqualTo(1);
      assertThat(repository.query().where(Everything_.A_BOOLEAN.isTrue()).count()).isEqualTo(2);
    }
  }
}
