package dev.eventsourced.bench;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.live.Delta;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.SyncServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * How long a commit on one device takes to reach a live query on another through the real sync
 * server with automatic sync: device A inserts a todo; device B, syncing by itself (long-poll), has
 * a live query over the todos whose subscriber is called when the row arrives. Measured from the
 * call to A's {@code insert} (which commits) to B's subscriber callback, on its default
 * notification thread, one commit at a time ({@code gap} ms apart). Then the same with {@code
 * devices} clients connected to the server: first A, B and bare long-polls that only follow the
 * cursor (the server's fan-out), then A, B and full databases on automatic sync, all in this JVM,
 * each of which pulls, applies and notifies every event too (so on a small machine they compete
 * with B for the cores).
 *
 * <p>Not a JMH benchmark (one latency per commit, not a throughput): run it as a main class,
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.eventsourced.bench.AutoSyncLatency \
 *     [samples=200] [warmup=50] [devices=100] [gap=50] [debounce=5]
 * </pre>
 *
 * <p>The server runs on loopback on its embedded SQLite store; every database is a file in a
 * temporary directory, with the default debounce (5 ms) and long-poll.
 */
public final class AutoSyncLatency {

  private AutoSyncLatency() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("expected name=value, got " + arg);
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int samples = Integer.parseInt(options.getOrDefault("samples", "200"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
    int devices = Integer.parseInt(options.getOrDefault("devices", "100"));
    long gapMillis = Long.parseLong(options.getOrDefault("gap", "50"));
    Duration debounce = Duration.ofMillis(Long.parseLong(options.getOrDefault("debounce", "5")));
    Path dir = Files.createTempDirectory("bench-autosync");
    List<EventSourcedDb> open = new ArrayList<>();
    List<Thread> pollers = new ArrayList<>();
    try (SyncServer server =
        SyncServer.builder()
            .store(EventStore.sqlite(dir.resolve("server.db")))
            .host("127.0.0.1")
            .port(0)
            .start()) {
      URI events = server.eventsUri();
      Map<String, Long> stored = new ConcurrentHashMap<>();
      Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
      EventSourcedDb a = device(dir.resolve("a.sqlite"), timed(events, stored), debounce, open);
      EventSourcedDb b = device(dir.resolve("b.sqlite"), events, debounce, open);
      LiveQuery<Todo> onB = TodoRepository.of(b).query().live();
      onB.subscribe(
          update -> {
            long now = System.nanoTime();
            for (Delta.Added<Todo> added : update.delta().added()) {
              arrivals
                  .computeIfAbsent(added.row().id(), id -> new CompletableFuture<>())
                  .complete(now);
            }
          });
      System.out.printf(
          Locale.ROOT,
          "%s %s, %d cores; the server on its embedded SQLite store at %s; debounce %d ms%n",
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          events,
          debounce.toMillis());

      measure("2 devices", a, stored, arrivals, "two", samples, warmup, gapMillis);
      if (devices <= 2) return;

      // The server with `devices` connections: A and B, and bare long-polls that only follow the
      // cursor (the server's fan-out without the other devices' client work on this machine).
      AtomicBoolean stop = new AtomicBoolean();
      for (int i = 2; i < devices; i++) {
        Thread poller = new Thread(() -> follow(events, stop), "bare-long-poll-" + i);
        poller.setDaemon(true);
        poller.start();
        pollers.add(poller);
      }
      Thread.sleep(1000);
      measure(
          devices + " connections (" + (devices - 2) + " bare long-polls)",
          a,
          stored,
          arrivals,
          "polls",
          samples,
          warmup,
          gapMillis);
      stop.set(true);
      pollers.forEach(Thread::interrupt);

      // `devices` databases, all in this JVM: each pulls, applies and notifies every event.
      for (int i = 2; i < devices; i++) {
        EventSourcedDb other = device(dir.resolve("d" + i + ".sqlite"), events, debounce, open);
        TodoRepository.of(other).query().live(); // every device keeps a live query, like an app
      }
      Thread.sleep(1000);
      for (EventSourcedDb db : open) db.awaitSynced(Duration.ofSeconds(60));
      measure(devices + " devices", a, stored, arrivals, "many", samples, warmup, gapMillis);
    } finally {
      for (EventSourcedDb db : open) db.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(AutoSyncLatency::deleteQuietly);
      }
    }
  }

  /** A connected client that does nothing but long-poll the server and follow its cursor. */
  private static void follow(URI events, AtomicBoolean stop) {
    HttpSyncTransport http = HttpSyncTransport.to(events);
    long cursor = 0;
    while (!stop.get()) {
      try {
        PullResult page = http.poll(cursor, 500, Duration.ofSeconds(25));
        cursor = page.cursor();
      } catch (RuntimeException e) {
        if (stop.get()) return;
      }
    }
  }

  private static EventSourcedDb device(
      Path file, URI events, Duration debounce, List<EventSourcedDb> open) {
    return device(file, HttpSyncTransport.to(events), debounce, open);
  }

  private static EventSourcedDb device(
      Path file, SyncTransport transport, Duration debounce, List<EventSourcedDb> open) {
    EventSourcedDb db =
        EventSourcedDb.builder()
            .path(file)
            .collections(TodoRepository.COLLECTION)
            .sync(transport)
            .syncDebounce(debounce)
            .open();
    open.add(db);
    return db;
  }

  /** A's transport: notes when the server answered the push of each row's event. */
  private static SyncTransport timed(URI events, Map<String, Long> stored) {
    HttpSyncTransport http = HttpSyncTransport.to(events);
    return new SyncTransport() {
      @Override
      public PushResult push(List<SyncEvent> batch) {
        PushResult result = http.push(batch);
        long now = System.nanoTime();
        for (SyncEvent event : batch) stored.putIfAbsent(event.key(), now);
        return result;
      }

      @Override
      public PullResult pull(long since, int limit) {
        return http.pull(since, limit);
      }

      @Override
      public PullResult poll(long since, int limit, Duration wait) {
        return http.poll(since, limit, wait);
      }
    };
  }

  private static void measure(
      String label,
      EventSourcedDb a,
      Map<String, Long> stored,
      Map<String, CompletableFuture<Long>> arrivals,
      String run,
      int samples,
      int warmup,
      long gapMillis)
      throws Exception {
    TodoRepository todos = TodoRepository.of(a);
    long[] total = new long[samples];
    long[] push = new long[samples];
    long[] fanOut = new long[samples];
    for (int i = -warmup; i < samples; i++) {
      String id = run + "-" + i;
      CompletableFuture<Long> arrived =
          arrivals.computeIfAbsent(id, k -> new CompletableFuture<>());
      long started = System.nanoTime();
      todos.insert(new Todo(id, "u1", "todo " + id, Todo.Status.PENDING, started, started));
      long at = arrived.get(30, TimeUnit.SECONDS);
      if (i >= 0) {
        // B may be told before A's push call has returned (the server answers B's long-poll when
        // it commits): then the second part comes out negative.
        while (!stored.containsKey(id)) Thread.sleep(1);
        long pushed = stored.get(id);
        total[i] = at - started;
        push[i] = pushed - started;
        fanOut[i] = at - pushed;
      }
      Thread.sleep(gapMillis);
    }
    System.out.printf(
        Locale.ROOT,
        "%s, %d samples after %d warm-up:%n  %s%n  %s%n  %s%n",
        label,
        samples,
        warmup,
        summary("commit on A -> B's subscriber", total),
        summary("  of which commit on A -> A's push answered", push),
        summary("  and A's push answered -> B's subscriber", fanOut));
  }

  private static String summary(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%-46s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms",
        what,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.90) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  /** The nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary directory
    }
  }
}
