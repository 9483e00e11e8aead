package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import java.nio.file.Path;
import java.util.Random;

/**
 * A child process for the crash tests: mutates items forever, in single mutations and multi-row
 * transactions, until it is killed. Prints "ready" once the first commit is durable.
 */
public final class MutationLoop {

  private MutationLoop() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(ItemRepository.COLLECTION).open()) {
      ItemRepository items = ItemRepository.of(db);
      boolean ready = false;
      while (true) {
        if (random.nextInt(4) == 0) {
          db.transaction(
              () -> {
                for (int i = 0; i < 1 + random.nextInt(20); i++) mutate(items, random);
              });
        } else {
          mutate(items, random);
        }
        if (!ready) {
          System.out.println("ready");
          System.out.flush();
          ready = true;
        }
      }
    }
  }

  static void mutate(ItemRepository items, Random random) {
    long id = random.nextInt(40);
    var current = items.find(id);
    int choice = random.nextInt(10);
    if (current.isEmpty()) {
      items.insert(new Item(id, "item " + id, 1, 0));
    } else if (choice < 6) {
      items.update(id, draft -> draft.version(draft.version() + 1).touches(draft.touches() + 1));
    } else if (choice < 8) {
      Item item = current.get();
      items.upsert(new Item(id, "replaced " + random.nextInt(1000), item.version() + 1, 0));
    } else {
      items.delete(id);
    }
  }
}
