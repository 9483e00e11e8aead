package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.test.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random writes on two devices that sync now and then, then verify on one device's file: 0; then
 * one random row changed behind the runtime's back: 1, naming that key and column. The seed is
 * printed; rerun one with {@code -Dcli.seed=N}.
 */
class VerifyRandomTest {

  @TempDir Path dir;

  /** A column to corrupt, and an SQL expression that surely changes its value. */
  private record Corruption(String table, String column, String expression) {}

  private static final List<Corruption> CORRUPTIONS =
      List.of(
          new Corruption("notes", "title", "title || '!'"),
          new Corruption("notes", "mood", "CASE mood WHEN 'CALM' THEN 'BUSY' ELSE 'CALM' END"),
          new Corruption("notes", "at", "at + 1"),
          new Corruption("notes", "comment", "coalesce(comment || '?', 'now set')"),
          new Corruption("notes", "tags", "'[\"corrupt\"]'"),
          new Corruption("notes", "amount", "amount || '0'"),
          new Corruption("notes", "blob", "x'ff' || blob"),
          new Corruption("notes", "score", "score + 1"),
          new Corruption("notes", "done", "1 - done"),
          new Corruption("notes", "place", "'{\"name\":\"elsewhere\",\"floor\":-1}'"),
          new Corruption("counters", "name", "name || '!'"),
          new Corruption("counters", "value", "value + 1"));

  private static Note randomNote(Random random, String id) {
    byte[] blob = new byte[random.nextInt(4)];
    random.nextBytes(blob);
    List<String> tags = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) tags.add("t" + random.nextInt(5));
    return new Note(
        id,
        "title " + random.nextInt(1000),
        random.nextBoolean() ? Note.Mood.CALM : Note.Mood.BUSY,
        Instant.ofEpochMilli(random.nextInt(1_000_000_000)),
        random.nextBoolean() ? Optional.empty() : Optional.of("c" + random.nextInt(10)),
        tags,
        new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(4)),
        blob,
        random.nextInt(100) / 8.0,
        random.nextBoolean(),
        LocalDate.ofEpochDay(random.nextInt(30_000)),
        new UUID(random.nextLong(), random.nextLong()),
        Map.of("k", random.nextInt(9)),
        new Note.Place("p" + random.nextInt(3), random.nextInt(5)));
  }

  private static void randomOp(Random random, EventSourcedDb db) {
    NoteRepository notes = NoteRepository.of(db);
    CounterRepository counters = CounterRepository.of(db);
    String key = "n" + random.nextInt(12);
    long counter = random.nextInt(6);
    switch (random.nextInt(7)) {
      case 0 -> notes.upsert(randomNote(random, key));
      case 1 -> {
        if (notes.exists(key)) {
          notes.update(
              key,
              draft -> draft.title("edited " + random.nextInt(100)).done(random.nextBoolean()));
        }
      }
      case 2 -> {
        if (notes.exists(key)) notes.update(randomNote(random, key));
      }
      case 3 -> notes.deleteIfExists(key);
      case 4 -> counters.upsert(new Counter(counter, "c" + random.nextInt(100), random.nextInt()));
      case 5 -> {
        if (counters.exists(counter)) {
          counters.update(counter, draft -> draft.value(random.nextInt(10)));
        }
      }
      default -> counters.deleteIfExists(counter);
    }
  }

  @RepeatedTest(3)
  void randomHistory_verifiesClean_thenOneChangedRowIsNamed() throws SQLException {
    long seed = Long.getLong("cli.seed", System.nanoTime());
    System.out.println("VerifyRandomTest seed: " + seed + " (rerun with -Dcli.seed=" + seed + ")");
    Random random = new Random(seed);
    Path phoneFile = dir.resolve("phone.sqlite");
    try (TestBackend backend = new TestBackend(seed);
        EventSourcedDb phone = Fixture.open(phoneFile, backend.transport("phone"));
        EventSourcedDb laptop =
            Fixture.open(dir.resolve("laptop.sqlite"), backend.transport("laptop"))) {
      for (int i = 0; i < 150; i++) {
        randomOp(random, random.nextBoolean() ? phone : laptop);
        if (random.nextInt(15) == 0) phone.sync();
        if (random.nextInt(15) == 0) laptop.sync();
      }
      assertThat(phone.verify().isHealthy()).as("seed " + seed).isTrue();
    }

    CliRun clean = CliRun.run("verify", phoneFile.toString());
    assertThat(clean.code()).as("seed " + seed + "\n" + clean).isZero();

    List<Corruption> choices = new ArrayList<>(CORRUPTIONS);
    java.util.Collections.shuffle(choices, random);
    Corruption corruption = null;
    String key = null;
    for (Corruption candidate : choices) {
      key = randomKey(phoneFile, candidate.table(), random);
      if (key != null) {
        corruption = candidate;
        break;
      }
    }
    if (corruption == null) return; // every table empty: nothing to corrupt
    Fixture.sql(
        phoneFile,
        "UPDATE "
            + corruption.table()
            + " SET "
            + corruption.column()
            + " = "
            + corruption.expression()
            + " WHERE id = "
            + quoteKey(corruption.table(), key));

    CliRun dirty = CliRun.run("verify", phoneFile.toString());
    assertThat(dirty.code()).as("seed " + seed + "\n" + dirty).isEqualTo(1);
    assertThat(dirty.out())
        .as("seed " + seed)
        .contains(corruption.table() + ": ")
        .contains("  key " + key + ": the state table's values differ")
        .contains("    " + corruption.column() + ": stored ")
        .contains("verify: 1 difference in 1 collection");
  }

  private static String randomKey(Path file, String table, Random random) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs =
            conn.createStatement().executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rs.next()) keys.add(rs.getString(1));
    }
    return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
  }

  private static String quoteKey(String table, String key) {
    return table.equals("counters") ? key : "'" + key + "'";
  }
}
