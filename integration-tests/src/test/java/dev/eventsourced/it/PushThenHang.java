package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the crash test: syncs, and once the server has stored the push — before the
 * client can record the confirmations — prints "stored" and waits to be killed.
 */
public final class PushThenHang {

  private PushThenHang() {}

  public static void main(String[] args) throws InterruptedException {
    HttpSyncTransport http = HttpSyncTransport.to(URI.create(args[1]));
    SyncTransport hanging =
        new SyncTransport() {
          @Override
          public PushResult push(List<SyncEvent> events) {
            http.push(events);
            System.out.println("stored");
            System.out.flush();
            while (true) {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public PullResult pull(long since, int limit) {
            return http.pull(since, limit);
          }
        };
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(Path.of(args[0]))
            .collections(TaskRepository.COLLECTION)
            .sync(hanging)
            .autoSync(false)
            .open()) {
      db.sync();
    }
  }
}
