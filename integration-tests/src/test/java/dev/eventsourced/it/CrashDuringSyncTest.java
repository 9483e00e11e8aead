package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client killed (SIGKILL) after the server stored its push but before it recorded the
 * confirmations pushes again on restart and ends with the globalSeqs the server gave the first
 * time, and the server holds each event once.
 */
class CrashDuringSyncTest {

  @TempDir Path dir;

  @Test
  void killedBetweenServerStoreAndConfirmation_rePushesAndKeepsSameGlobalSeqs() throws Exception {
    Path file = dir.resolve("client.sqlite");
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      try (EventSourcedDb db =
          EventSourcedDb.builder().path(file).collections(TaskRepository.COLLECTION).open()) {
        for (int i = 0; i < 30; i++)
          TaskRepository.of(db).insert(new Task("t" + i, "task " + i, false, i, null));
        TaskRepository.of(db).update("t3", draft -> draft.done(true));
      }

      Process child =
          ChildJvm.start(PushThenHang.class, file.toString(), server.events().toString());
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("stored");
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }

      HttpSyncTransport http = HttpSyncTransport.to(server.events());
      PullResult stored = http.pull(0, 1000);
      assertThat(stored.events()).hasSize(31);
      Map<String, Long> serverSeqs =
          stored.events().stream()
              .collect(Collectors.toMap(e -> e.eventId().toString(), SyncEvent::globalSeq));

      try (EventSourcedDb db =
          EventSourcedDb.builder()
              .path(file)
              .collections(TaskRepository.COLLECTION)
              .sync(http)
              .autoSync(false)
              .open()) {
        assertThat(db.eventLog().pendingCount())
            .as("the confirmations were never recorded")
            .isEqualTo(31);
        SyncResult result = db.sync();

        assertThat(result.errors()).isEmpty();
        assertThat(result.pushed()).isEqualTo(31);
        assertThat(result.pulled()).as("own events are recognised, not applied again").isZero();
        List<Event> events = db.eventLog().all();
        assertThat(events).hasSize(31);
        for (Event event : events) {
          assertThat(event.globalSeq()).isEqualTo(serverSeqs.get(event.eventId().toString()));
        }
        assertThat(TaskRepository.of(db).get("t3").done()).isTrue();
      }
      assertThat(http.pull(0, 1000).events()).as("no duplicates on the server").hasSize(31);
    }
  }
}
