package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;

/**
 * The kit end to end, as an app developer would use it: random sessions on several devices through
 * every kind of fault, then {@link TestBackend#settle()} and {@link TestBackend#assertConverged()}.
 * Each repetition draws a new seed (printed when it fails; rerun with {@code
 * -Deventsourced.seed=}).
 */
@EventSourcedTest
class RandomizedConvergenceTest {

  @RepeatedTest(3)
  void randomWritesThroughEveryFault_converge(TestBackend backend) {
    new Workload(backend).run(250);

    backend.settle();

    backend.assertConverged();
    assertThat(backend.devices()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(backend.faultLog()).as("the workload met faults").isNotEmpty();
  }
}
