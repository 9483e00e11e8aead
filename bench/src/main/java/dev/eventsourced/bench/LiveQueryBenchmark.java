package dev.eventsourced.bench;

import dev.eventsourced.db.BenchAccess;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Query;
import dev.eventsourced.db.live.LiveQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A filtered, ordered, limited live query ({@code status = PENDING ORDER BY created_at DESC LIMIT
 * 50}) over 10,000 and 100,000 rows, against re-running the same SQL:
 *
 * <ul>
 *   <li>{@code requery_library} / {@code requery_jdbc}: running the query (library, hand-written
 *       JDBC): what a "re-run on every commit" live query pays per commit;
 *   <li>{@code update_plain}: one update of a row in the window, no live query (the write itself);
 *   <li>{@code update_live}: the same update with the live query and a subscriber on the committing
 *       thread ({@code Runnable::run}): write + incremental maintenance + delta + notification;
 *   <li>{@code update_liveNotifyThread}: the same, the subscriber on the default notification
 *       thread; the operation ends when that thread has seen the update.
 * </ul>
 *
 * <p>Each update moves a row of the window to its top (a new {@code created_at}), so the window
 * stays full and no refill happens. {@code update_live} also measures the latency from the end of
 * the commit to the subscriber's call directly (a commit listener registered before the live query
 * stamps the commit) and prints its median and 99th percentile at the end of each iteration.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LiveQueryBenchmark {

  static final int WINDOW = 50;

  /** A file database with {@code rows} todos, half of them pending. */
  @State(Scope.Thread)
  public static class Data {
    @Param({"10000", "100000"})
    public int rows;

    Path dir;
    EventSourcedDb db;
    TodoRepository todos;
    Query<Todo> query;
    String[] window; // ids of the rows the updates cycle through
    long clock;
    int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("bench-live");
      db =
          EventSourcedDb.builder()
              .path(dir.resolve("live.sqlite"))
              .collections(TodoRepository.COLLECTION)
              .open();
      todos = TodoRepository.of(db);
      List<Todo> batch = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        batch.add(
            new Todo(
                "todo-" + i,
                "user-" + (i % 100),
                "Buy milk #" + i,
                i % 2 == 0 ? Todo.Status.PENDING : Todo.Status.COMPLETE,
                i,
                i));
        if (batch.size() == 10_000) {
          todos.insertAll(batch);
          batch.clear();
        }
      }
      todos.insertAll(batch);
      clock = rows;
      query =
          todos
              .query()
              .where(Todo_.STATUS.eq(Todo.Status.PENDING))
              .orderBy(Todo_.CREATED_AT.desc())
              .limit(WINDOW);
      window = query.list().stream().map(Todo::id).toArray(String[]::new);
    }

    /** Moves the next row of the window to its top. */
    void update() {
      String id = window[next++ % window.length];
      long createdAt = ++clock;
      todos.update(id, draft -> draft.createdAt(createdAt));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      db.close();
      Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  /** {@link Data} with the live query and a subscriber on the committing thread. */
  @State(Scope.Thread)
  public static class Live extends Data {
    LiveQuery<Todo> live;
    volatile long committedAt;
    long[] latencies = new long[1 << 20];
    int samples;

    @Setup(Level.Trial)
    public void subscribe() {
      BenchAccess.engine(db)
          .onCommit(changes -> committedAt = System.nanoTime()); // runs before the live query's
      live = query.live();
      live.subscribe(
          Runnable::run,
          update -> {
            if (!update.initial() && samples < latencies.length)
              latencies[samples++] = System.nanoTime() - committedAt;
          });
    }

    @TearDown(Level.Iteration)
    public void report() {
      if (samples == 0) return;
      long[] sorted = Arrays.copyOf(latencies, samples);
      Arrays.sort(sorted);
      System.out.printf(
          "%n  commit -> notification (rows=%d, n=%d): median %.1f us, p99 %.1f us%n",
          rows, samples, sorted[samples / 2] / 1000.0, sorted[(int) (samples * 0.99)] / 1000.0);
      samples = 0;
    }

    @TearDown(Level.Trial)
    public void closeLive() {
      live.close();
    }
  }

  /** {@link Data} with the live query and a subscriber on the default notification thread. */
  @State(Scope.Thread)
  public static class LiveOnNotifyThread extends Data {
    LiveQuery<Todo> live;
    volatile long seen;
    long expected;

    @Setup(Level.Trial)
    public void subscribe() {
      live = query.live();
      live.subscribe(update -> seen++);
      while (seen == 0) Thread.onSpinWait();
      expected = 1;
    }

    @TearDown(Level.Trial)
    public void closeLive() {
      live.close();
    }
  }

  /** The same query through hand-written JDBC on its own connection to the same kind of file. */
  @State(Scope.Thread)
  public static class Jdbc extends Data {
    Connection connection;
    PreparedStatement select;

    @Setup(Level.Trial)
    public void prepare() throws SQLException {
      connection =
          DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("live.sqlite").toAbsolutePath());
      select =
          connection.prepareStatement(
              "SELECT \"id\", \"user_id\", \"title\", \"status\", \"created_at\", "
                  + "\"updated_at\" FROM \"todos\" WHERE \"status\" = ? ORDER BY \"created_at\" DESC, \"id\" LIMIT ?");
    }

    @TearDown(Level.Trial)
    public void closeJdbc() throws SQLException {
      select.close();
      connection.close();
    }
  }

  @Benchmark
  public List<Todo> requery_library(Data state) {
    return state.query.list();
  }

  @Benchmark
  public void requery_jdbc(Jdbc state, Blackhole blackhole) throws SQLException {
    state.select.setString(1, "PENDING");
    state.select.setInt(2, WINDOW);
    try (ResultSet rs = state.select.executeQuery()) {
      while (rs.next()) {
        blackhole.consume(
            new Todo(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Todo.Status.valueOf(rs.getString(4)),
                rs.getLong(5),
                rs.getLong(6)));
      }
    }
  }

  @Benchmark
  public void update_plain(Data state) {
    state.update();
  }

  @Benchmark
  public void update_live(Live state) {
    state.update();
  }

  @Benchmark
  public void update_liveNotifyThread(LiveOnNotifyThread state) {
    state.update();
    long target = ++state.expected;
    while (state.seen < target) Thread.onSpinWait();
  }
}
