package dev.eventsourced.bench;

import dev.eventsourced.db.EventSourcedDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The ratios of the write, open and sync benchmarks on a shared, noisy machine: the library and its
 * JDBC baselines (the equal-schema {@link JdbcBaseline} and the lean {@link LeanJdbcBaseline}) take
 * turns in short slices, the order rotating each round, so that each round's ratios are measured in
 * the same moments of machine load; the medians of those per-round ratios (and their quartiles) are
 * reported. A plain main class, not JMH: JMH runs one benchmark after another, and a load that
 * changes between them skews their ratio. The groups: single inserts, batches of 1,000 inserts,
 * updates of two fields, opening a file of 1,000 rows with its first query ({@link OpenBenchmark}'s
 * work), and pull + apply of 100,000 events over HTTP ({@link SyncBenchmark}'s work).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.eventsourced.bench.WriteRatios \
 *     rounds=11 singles=300 batches=2 updates=300 opens=100 sync=5 syncWarmups=4
 * </pre>
 */
public final class WriteRatios {

  private WriteRatios() {}

  interface Op {
    void run(long n) throws Exception;
  }

  record Contender(String name, Op op, int opsPerCall) {}

  public static void main(String[] args) throws Exception {
    int rounds = 15;
    int singles = 400;
    int batches = 4;
    int updates = 400;
    int opens = 100;
    int syncRounds = 5;
    int syncWarmups = 4;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      switch (kv[0]) {
        case "rounds" -> rounds = Integer.parseInt(kv[1]);
        case "singles" -> singles = Integer.parseInt(kv[1]);
        case "batches" -> batches = Integer.parseInt(kv[1]);
        case "updates" -> updates = Integer.parseInt(kv[1]);
        case "opens" -> opens = Integer.parseInt(kv[1]);
        case "sync" -> syncRounds = Integer.parseInt(kv[1]);
        case "syncWarmups" -> syncWarmups = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    Path dir = Files.createTempDirectory("write-ratios");
    try (EventSourcedDb db =
            EventSourcedDb.builder()
                .path(dir.resolve("lib.sqlite"))
                .collections(TodoRepository.COLLECTION)
                .open();
        EventSourcedDb dbUpdated =
            EventSourcedDb.builder()
                .path(dir.resolve("lib-upd.sqlite"))
                .collections(TodoRepository.COLLECTION)
                .open();
        JdbcBaseline jdbc = new JdbcBaseline(dir.resolve("jdbc.sqlite"));
        JdbcBaseline jdbcUpdated = new JdbcBaseline(dir.resolve("jdbc-upd.sqlite"));
        LeanJdbcBaseline lean = new LeanJdbcBaseline(dir.resolve("lean.sqlite"));
        LeanJdbcBaseline leanUpdated = new LeanJdbcBaseline(dir.resolve("lean-upd.sqlite"))) {
      TodoRepository todos = TodoRepository.of(db);
      TodoRepository todosUpdated = TodoRepository.of(dbUpdated);
      List<Todo> fill = new ArrayList<>();
      for (int i = 0; i < WriteBenchmark.UPDATED_ROWS; i++) fill.add(WriteBenchmark.todo(i));
      todosUpdated.insertAll(fill);
      for (Todo todo : fill) {
        jdbcUpdated.insert(todo);
        leanUpdated.insert(todo);
      }
      jdbcUpdated.commit();
      leanUpdated.commit();
      long[] next = {0, 0, 0};
      int batch = WriteBenchmark.BATCH;
      List<List<Contender>> groups =
          List.of(
              List.of(
                  new Contender("singleInsert_library", n -> todos.insert(todo(n)), 1),
                  new Contender(
                      "singleInsert_jdbc",
                      n -> {
                        jdbc.insert(todo(n));
                        jdbc.commit();
                      },
                      1),
                  new Contender(
                      "singleInsert_lean",
                      n -> {
                        lean.insert(todo(n));
                        lean.commit();
                      },
                      1)),
              List.of(
                  new Contender(
                      "batchInsert_library",
                      n -> {
                        List<Todo> rows = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) rows.add(todo(n * batch + i));
                        todos.insertAll(rows);
                      },
                      batch),
                  new Contender(
                      "batchInsert_jdbc",
                      n -> {
                        for (int i = 0; i < batch; i++) jdbc.insert(todo(n * batch + i));
                        jdbc.commit();
                      },
                      batch),
                  new Contender(
                      "batchInsert_lean",
                      n -> {
                        for (int i = 0; i < batch; i++) lean.insert(todo(n * batch + i));
                        lean.commit();
                      },
                      batch)),
              List.of(
                  new Contender(
                      "update_library",
                      n -> {
                        Todo next2 = WriteBenchmark.updated(n);
                        todosUpdated.update(
                            next2.id(),
                            draft -> draft.title(next2.title()).updatedAt(next2.updatedAt()));
                      },
                      1),
                  new Contender(
                      "update_jdbc",
                      n -> {
                        jdbcUpdated.update(WriteBenchmark.updated(n));
                        jdbcUpdated.commit();
                      },
                      1),
                  new Contender(
                      "update_lean",
                      n -> {
                        leanUpdated.update(WriteBenchmark.updated(n));
                        leanUpdated.commit();
                      },
                      1)));
      // Opening a file of 1,000 rows and events, its first query, closing (OpenBenchmark's work).
      Path openFile = dir.resolve("open.sqlite");
      EventSourcedDb.builder().path(openFile).collections(TodoRepository.COLLECTION).open().close();
      try (JdbcBaseline filler = new JdbcBaseline(openFile)) {
        for (int i = 0; i < 1_000; i++) filler.insert(WriteBenchmark.todo(i));
        filler.commit();
      }
      OpenBenchmark opener = new OpenBenchmark();
      opener.useFile(openFile);
      groups = new ArrayList<>(groups);
      groups.add(
          List.of(
              new Contender("open_library", n -> opener.openAndQuery_library(), 1),
              new Contender("open_jdbc", n -> opener.openAndQuery_jdbc(), 1)));
      int[] calls = {singles, batches, updates, opens};
      System.out.printf(
          Locale.ROOT,
          "%d rounds; per round and contender: %d single inserts, %d batches of %d, %d updates%n",
          rounds,
          singles,
          batches,
          batch,
          updates);
      // Separate key ranges per group so that the single and batch inserts never collide.
      long[] base = {1_000_000_000L, 10_000_000L, 0, 0};
      for (int g = 0; g < groups.size(); g++) {
        List<Contender> group = groups.get(g);
        double[][] rates = new double[group.size()][rounds + 2];
        long[] counters = new long[group.size()];
        for (int round = 0; round < rounds + 2; round++) { // two warm-up rounds
          for (int k = 0; k < group.size(); k++) {
            int c = (k + round) % group.size();
            Contender contender = group.get(c);
            long start = System.nanoTime();
            for (int i = 0; i < calls[g]; i++) contender.op().run(base[g] + counters[c]++);
            long elapsed = System.nanoTime() - start;
            rates[c][round] = (double) calls[g] * contender.opsPerCall() * 1e9 / elapsed;
          }
        }
        report(group, rates, rounds);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    if (syncRounds > 0) syncRatios(syncRounds, syncWarmups);
  }

  /**
   * SyncBenchmark's pull + apply over HTTP of 100,000 events beside its two JDBC apply baselines,
   * taking turns, one fresh client file each, {@code rounds} rounds after {@code warmups} warm-up
   * rounds (the HTTP client's and server's code paths run once per page, 100 times a round, and are
   * still being compiled after the first rounds).
   */
  private static void syncRatios(int rounds, int warmups) throws Exception {
    SyncBenchmark bench = new SyncBenchmark();
    bench.fillServer();
    try {
      List<Contender> group =
          List.of(
              new Contender("pullAndApply_http", n -> bench.pullAndApply_http(), 1),
              new Contender("apply_jdbc", n -> bench.apply_jdbc(), 1),
              new Contender("apply_lean", n -> bench.apply_lean(), 1));
      System.out.printf(
          Locale.ROOT, "sync: %d rounds of %,d events each%n", rounds, SyncBenchmark.EVENTS);
      double[][] rates = new double[group.size()][rounds + warmups];
      for (int round = 0; round < rounds + warmups; round++) {
        for (int k = 0; k < group.size(); k++) {
          int c = (k + round) % group.size();
          bench.freshClient();
          long start = System.nanoTime();
          group.get(c).op().run(0);
          long elapsed = System.nanoTime() - start;
          bench.closeClient();
          rates[c][round] = SyncBenchmark.EVENTS * 1e9 / elapsed;
        }
      }
      double[][] measured = new double[group.size()][rounds + 2];
      for (int c = 0; c < group.size(); c++) {
        System.arraycopy(rates[c], warmups, measured[c], 2, rounds);
      }
      report(group, measured, rounds);
    } finally {
      bench.stopServer();
    }
  }

  private static Todo todo(long n) {
    return WriteBenchmark.todo(n);
  }

  private static void report(List<Contender> group, double[][] rates, int rounds) {
    double[] medians = new double[group.size()];
    for (int c = 0; c < group.size(); c++) {
      medians[c] = median(Arrays.copyOfRange(rates[c], 2, rounds + 2));
      System.out.printf(
          Locale.ROOT, "  %-22s median %,10.0f /s%n", group.get(c).name(), medians[c]);
    }
    for (int baseline = 1; baseline < group.size(); baseline++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) ratios[r] = rates[0][r + 2] / rates[baseline][r + 2];
      Arrays.sort(ratios);
      System.out.printf(
          Locale.ROOT,
          "  %s / %s: median of per-round ratios %.0f %% (quartiles %.0f-%.0f %%)%n",
          group.get(0).name(),
          group.get(baseline).name(),
          100 * median(ratios),
          100 * ratios[rounds / 4],
          100 * ratios[(3 * rounds) / 4]);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
