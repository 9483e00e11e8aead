package dev.eventsourced.test;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.test.app.Counter;
import dev.eventsourced.test.app.CounterRepository;
import dev.eventsourced.test.app.CounterResolver;
import dev.eventsourced.test.app.Note;
import dev.eventsourced.test.app.NoteRepository;
import dev.eventsourced.test.app.Scratch;
import dev.eventsourced.test.app.ScratchRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random app session on several devices, everything drawn from the backend's seed: writes to the
 * test collections on a small key space (so devices collide), syncs through faults, devices going
 * offline, backend restarts, app restarts (a device closed and reopened), time passing.
 */
final class Workload {

  static final Faults FAULTS =
      Faults.builder()
          .lostRequests(0.08)
          .lostResponses(0.08)
          .duplicates(0.05)
          .reorders(0.08)
          .restarts(0.03)
          .latency(Duration.ofMillis(1), Duration.ofMillis(400))
          .build();

  private final TestBackend backend;
  private final Random random;
  private final List<String> names = new ArrayList<>();

  Workload(TestBackend backend) {
    this.backend = backend;
    this.random = backend.random();
  }

  /** Opens 2..4 devices and runs {@code steps} random steps on them; leaves the faults on. */
  void run(int steps) {
    backend.faults(FAULTS);
    int deviceCount = 2 + random.nextInt(3);
    for (int d = 0; d < deviceCount; d++) {
      names.add("device-" + d);
      open(names.get(d));
    }
    for (int step = 0; step < steps; step++) {
      String name = names.get(random.nextInt(deviceCount));
      EventSourcedDb db = backend.devices().get(name);
      int action = random.nextInt(100);
      if (action < 55) {
        mutate(db);
      } else if (action < 62) {
        backend.offline(name, random.nextInt(3) == 0);
      } else if (action < 64) {
        backend.restart();
      } else if (action < 66) {
        db.close();
        open(name);
      } else {
        db.sync();
      }
      if (random.nextInt(4) == 0) backend.clock().advance(Duration.ofMillis(random.nextInt(5000)));
    }
  }

  private void open(String name) {
    int pullLimit = 1 + random.nextInt(10);
    backend.open(
        name,
        b ->
            b.collections(
                    NoteRepository.COLLECTION,
                    CounterRepository.COLLECTION,
                    ScratchRepository.COLLECTION)
                .resolver(CounterRepository.COLLECTION, new CounterResolver())
                .pullLimit(pullLimit));
  }

  private void mutate(EventSourcedDb db) {
    int collection = random.nextInt(10);
    if (collection < 6) {
      mutateNote(NoteRepository.of(db));
    } else if (collection < 9) {
      mutateCounter(CounterRepository.of(db));
    } else {
      ScratchRepository.of(db).upsert(new Scratch("s" + random.nextInt(3), word()));
    }
  }

  private void mutateNote(NoteRepository notes) {
    String id = "n" + random.nextInt(6);
    long now = backend.clock().millis();
    int op = random.nextInt(10);
    if (op < 3 || !notes.exists(id)) {
      notes.upsert(new Note(id, word(), word(), random.nextBoolean(), List.of(word()), now));
    } else if (op < 9) {
      switch (random.nextInt(3)) {
        case 0 -> notes.update(id, d -> d.title(word()).updatedAt(now));
        case 1 -> notes.update(id, d -> d.pinned(random.nextBoolean()));
        default -> notes.update(id, d -> d.tags(List.of(word(), word())).body(word()));
      }
    } else {
      notes.delete(id);
    }
  }

  private void mutateCounter(CounterRepository counters) {
    long id = random.nextInt(4);
    int op = random.nextInt(10);
    if (op < 3 || !counters.exists(id)) {
      counters.upsert(new Counter(id, word(), random.nextInt(100)));
    } else if (op < 9) {
      long value = random.nextInt(100);
      counters.update(id, d -> d.value(value));
    } else {
      counters.delete(id);
    }
  }

  private String word() {
    String[] words = {"milk", "eggs", "tea", "bread", "jam", "rice", "oats"};
    return words[random.nextInt(words.length)];
  }
}
