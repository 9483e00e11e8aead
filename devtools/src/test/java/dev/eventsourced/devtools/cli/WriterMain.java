package dev.eventsourced.devtools.cli;

import dev.eventsourced.db.EventSourcedDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A child JVM that holds a database file open and writes to it until a stop file appears: {@code
 * WriterMain FILE STOPFILE}. Prints {@code ready} after its first commit.
 */
public final class WriterMain {

  private WriterMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path stop = Path.of(args[1]);
    Random random = new Random(11);
    try (EventSourcedDb db = Fixture.open(file, null)) {
      NoteRepository notes = NoteRepository.of(db);
      CounterRepository counters = CounterRepository.of(db);
      notes.insert(Note.of("first", "first"));
      System.out.println("ready");
      System.out.flush();
      long deadline = System.currentTimeMillis() + 60_000;
      for (int i = 0; !Files.exists(stop) && System.currentTimeMillis() < deadline; i++) {
        String key = "n" + random.nextInt(50);
        switch (random.nextInt(4)) {
          case 0 -> notes.upsert(Note.of(key, "note " + i));
          case 1 -> {
            if (notes.exists(key)) notes.update(key, draft -> draft.score(random.nextDouble()));
          }
          case 2 -> notes.deleteIfExists(key);
          default -> counters.upsert(new Counter(random.nextInt(20), "c" + i, i));
        }
      }
    }
  }
}
