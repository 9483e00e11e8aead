package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.sync.HttpSyncTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code awaitSynced} on automatic sync, against the real server. */
class AwaitSyncedTest {

  @TempDir Path dir;

  @Test
  void awaitSynced_rightAfterOpen_returnsOnlyOnceTheServersEventsArePulled() {
    try (TestServer server = new TestServer(dir.resolve("server.sqlite"))) {
      try (EventSourcedDb phone =
          EventSourcedDb.builder()
              .path(dir.resolve("phone.sqlite"))
              .collections(TaskRepository.COLLECTION)
              .sync(HttpSyncTransport.to(server.events()))
              .autoSync(false)
              .open()) {
        for (int i = 0; i < 20; i++)
          TaskRepository.of(phone).insert(new Task("t" + i, "task " + i, false, i, null));
        assertThat(phone.sync().pushed()).isEqualTo(20);
      }
      for (int attempt = 0; attempt < 30; attempt++) {
        try (EventSourcedDb laptop =
            EventSourcedDb.builder()
                .path(dir.resolve("laptop-" + attempt + ".sqlite"))
                .collections(TaskRepository.COLLECTION)
                .sync(HttpSyncTransport.to(server.events()))
                .open()) {
          assertThat(laptop.awaitSynced(Duration.ofSeconds(10))).isTrue();
          assertThat(TaskRepository.of(laptop).count())
              .as("rows when awaitSynced returned true (open %d)", attempt)
              .isEqualTo(20);
        }
      }
    }
  }
}
