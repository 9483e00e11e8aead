package dev.eventsourced.bench;

import dev.eventsourced.db.BenchAccess;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Query;
import dev.eventsourced.db.live.LiveQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * The cost of a single-row update (one commit) with {@code openQueries} live queries open, each
 * with a subscriber on the committing thread: what an app with many screens or widgets pays per
 * write.
 *
 * <p>10,000 todos; row {@code i} belongs to {@code user-(i % 2000)} and was created at {@code i}.
 * Live query {@code q} is, by {@code filter}:
 *
 * <ul>
 *   <li>{@code equality}: {@code user_id = 'user-q' ORDER BY created_at DESC LIMIT 50} (5 rows);
 *   <li>{@code range}: {@code created_at BETWEEN 5q AND 5q + 4 ORDER BY created_at DESC LIMIT 50}
 *       (5 rows).
 * </ul>
 *
 * <p>{@code update_concernsNone} changes the title of a row that no open query holds or matches (a
 * user of 1,000 or more, created at 5,000 or later): ideally its cost does not depend on {@code
 * openQueries}. {@code update_concernsOne} changes the title of a row held by query 0 (with no
 * query open it concerns none). The setup prints the heap each open, idle live query takes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LiveScaleBenchmark {

  static final int ROWS = 10_000;
  static final int USERS = 2_000;

  @Param({"0", "1", "10", "100", "1000"})
  public int openQueries;

  @Param({"equality", "range"})
  public String filter;

  Path dir;
  EventSourcedDb db;
  TodoRepository todos;
  final List<LiveQuery<Todo>> live = new ArrayList<>();
  String[] unconcerned; // ids of rows no query concerns
  String[] concerned; // ids of rows held by query 0
  long clock;
  int next;
  volatile long committedAt;
  long[] dispatch = new long[1 << 20];
  int samples;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("bench-live-scale");
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("live-scale.sqlite"))
            .collections(TodoRepository.COLLECTION)
            .open();
    todos = TodoRepository.of(db);
    List<Todo> batch = new ArrayList<>();
    List<String> none = new ArrayList<>();
    List<String> one = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      int user = i % USERS;
      String id = "todo-" + i;
      batch.add(new Todo(id, "user-" + user, "Buy milk #" + i, Todo.Status.PENDING, i, i));
      if (user >= 1_000 && i >= 5_000) none.add(id);
      if ("equality".equals(filter) ? user == 0 : i < 5) one.add(id);
    }
    todos.insertAll(batch);
    unconcerned = none.toArray(String[]::new);
    concerned = one.toArray(String[]::new);
    clock = ROWS;
    // Runs before the live queries' commit listener (registered with the first live query)...
    BenchAccess.engine(db).onCommit(changes -> committedAt = System.nanoTime());
    long before = usedHeap();
    for (int q = 0; q < openQueries; q++) {
      LiveQuery<Todo> query = query(q).live();
      query.subscribe(Runnable::run, update -> {});
      live.add(query);
    }
    // ... and this one after it.
    BenchAccess.engine(db)
        .onCommit(
            changes -> {
              if (samples < dispatch.length) dispatch[samples++] = System.nanoTime() - committedAt;
            });
    if (openQueries > 0) {
      System.out.printf(
          "%n  heap per open live query (%s, %d open): %,d bytes%n",
          filter, openQueries, (usedHeap() - before) / openQueries);
    }
  }

  private Query<Todo> query(int q) {
    Query<Todo> query = todos.query();
    query =
        "equality".equals(filter)
            ? query.where(Todo_.USER_ID.eq("user-" + q))
            : query.where(Todo_.CREATED_AT.between(5L * q, 5L * q + 4));
    return query.orderBy(Todo_.CREATED_AT.desc()).limit(50);
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @TearDown(Level.Iteration)
  public void report() {
    if (samples == 0 || openQueries == 0) {
      samples = 0;
      return;
    }
    long[] sorted = Arrays.copyOf(dispatch, samples);
    Arrays.sort(sorted);
    System.out.printf(
        "%n  dispatch (%s, %d open, n=%d): median %.2f us, p90 %.2f us%n",
        filter,
        openQueries,
        samples,
        sorted[samples / 2] / 1000.0,
        sorted[(int) (samples * 0.9)] / 1000.0);
    samples = 0;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    for (LiveQuery<Todo> query : live) query.close();
    live.clear();
    db.close();
    Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
  }

  private void retitle(String[] ids) {
    String id = ids[next++ % ids.length];
    String title = "Buy oat milk #" + (++clock);
    todos.update(id, draft -> draft.title(title));
  }

  @Benchmark
  public void update_concernsNone() {
    retitle(unconcerned);
  }

  @Benchmark
  public void update_concernsOne() {
    retitle(concerned);
  }
}
