package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import java.nio.file.Path;

/** A child process for the multi-process test: inserts and updates its own items, then exits. */
public final class ConcurrentWriterProcess {

  private ConcurrentWriterProcess() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    long base = Long.parseLong(args[1]) * 1_000_000L;
    int count = Integer.parseInt(args[2]);
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(ItemRepository.COLLECTION).open()) {
      ItemRepository items = ItemRepository.of(db);
      for (int i = 0; i < count; i++) {
        long id = base + i;
        if (i % 5 == 4) {
          db.transaction(
              () -> {
                items.insert(new Item(id, "item " + id, 1, 0));
                items.update(id, draft -> draft.version(2).touches(1));
              });
        } else {
          items.insert(new Item(id, "item " + id, 1, 0));
        }
      }
    }
    System.out.println("done");
  }
}
