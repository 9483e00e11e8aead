package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event ids are text on the wire and 16 bytes in the device's log (storage format 2). A foreign
 * writer's ids reach the device through the real server: an upper-case id is a UUID like any other
 * (stored as its 16 bytes, read back as the same UUID, deduplicated when it comes again); an id
 * that is not a UUID is refused by the server and never reaches a device.
 */
class EventIdStorageTest {

  @TempDir Path dir;
  private TestServer server;
  private final List<EventSourcedDb> open = new ArrayList<>();

  @BeforeEach
  void start() {
    server = new TestServer(dir.resolve("server.sqlite"));
  }

  @AfterEach
  void stop() {
    open.forEach(EventSourcedDb::close);
    server.close();
  }

  private EventSourcedDb device(String name, SyncTransport transport) {
    EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve(name + ".sqlite"))
            .collections(TaskRepository.COLLECTION)
            .sync(transport)
            .autoSync(false)
            .open();
    open.add(db);
    return db;
  }

  private HttpResponse<String> foreignPush(String eventId, String key) throws Exception {
    String body =
        "[{\"eventId\":\""
            + eventId
            + "\",\"collectionId\":\"tasks\",\"type\":\"insert\",\"key\":\""
            + key
            + "\",\"payload\":{\"id\":\""
            + key
            + "\",\"title\":\"from a script\",\"done\":false,\"createdAt\":7},\"timestamp\":7}]";
    HttpRequest request =
        HttpRequest.newBuilder(server.events())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void upperCaseForeignId_isStoredAs16Bytes_readBackAsTheSameUuid_andAppliedOnce()
      throws Exception {
    String upper = "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B";
    HttpResponse<String> pushed = foreignPush(upper, "script-1");
    assertThat(pushed.statusCode()).isEqualTo(200);
    assertThat(pushed.body()).as("confirmed with the id as sent").contains(upper);

    // Served twice: the second time the page comes again from the start, as after a lost cursor.
    SyncTransport http = HttpSyncTransport.to(server.events());
    SyncTransport twice =
        new SyncTransport() {
          int pulls;

          @Override
          public PushResult push(List<SyncEvent> events) {
            return http.push(events);
          }

          @Override
          public PullResult pull(long since, int limit) {
            return http.pull(pulls++ < 2 ? since : 0, limit);
          }
        };
    EventSourcedDb device = device("device", twice);
    TaskRepository tasks = TaskRepository.of(device);
    tasks.insert(new Task("mine", "written here", false, 1, null));

    SyncResult first = device.sync();
    assertThat(first.errors()).isEmpty();
    assertThat(first.pushed()).isEqualTo(1);
    assertThat(tasks.get("script-1").title()).isEqualTo("from a script");
    SyncResult again = device.sync();
    assertThat(again.errors()).isEmpty();
    assertThat(again.pulled()).as("both events are known: applied once").isZero();

    List<Event> log = device.eventLog().all();
    assertThat(log).hasSize(2);
    assertThat(log).extracting(Event::syncStatus).containsOnly(SyncStatus.SYNCED);
    assertThat(log)
        .extracting(Event::eventId)
        .contains(UUID.fromString(upper))
        .doesNotHaveDuplicates();
    assertThat(device.verify().isHealthy()).isTrue();
    device.close();

    // On disk: every id is 16 bytes.
    try (Connection raw =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("device.sqlite"));
        Statement statement = raw.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT typeof(event_id), length(event_id), hex(event_id) FROM _events ORDER BY local_seq")) {
      List<String> hexes = new ArrayList<>();
      while (rs.next()) {
        assertThat(rs.getString(1)).isEqualTo("blob");
        assertThat(rs.getInt(2)).isEqualTo(16);
        hexes.add(rs.getString(3));
      }
      assertThat(hexes).contains(upper.replace("-", ""));
    }

    // A second device, over plain HTTP, gets the same id from the server, in canonical text.
    EventSourcedDb other = device("other", HttpSyncTransport.to(server.events()));
    assertThat(other.sync().pulled()).isEqualTo(2);
    assertThat(other.eventLog().all()).extracting(Event::eventId).contains(UUID.fromString(upper));
  }

  @Test
  void foreignIdThatIsNotAUuid_isRefusedByTheServer_andNeverReachesADevice() throws Exception {
    HttpResponse<String> refused = foreignPush("not-a-uuid-at-all", "script-2");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("eventId");
    EventSourcedDb device = device("device", HttpSyncTransport.to(server.events()));
    SyncResult result = device.sync();
    assertThat(result.errors()).isEmpty();
    assertThat(result.pulled()).isZero();
    assertThat(device.eventLog().size()).isZero();
  }
}
