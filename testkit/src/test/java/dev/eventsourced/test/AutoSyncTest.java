package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.test.app.Todo;
import dev.eventsourced.test.app.TodoRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Devices opened with automatic sync on reach each other through the kit's backend by themselves
 * (debounced push, long-poll), and the kit's assertions hold once they are synced.
 */
@EventSourcedTest
class AutoSyncTest {

  @Test
  void autoSyncingDevices_seeEachOthersWrites_withoutSyncCalls(TestBackend backend)
      throws InterruptedException {
    EventSourcedDb phone =
        backend.open("phone", b -> b.collections(TodoRepository.COLLECTION).autoSync(true));
    EventSourcedDb laptop =
        backend.open("laptop", b -> b.collections(TodoRepository.COLLECTION).autoSync(true));

    TodoRepository.of(phone).insert(new Todo("t1", "Buy milk", false));

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!TodoRepository.of(laptop).exists("t1") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(TodoRepository.of(laptop).find("t1")).isPresent();
    assertThat(phone.awaitSynced(Duration.ofSeconds(10))).isTrue();
    assertThat(laptop.awaitSynced(Duration.ofSeconds(10))).isTrue();
    backend.assertConverged();
  }
}
