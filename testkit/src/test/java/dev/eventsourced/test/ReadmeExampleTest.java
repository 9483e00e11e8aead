package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.test.app.Todo;
import dev.eventsourced.test.app.TodoRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of testkit/README.md, verbatim, so that it stays true. */
@EventSourcedTest
class ReadmeExampleTest {

  @Test
  void phoneAndLaptopEditTheSameTodo(TestBackend backend, TestClock clock) {
    EventSourcedDb phone = backend.open("phone", b -> b.collections(TodoRepository.COLLECTION));
    EventSourcedDb laptop = backend.open("laptop", b -> b.collections(TodoRepository.COLLECTION));
    TodoRepository.of(phone).insert(new Todo("t1", "Buy milk", false));
    backend.settle(); // heal, sync everyone until quiet

    backend.faults(
        Faults.builder()
            .lostResponses(0.2)
            .reorders(0.2)
            .restarts(0.05)
            .latency(Duration.ofMillis(10), Duration.ofMillis(500))
            .build());
    backend.transport("phone").failNextPush(Fault.LOST_RESPONSE); // scheduled, on top
    TodoRepository.of(phone).update("t1", d -> d.title("Buy oat milk"));
    clock.advance(Duration.ofMinutes(1));
    TodoRepository.of(laptop).update("t1", d -> d.done(true)); // the conflict
    phone.sync();
    laptop.sync();

    backend.settle();
    backend.assertConverged(); // same log, healthy fold, same rows everywhere
    assertThat(TodoRepository.of(phone).get("t1")).isEqualTo(new Todo("t1", "Buy oat milk", true));
  }
}
