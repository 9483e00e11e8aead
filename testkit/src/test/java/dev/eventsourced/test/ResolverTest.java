package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.test.app.Counter;
import dev.eventsourced.test.app.CounterRepository;
import dev.eventsourced.test.app.CounterResolver;
import org.junit.jupiter.api.Test;

/**
 * What app developers use the kit for: a deterministic resolver converges through faults; one that
 * looks at who wrote an event ("my writes win") does not, and the kit says where.
 */
@EventSourcedTest
@Seed(77)
class ResolverTest {

  @Test
  void deterministicResolver_convergesThroughLostResponsesAndReordering(TestBackend backend) {
    EventSourcedDb phone = open(backend, "phone", new CounterResolver());
    EventSourcedDb laptop = open(backend, "laptop", new CounterResolver());
    CounterRepository.of(phone).insert(new Counter(1, "steps", 10));
    backend.settle();
    backend.transport("phone").failNextPush(Fault.REORDER);
    backend.transport("laptop").failNextPush(Fault.LOST_RESPONSE);

    CounterRepository.of(phone).update(1L, d -> d.value(50));
    CounterRepository.of(laptop).update(1L, d -> d.value(30));
    phone.sync();
    laptop.sync();
    backend.settle();

    backend.assertConverged();
    assertThat(CounterRepository.of(laptop).get(1L).value()).isEqualTo(50);
  }

  @Test
  void localWritesWinResolver_diverges_andAssertConvergedNamesTheRow(TestBackend backend) {
    ConflictResolver<Counter> mineWins =
        (current, event) -> {
          if (event.type() == dev.eventsourced.protocol.EventType.DELETE) return null;
          if (current != null && event.origin() == Origin.REMOTE) return current;
          return event.row();
        };
    EventSourcedDb phone = open(backend, "phone", mineWins);
    EventSourcedDb laptop = open(backend, "laptop", mineWins);
    CounterRepository.of(phone).insert(new Counter(1, "steps", 10));
    backend.settle();

    CounterRepository.of(phone).update(1L, d -> d.value(50));
    CounterRepository.of(laptop).update(1L, d -> d.value(30));
    backend.settle();

    assertThatThrownBy(backend::assertConverged)
        .hasMessageContaining("counters key 1 column value: phone has 50, laptop has 30")
        .hasMessageContaining("seed 77");
  }

  private static EventSourcedDb open(
      TestBackend backend, String name, ConflictResolver<Counter> resolver) {
    return backend.open(
        name,
        b ->
            b.collections(CounterRepository.COLLECTION)
                .resolver(CounterRepository.COLLECTION, resolver));
  }
}
