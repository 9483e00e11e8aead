package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.test.app.Note;
import dev.eventsourced.test.app.NoteRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same run when the test drives its devices from one thread: the same
 * faults on the same calls, the same backend log (event ids and client ids aside: the runtime draws
 * those), the same timestamps and the same final state.
 */
class DeterminismTest {

  @Test
  void sameSeed_sameFaultsSameLogSameState_otherSeed_otherRun() {
    Run first = run(2024);
    Run second = run(2024);
    Run other = run(2025);

    assertThat(second.faults).isEqualTo(first.faults);
    assertThat(second.log).isEqualTo(first.log);
    assertThat(second.notes).isEqualTo(first.notes);
    assertThat(first.log).hasSizeGreaterThan(20);
    assertThat(other.log).isNotEqualTo(first.log);
  }

  private record Run(List<String> faults, List<String> log, List<Note> notes) {}

  private static Run run(long seed) {
    try (TestBackend backend = new TestBackend(seed)) {
      new Workload(backend).run(150);
      backend.settle();
      backend.assertConverged();
      List<String> log = new ArrayList<>();
      for (SyncEvent event : backend.log()) {
        log.add(
            event.globalSeq()
                + " "
                + event.collectionId()
                + " "
                + event.type()
                + " "
                + event.key()
                + " "
                + event.payload()
                + " "
                + event.fields()
                + " "
                + event.timestamp());
      }
      List<Note> notes = NoteRepository.of(backend.devices().get("device-0")).all();
      return new Run(backend.faultLog(), log, notes);
    }
  }
}
