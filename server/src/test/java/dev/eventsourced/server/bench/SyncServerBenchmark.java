package dev.eventsourced.server.bench;

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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Push and pull throughput of the sync server over real HTTP on loopback, for each store.
 *
 * <p>Push: 8 concurrent clients, each sending batches of 100 new events (~200-byte payloads) as
 * fast as the server confirms them. Pull: clients following cursors from 0 with {@code limit=1000}
 * over the whole log (1 client, then 4 at once). Each figure is the median of several runs after
 * one warm-up run. The client reads the cursor and hasMore from the end of each pull response and
 * does not parse the events, so the pull figures are what the server delivers.
 *
 * <p>Run: {@code ./mvnw -q -pl server test-compile exec:java}, optionally with {@code
 * -Dbench.stores=sqlite,postgresql -Dbench.runs=5 -Dbench.batchesPerClient=125}. PostgreSQL:
 * 127.0.0.1:5432, database test, user postgres (a scratch schema is dropped after).
 */
public final class SyncServerBenchmark {

  private static final int CLIENTS = 8;
  private static final int BATCH = 100;
  private static final int PULL_LIMIT = 1000;
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int runs = Integer.getInteger("bench.runs", 5);
  private final int batchesPerClient = Integer.getInteger("bench.batchesPerClient", 125);

  public static void main(String[] args) throws Exception {
    String stores = System.getProperty("bench.stores", "sqlite,postgresql");
    SyncServerBenchmark benchmark = new SyncServerBenchmark();
    System.out.printf(
        Locale.ROOT,
        "Sync server benchmark: %d push clients x batches of %d, %d batches per client per run,"
            + " pull limit %d, median of %d runs after 1 warm-up; %d cores, Java %s%n",
        CLIENTS,
        BATCH,
        benchmark.batchesPerClient,
        PULL_LIMIT,
        benchmark.runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (String store : stores.split(",")) {
      benchmark.run(store.strip());
    }
    System.exit(0);
  }

  private void run(String storeName) throws Exception {
    Path dir = Files.createTempDirectory("es-bench");
    String schema = "es_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    EventStore store =
        storeName.equals("sqlite")
            ? EventStore.sqlite(dir.resolve("events.db"))
            : EventStore.postgres(
                PostgresOptions.of(PG_URL).withCredentials("postgres", null).withSchema(schema));
    try (SyncServer server = SyncServer.builder().store(store).host("127.0.0.1").port(0).start()) {
      URI events = server.eventsUri();
      List<Double> push = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        double rate = push(events);
        if (run > 0) {
          push.add(rate);
        }
      }
      long total = store.lastSeq();
      List<Double> pullOne = new ArrayList<>();
      List<Double> pullFour = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        double one = pull(events, 1, total);
        double four = pull(events, 4, total);
        if (run > 0) {
          pullOne.add(one);
          pullFour.add(four);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%-10s push  %,9.0f events/s  (runs: %s)%n",
          storeName,
          median(push),
          rounded(push));
      System.out.printf(
          Locale.ROOT,
          "%-10s pull  %,9.0f events/s  1 client following cursors over %,d events (runs: %s)%n",
          storeName,
          median(pullOne),
          total,
          rounded(pullOne));
      System.out.printf(
          Locale.ROOT,
          "%-10s pull  %,9.0f events/s  4 clients at once, in total (runs: %s)%n",
          storeName,
          median(pullFour),
          rounded(pullFour));
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

  /** One push run: every client sends its batches back to back; returns events per second. */
  private double push(URI events) throws Exception {
    List<List<byte[]>> bodies = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      List<byte[]> batches = new ArrayList<>();
      for (int b = 0; b < batchesPerClient; b++) {
        batches.add(batch(c));
      }
      bodies.add(batches);
    }
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      long start = System.nanoTime();
      List<Future<?>> clients = new ArrayList<>();
      for (List<byte[]> batches : bodies) {
        clients.add(
            pool.submit(
                () -> {
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
                }));
      }
      for (Future<?> client : clients) {
        client.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return CLIENTS * batchesPerClient * BATCH / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A batch of 100 new events with realistic ~200-byte payloads. */
  private static byte[] batch(int client) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder json = new StringBuilder(BATCH * 400).append('[');
    for (int i = 0; i < BATCH; i++) {
      long now = 1_700_000_000_000L + random.nextInt(1_000_000_000);
      String key = "todo-" + client + "-" + random.nextInt(1_000_000);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"eventId\":\"")
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

  /**
   * {@code clients} clients each follow cursors from 0 to {@code total}; returns events delivered
   * per second, in total.
   */
  private double pull(URI events, int clients, long total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<Future<Long>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        results.add(pool.submit(() -> followCursors(events, total)));
      }
      long delivered = 0;
      for (Future<Long> result : results) {
        delivered += result.get();
      }
      return delivered / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private long followCursors(URI events, long total) throws IOException, InterruptedException {
    long cursor = 0;
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
      cursor = Long.parseLong(body.substring(at, body.indexOf('"', at)));
      if (body.contains("\"hasMore\":false")) {
        if (cursor != total) {
          throw new IllegalStateException("pull ended at " + cursor + ", expected " + total);
        }
        return cursor;
      }
    }
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String rounded(List<Double> values) {
    List<String> text = new ArrayList<>();
    for (double value : values) {
      text.add(String.format(Locale.ROOT, "%,.0f", value));
    }
    return String.join(" / ", text);
  }
}
