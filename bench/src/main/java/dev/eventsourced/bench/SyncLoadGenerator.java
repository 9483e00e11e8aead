package dev.eventsourced.bench;

import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.PostgresOptions;
import dev.eventsourced.server.SyncServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The sync server under the load of issue 14, over real HTTP on loopback, for each store: 8 pushers
 * sending batches of 100 new events back to back, 4 pullers following cursors over the last 200,000
 * events ({@code limit=1000}), and 1,000 idle long-polls ({@code wait=30} on collections nobody
 * writes, re-issued when they time out) held open the whole time. The server runs in this JVM (the
 * same {@link SyncServer} as {@code java -jar}, metrics on, request log off), so every figure
 * includes the clients' own CPU on the same cores.
 *
 * <p>Per store: push alone (8 pushers), pull alone (4 pullers over the log), then both at once;
 * each with and without the idle long-polls; median of {@code load.runs} runs after a warm-up.
 * After the runs it scrapes {@code /metrics} for the server-side store latencies.
 *
 * <p>Run (see server/README.md, "Throughput under load"):
 *
 * <pre>
 * ./mvnw -q -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -cp bench/target/classes:$(cat /tmp/bench.cp) dev.eventsourced.bench.SyncLoadGenerator
 * </pre>
 *
 * System properties: {@code load.stores=sqlite,postgresql}, {@code load.runs=3}, {@code
 * load.batchesPerPusher=100}, {@code load.idle=1000}, {@code load.jfr=FILE} (record a JFR profile
 * of the loaded runs and print the hottest methods). PostgreSQL: 127.0.0.1:5432, database test,
 * user postgres; a scratch schema is dropped after.
 */
public final class SyncLoadGenerator {

  private static final int PUSHERS = 8;
  private static final int PULLERS = 4;
  private static final int BATCH = 100;
  private static final int PULL_LIMIT = 1000;
  private static final long PULL_WINDOW = 200_000;
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final HttpClient idleClient =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private final int runs = Integer.getInteger("load.runs", 3);
  private final int batchesPerPusher = Integer.getInteger("load.batchesPerPusher", 100);
  private final int idle = Integer.getInteger("load.idle", 1000);
  private final List<String> report = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    SyncLoadGenerator generator = new SyncLoadGenerator();
    String jfr = System.getProperty("load.jfr");
    Recording recording = null;
    if (jfr != null) {
      recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      recording.setDestination(Path.of(jfr));
      recording.start();
    }
    System.out.printf(
        Locale.ROOT,
        "Sync load: %d pushers x batches of %d (%d batches each per run), %d pullers (limit %d),"
            + " %d idle long-polls; median of %d runs after 1 warm-up; %d cores, Java %s%n",
        PUSHERS,
        BATCH,
        generator.batchesPerPusher,
        PULLERS,
        PULL_LIMIT,
        generator.idle,
        generator.runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (String store : System.getProperty("load.stores", "sqlite,postgresql").split(",")) {
      generator.run(store.strip());
    }
    if (recording != null) {
      recording.stop();
      recording.close();
      hotMethods(Path.of(jfr));
    }
    System.out.println();
    generator.report.forEach(System.out::println);
    System.exit(0);
  }

