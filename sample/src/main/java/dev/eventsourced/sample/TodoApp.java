package dev.eventsourced.sample;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.devtools.Inspector;
import dev.eventsourced.devtools.InspectorServer;
import dev.eventsourced.sample.Todo.Status;
import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.SyncServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The phone/laptop story: a sync server on its embedded SQLite store, and two devices with their
 * own database files, each syncing by itself (automatic sync: nothing here calls {@code sync()}).
 * The phone goes offline and writes; the laptop writes online; the phone comes back and its outbox
 * goes out; both end with the same todos, in the server's order, without downloading a table.
 */
public final class TodoApp {

  private final PrintStream out;

  TodoApp(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Path.of("target", "sample-run");
    new TodoApp(System.out).run(dir);
  }

  /** Runs the story in {@code dir} (emptied first) and returns both devices' final todos. */
  List<List<Todo>> run(Path dir) throws IOException {
    clean(dir);
    Files.createDirectories(dir);
    try (SyncServer server =
        SyncServer.builder()
            .store(EventStore.sqlite(dir.resolve("server.sqlite")))
            .host("127.0.0.1")
            .port(0)
            .start()) {
      out.println("Sync server listening on " + server.eventsUri() + " (embedded SQLite store)");
      out.println("Its log, as a page: " + server.baseUri() + SyncServer.INSPECTOR_PATH);
      HttpSyncTransport http = HttpSyncTransport.to(server.eventsUri());
      Connectivity phoneNetwork = new Connectivity(http);
      try (EventSourcedDb phone =
              EventSourcedDb.builder()
                  .path(dir.resolve("phone.sqlite"))
                  .collections(TodoRepository.COLLECTION)
                  .sync(phoneNetwork) // syncs by itself from now on
                  .open();
          EventSourcedDb laptop =
              EventSourcedDb.builder()
                  .path(dir.resolve("laptop.sqlite"))
                  .collections(TodoRepository.COLLECTION)
                  .sync(http)
                  .open()) {
        showStatus("phone", phone);
        showStatus("laptop", laptop);
        // The web inspector on the phone's database: 127.0.0.1 only, read-only.
        InspectorServer inspector = Inspector.of(phone).start();
        out.println("Inspector of the phone's database: " + inspector.uri());
        TodoRepository phoneTodos = TodoRepository.of(phone);
        TodoRepository laptopTodos = TodoRepository.of(laptop);
        long now = 1_767_225_600_000L;

        out.println("\n1. Both devices share a todo that is already on the server.");
        laptopTodos.insert(new Todo("todo-0", "u1", "Water the plants", Status.PENDING, now, now));
        settle(laptop, phone);

        out.println("\n2. The phone goes offline and writes.");
        phoneNetwork.setOnline(false);
        phoneTodos.insert(new Todo("todo-1", "u1", "Buy milk", Status.PENDING, now + 1, now + 1));
        phoneTodos.update("todo-1", draft -> draft.status(Status.COMPLETE).updatedAt(now + 2));
        phoneTodos.update(
            "todo-0", draft -> draft.title("Water the plants (and the cactus)").updatedAt(now + 3));
        await(
            "the phone notices it is offline",
            () -> phone.syncState().current().status() == SyncState.Status.OFFLINE);

        out.println("\n3. The laptop, online, writes too: the server numbers its events first.");
        laptopTodos.insert(
            new Todo("todo-2", "u1", "Call dentist", Status.PENDING, now + 4, now + 4));
        laptopTodos.update("todo-0", draft -> draft.status(Status.COMPLETE).updatedAt(now + 5));
        settle(laptop);

        out.println("\n4. The phone comes back online: its outbox goes out, the laptop hears.");
        phoneNetwork.setOnline(true);
        phone.resumeSync(); // an app calls this when the OS says the network is back
        settle(phone, laptop);

        out.println("\n5. A query on the phone: pending todos, newest first.");
        phoneTodos
            .query()
            .where(Todo_.STATUS.eq(Status.PENDING))
            .orderBy(Todo_.CREATED_AT.desc())
            .list()
            .forEach(todo -> out.println("   " + todo.title()));

        out.println("\n6. The laptop deletes a todo; the phone follows.");
        laptopTodos.delete("todo-1");
        settle(laptop, phone);

        List<Todo> onPhone = phoneTodos.all();
        List<Todo> onLaptop = laptopTodos.all();
        print("phone", phone, onPhone);
        print("laptop", laptop, onLaptop);
        out.println(
            onPhone.equals(onLaptop)
                ? "\nThe devices converged: identical todos, every event confirmed by the server."
                : "\nThe devices DIVERGED: this is a bug.");
        holdInspector(inspector);
        return List.of(onPhone, onLaptop);
      }
    }
  }

  /**
   * Keeps the inspector open until Enter is pressed when the JVM was started with {@code
   * -Dsample.inspect} (e.g. {@code ./mvnw -q -DskipTests -Psample verify -Dsample.inspect}); else
   * the story ends at once, as in CI.
   */
  private void holdInspector(InspectorServer inspector) throws IOException {
    if (System.getProperty("sample.inspect") == null) {
      out.println(
          "\n(The inspector stops with the story; add -Dsample.inspect to keep it open and browse "
              + inspector.uri()
              + ")");
      inspector.close();
      return;
    }
    out.println("\nBrowse " + inspector.uri() + " ; press Enter to stop.");
    System.in.read();
    inspector.close();
  }

  /** Prints each device's sync status as it changes (an app would show a badge). */
  private void showStatus(String device, EventSourcedDb db) {
    db.syncState()
        .subscribe(
            Runnable::run,
            new java.util.function.Consumer<>() {
              private SyncState.Status last;

              @Override
              public void accept(SyncState state) {
                if (state.status() == last || state.status() == SyncState.Status.SYNCING) return;
                last = state.status();
                out.printf(
                    "   [%s sync: %s, %d pending, cursor %d%s]%n",
                    device,
                    state.status(),
                    state.pending(),
                    state.cursor(),
                    state.lastError() == null ? "" : ", " + state.lastError());
              }
            });
  }

  /** Waits until each device, in turn, has pushed and pulled everything. */
  private static void settle(EventSourcedDb... devices) {
    for (EventSourcedDb device : devices) {
      if (!device.awaitSynced(Duration.ofSeconds(30))) {
        throw new IllegalStateException("sync did not settle: " + device.syncState().current());
      }
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("timed out: " + what);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting: " + what, e);
      }
    }
  }

  private void print(String device, EventSourcedDb db, List<Todo> todos) {
    out.println("\n== " + device + ": todos ==");
    for (Todo todo : todos) {
      out.printf("   %-7s %-36s %-9s%n", todo.id(), todo.title(), todo.status());
    }
    out.println("== " + device + ": event log (local order) ==");
    for (Event event : db.eventLog().all()) {
      out.printf(
          "   #%-2d %-6s %-7s %-7s globalSeq=%-3s %-7s %s%n",
          event.localSeq(),
          event.type().wireName(),
          event.key(),
          event.origin().wireName(),
          event.globalSeq(),
          event.syncStatus().wireName(),
          event.fields().isEmpty() ? "" : "fields=" + event.fields());
    }
  }

  private static void clean(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
    }
  }
}
