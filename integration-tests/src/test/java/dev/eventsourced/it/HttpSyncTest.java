package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.db.testing.FaultyTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phone/laptop story, end to end against the real sync server over HTTP. */
class HttpSyncTest {

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

  @Test
  void phoneOfflineLaptopOnline_bothEndWithBothTodos_inServerOrder() {
    FaultyTransport phoneLink = new FaultyTransport(HttpSyncTransport.to(server.events()));
    EventSourcedDb phone = device("phone", phoneLink);
    EventSourcedDb laptop = device("laptop", HttpSyncTransport.to(server.events()));
    // 49 earlier events that both devices already have.
    EventSourcedDb other = device("other", HttpSyncTransport.to(server.events()));
    for (int i = 0; i < 49; i++)
      TaskRepository.of(other).insert(new Task("old-" + i, "old", true, i, null));
    assertThat(other.sync().pushed()).isEqualTo(49);
    assertThat(phone.sync().pulled()).isEqualTo(49);
    assertThat(laptop.sync().pulled()).isEqualTo(49);

    phoneLink.offline(true);
    TaskRepository.of(phone).insert(new Task("milk", "Buy milk", false, 1000, null));
    TaskRepository.of(phone).update("milk", draft -> draft.done(true));
    TaskRepository.of(laptop).insert(new Task("dentist", "Call dentist", false, 1001, 1));
    assertThat(laptop.sync().pushed()).isEqualTo(1);
    assertThat(laptop.eventLog().all().get(49).globalSeq()).isEqualTo(50);

    phoneLink.offline(false);
    SyncResult phoneSync = phone.sync();
    SyncResult laptopSync = laptop.sync();

    assertThat(phoneSync.errors()).isEmpty();
    assertThat(phoneSync.pushed()).isEqualTo(2);
    assertThat(phoneSync.pulled()).as("only the laptop's event is new to the phone").isEqualTo(1);
    assertThat(laptopSync.pulled()).isEqualTo(2);
    List<String> phoneLog =
        phone.eventLog().since(49, 10).stream().map(HttpSyncTest::describe).toList();
    assertThat(phoneLog)
        .containsExactly(
            "insert milk 51 local synced",
            "update milk 52 local synced",
            "insert dentist 50 remote synced");
    List<String> laptopLog =
        laptop.eventLog().since(49, 10).stream().map(HttpSyncTest::describe).toList();
    assertThat(laptopLog)
        .containsExactly(
            "insert dentist 50 local synced",
            "insert milk 51 remote synced",
            "update milk 52 remote synced");
    TaskRepository phoneTasks = TaskRepository.of(phone);
    assertThat(phoneTasks.all()).isEqualTo(TaskRepository.of(laptop).all()).hasSize(51);
    assertThat(phoneTasks.get("milk").done()).isTrue();
    assertThat(phoneTasks.query().where(Task_.ORIGIN.eq(Origin.REMOTE)).count()).isEqualTo(50);
    assertThat(phoneTasks.query().where(Task_.SYNCED.isFalse()).count()).isZero();
    assertThat(phone.eventLog().all()).filteredOn(e -> e.origin() == Origin.LOCAL).hasSize(2);
  }

  private static String describe(Event event) {
    return event.type().wireName()
        + " "
        + event.key()
        + " "
        + event.globalSeq()
        + " "
        + event.origin().wireName()
        + " "
        + event.syncStatus().wireName();
  }

  @Test
  void serverRejectsInvalidEvent_itIsMarkedAndOthersGoThrough() {
    EventSourcedDb phone = device("phone", HttpSyncTransport.to(server.events()));
    TaskRepository tasks = TaskRepository.of(phone);
    tasks.insert(new Task("", "an empty key is invalid on the wire", false, 1, null));
    tasks.insert(new Task("ok", "fine", false, 2, null));

    SyncResult result = phone.sync();

    assertThat(result.pushed()).isEqualTo(1);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("key"));
    assertThat(phone.eventLog().all())
        .extracting(Event::syncStatus)
        .containsExactly(SyncStatus.REJECTED, SyncStatus.SYNCED);
    assertThat(tasks.find("")).isEmpty();
    assertThat(tasks.get("ok").title()).isEqualTo("fine");
  }

  @Test
  void pullOfOneHundredThousandEvents_completesOnAFreshClient() {
    EventSourcedDb writer = device("writer", HttpSyncTransport.to(server.events()));
    TaskRepository tasks = TaskRepository.of(writer);
    int total = 100_000;
    List<Task> batch = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      batch.add(new Task("t" + i, "task number " + i, i % 3 == 0, i, i % 5));
      if (batch.size() == 10_000) {
        tasks.insertAll(batch);
        batch.clear();
      }
    }
    long pushStart = System.nanoTime();
    assertThat(writer.sync().pushed()).isEqualTo(total);
    long pushNanos = System.nanoTime() - pushStart;

    EventSourcedDb fresh =
        EventSourcedDb.builder()
            .path(dir.resolve("fresh.sqlite"))
            .collections(TaskRepository.COLLECTION)
            .sync(HttpSyncTransport.to(server.events()))
            .autoSync(false)
            .pullLimit(1000)
            .open();
    open.add(fresh);
    long pullStart = System.nanoTime();
    SyncResult result = fresh.sync();
    long pullNanos = System.nanoTime() - pullStart;

    assertThat(result.errors()).isEmpty();
    assertThat(result.pulled()).isEqualTo(total);
    assertThat(TaskRepository.of(fresh).count()).isEqualTo(total);
    assertThat(TaskRepository.of(fresh).get("t99999").title()).isEqualTo("task number 99999");
    System.out.printf(
        "push of %,d events: %,d ms (%,.0f events/s); pull and apply on a fresh client: %,d ms (%,.0f events/s)%n",
        total,
        pushNanos / 1_000_000,
        total / (pushNanos / 1e9),
        pullNanos / 1_000_000,
        total / (pullNanos / 1e9));
  }
}