  private void run(String storeName) throws Exception {
    Path dir = Files.createTempDirectory("es-load");
    String schema = "es_load_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    EventStore store =
        storeName.equals("sqlite")
            ? EventStore.sqlite(dir.resolve("events.db"))
            : EventStore.postgres(
                PostgresOptions.of(PG_URL).withCredentials("postgres", null).withSchema(schema));
    try (SyncServer server =
        SyncServer.builder().store(store).host("127.0.0.1").port(0).requestLog(false).start()) {
      URI events = server.eventsUri();
      for (int idlePolls : idle == 0 ? List.of(0) : List.of(0, idle)) {
        IdlePolls polls = new IdlePolls(events, idlePolls);
        polls.awaitOpen(server);
        String label = String.format(Locale.ROOT, "%-10s idle=%-5d", storeName, idlePolls);
        List<Double> push = new ArrayList<>();
        List<Double> pull = new ArrayList<>();
        List<Double> mixedPush = new ArrayList<>();
        List<Double> mixedPull = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
          double pushRate = push(events);
          double pullRate = pullAll(events, store.lastSeq());
          double[] mixed = mixed(events);
          if (run > 0) {
            push.add(pushRate);
            pull.add(pullRate);
            mixedPush.add(mixed[0]);
            mixedPull.add(mixed[1]);
          }
        }
        int waiting = server.service().waitingPulls();
        polls.close();
        line(label, "push alone", push);
        line(label, "pull alone", pull);
        line(label, "push mixed", mixedPush);
        line(label, "pull mixed", mixedPull);
        report.add(
            String.format(
                Locale.ROOT,
                "%s waiting long-polls at the end: %d, log %,d events",
                label,
                waiting,
                store.lastSeq()));
      }
      report.addAll(storeLatency(server, storeName));
    } finally {
      if (!storeName.equals("sqlite")) {
        try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", null);
            Statement statement = connection.createStatement()) {
          statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
      try (var files = Files.walk(dir)) {
        files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private void line(String label, String what, List<Double> rates) {
    List<String> text = new ArrayList<>();
    for (double rate : rates) {
      text.add(String.format(Locale.ROOT, "%,.0f", rate));
    }
    List<Double> sorted = new ArrayList<>(rates);
    Collections.sort(sorted);
    String line =
        String.format(
            Locale.ROOT,
            "%s %-10s %,9.0f events/s  (runs: %s)",
            label,
            what,
            sorted.get(sorted.size() / 2),
            String.join(" / ", text));
    System.out.println(line);
    report.add(line);
  }

  /** 8 pushers, each sending its batches back to back; events per second. */
  private double push(URI events) throws Exception {
    List<List<byte[]>> bodies = bodies(batchesPerPusher);
    ExecutorService pool = Executors.newFixedThreadPool(PUSHERS);
    try {
      long start = System.nanoTime();
      List<Future<?>> pushers = new ArrayList<>();
      for (List<byte[]> batches : bodies) {
        pushers.add(pool.submit(() -> pushAll(events, batches, null)));
      }
      for (Future<?> pusher : pushers) {
        pusher.get();
      }
      return (double) PUSHERS * batchesPerPusher * BATCH / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * 4 pullers, each following cursors over the last 200,000 events up to {@code total}; events
   * delivered per second.
   */
  private double pullAll(URI events, long total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PULLERS);
    try {
      long start = System.nanoTime();
      List<Future<Long>> pullers = new ArrayList<>();
      for (int i = 0; i < PULLERS; i++) {
        pullers.add(
            pool.submit(() -> follow(events, Math.max(0, total - PULL_WINDOW), total, null)));
      }
      long delivered = 0;
      for (Future<Long> puller : pullers) {
        delivered += puller.get();
      }
      return delivered / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Pushers and pullers at once: the pullers start at the current head minus what the pushers will
   * add, and follow the log while it grows until the pushers are done. Returns {push, pull} rates.
   */
  private double[] mixed(URI events) throws Exception {
    List<List<byte[]>> bodies = bodies(batchesPerPusher / 2);
    long head = head(events);
    long from = Math.max(0, head - (long) PUSHERS * (batchesPerPusher / 2) * BATCH);
    ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + PULLERS);
    AtomicBoolean pushing = new AtomicBoolean(true);
    AtomicLong pulled = new AtomicLong();
    try {
      long start = System.nanoTime();
      List<Future<?>> pushers = new ArrayList<>();
      for (List<byte[]> batches : bodies) {
        pushers.add(pool.submit(() -> pushAll(events, batches, null)));
      }
      List<Future<Long>> pullers = new ArrayList<>();
      for (int i = 0; i < PULLERS; i++) {
        pullers.add(pool.submit(() -> follow(events, from, Long.MAX_VALUE, pushing)));
      }
      for (Future<?> pusher : pushers) {
        pusher.get();
      }
      double pushSeconds = (System.nanoTime() - start) / 1e9;
      pushing.set(false);
      for (Future<Long> puller : pullers) {
        pulled.addAndGet(puller.get());
      }
      double pullSeconds = (System.nanoTime() - start) / 1e9;
      return new double[] {
        (double) PUSHERS * (batchesPerPusher / 2) * BATCH / pushSeconds, pulled.get() / pullSeconds
      };
    } finally {
      pool.shutdownNow();
    }
  }

  private Void pushAll(URI events, List<byte[]> batches, Void unused) throws Exception {
    for (byte[] body : batches) {
      HttpResponse<byte[]> response =
          send(
              HttpRequest.newBuilder(events)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "push failed: "
                + response.statusCode()
                + " "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
    }
    return null;
  }

  /**
   * Follows cursors from {@code since}: up to {@code total}, or while {@code going} is set and then
   * until caught up. Returns the events received.
   */
  private long follow(URI events, long since, long total, AtomicBoolean going)
      throws IOException, InterruptedException {
    long cursor = since;
    long received = 0;
    while (true) {
      HttpResponse<byte[]> response =
          send(
              HttpRequest.newBuilder(
                      URI.create(events + "?since=" + cursor + "&limit=" + PULL_LIMIT))
                  .GET());
      String body = new String(response.body(), StandardCharsets.UTF_8);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("pull failed: " + response.statusCode() + " " + body);
      }
      int at = body.lastIndexOf("\"cursor\":\"") + 10;
      long next = Long.parseLong(body.substring(at, body.indexOf('"', at)));
      received += next - cursor;
      cursor = next;
      boolean hasMore = body.contains("\"hasMore\":true");
      if (!hasMore && (going == null ? cursor >= total : !going.get())) {
        if (going == null && cursor != total) {
          throw new IllegalStateException("pull ended at " + cursor + ", expected " + total);
        }
        return received;
      }
      if (!hasMore) {
        Thread.sleep(1); // caught up while the pushers go on
      }
    }
  }

  private long head(URI events) throws IOException, InterruptedException {
    String body =
        new String(
            send(HttpRequest.newBuilder(URI.create(events + "?since=0&limit=1")).GET()).body(),
            StandardCharsets.UTF_8);
    int at = body.indexOf("\"head\":\"");
    return at < 0 ? 0 : Long.parseLong(body.substring(at + 8, body.indexOf('"', at + 8)));
  }

  private List<List<byte[]>> bodies(int batches) {
    List<List<byte[]>> bodies = new ArrayList<>();
    for (int p = 0; p < PUSHERS; p++) {
      List<byte[]> list = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        list.add(batch(p));
      }
      bodies.add(list);
    }
    return bodies;
  }

  /** A batch of 100 new events with ~200-byte payloads (the same as SyncServerBenchmark). */
  private static byte[] batch(int client) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder json = new StringBuilder(BATCH * 400).append('[');
    for (int i = 0; i < BATCH; i++) {
      long now = 1_700_000_000_000L + random.nextInt(1_000_000_000);
      String key = "todo-" + client + "-" + random.nextInt(1_000_000);
      json.append(i > 0 ? "," : "")
          .append("{\"eventId\":\"")
          .append(UUID.randomUUID())
          .append("\",\"collectionId\":\"todos\",\"type\":\"insert\",\"key\":\"")
          .append(key)
          .append("\",\"payload\":{\"id\":\"")
          .append(key)
          .append("\",\"userId\":\"user-")
          .append(random.nextInt(10_000))
          .append("\",\"title\":\"Buy oat milk and bread for the weekend, ")
          .append(random.nextInt(1000))
          .append("\",\"status\":\"PENDING\",\"priority\":")
          .append(random.nextInt(5))
          .append(",\"tags\":[\"home\",\"shopping\"],\"createdAt\":")
          .append(now)
          .append(",\"updatedAt\":")
          .append(now)
          .append("},\"timestamp\":")
          .append(now)
          .append(",\"clientId\":\"device-")
          .append(client)
          .append("\"}");
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Long-polls on collections nobody writes, each re-issued when it times out. */
  private final class IdlePolls implements AutoCloseable {
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final int count;

    IdlePolls(URI events, int count) {
      this.count = count;
      for (int i = 0; i < count; i++) {
        poll(URI.create(events + "?since=0&wait=30&collection=idle-" + i));
      }
    }

    private void poll(URI uri) {
      if (!open.get()) {
        return;
      }
      CompletableFuture<HttpResponse<Void>> answer =
          idleClient.sendAsync(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      answer.whenComplete((response, error) -> poll(uri));
    }

    void awaitOpen(SyncServer server) throws InterruptedException {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (server.service().waitingPulls() < count && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      System.out.printf(Locale.ROOT, "%d long-polls waiting%n", server.service().waitingPulls());
    }

    @Override
    public void close() {
      open.set(false);
    }
  }

  /** The store latencies from /metrics: mean append and read time. */
  private static List<String> storeLatency(SyncServer server, String storeName) throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUri() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    Map<String, Double> samples = new HashMap<>();
    for (String line : metrics.body().split("\n")) {
      if (!line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    List<String> lines = new ArrayList<>();
    for (String op : List.of("append", "read")) {
      String name = "eventsourced_store_" + op + "_seconds";
      double count = samples.getOrDefault(name + "_count", 0.0);
      double sum = samples.getOrDefault(name + "_sum", 0.0);
      lines.add(
          String.format(
              Locale.ROOT,
              "%-10s store %-6s %,10.0f calls, mean %.2f ms (from /metrics)",
              storeName,
              op,
              count,
              count == 0 ? 0 : sum / count * 1000));
    }
    return lines;
  }

  /**
   * Prints the methods with the most execution samples (top frame) and the hottest stacks' owners.
   */
  private static void hotMethods(Path jfr) throws IOException {
    Map<String, Integer> top = new HashMap<>();
    Map<String, Integer> packages = new HashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null
          || event.getStackTrace().getFrames().isEmpty()) {
        continue;
      }
      total++;
      RecordedFrame frame = event.getStackTrace().getFrames().get(0);
      String type = frame.getMethod().getType().getName();
      top.merge(type + "." + frame.getMethod().getName(), 1, Integer::sum);
      String pkg = type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type;
      String[] parts = pkg.split("\\.");
      packages.merge(
          String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length))),
          1,
          Integer::sum);
    }
    System.out.printf(Locale.ROOT, "%nJFR: %d execution samples (Java threads only)%n", total);
    print("top methods", top, total, 20);
    print("by package (top frame)", packages, total, 15);
  }

  private static void print(String title, Map<String, Integer> counts, int total, int n) {
    System.out.println(title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }
}
