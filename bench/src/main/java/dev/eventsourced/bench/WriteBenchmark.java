package dev.eventsourced.bench;

import dev.eventsourced.db.EventSourcedDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes through the generated repository beside two hand-written JDBC baselines in the same run:
 * (a) one insert per transaction, (b) 1,000 inserts per transaction, (c) one update (two fields of
 * an existing row) per transaction. {@code _jdbc} does the library's SQLite work on the library's
 * schema ({@link JdbcBaseline}); {@code _lean} is what a user writes by hand instead, with only the
 * keys and the unique event id ({@link LeanJdbcBaseline}): that is the bar. Throughput in rows per
 * second; the ratios library/baseline are the figures to watch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WriteBenchmark {

  static final int BATCH = 1_000;

  @State(Scope.Thread)
  public static class Library {
    Path dir;
    EventSourcedDb db;
    TodoRepository todos;
    long next;

    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = Files.createTempDirectory("bench-lib");
      db =
          EventSourcedDb.builder()
              .path(dir.resolve("lib.sqlite"))
              .collections(TodoRepository.COLLECTION)
              .open();
      todos = TodoRepository.of(db);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      db.close();
      Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  @State(Scope.Thread)
  public static class Baseline {
    Path dir;
    JdbcBaseline jdbc;
    long next;

    @Setup(Level.Iteration)
    public void open() throws IOException, SQLException {
      dir = Files.createTempDirectory("bench-jdbc");
      jdbc = new JdbcBaseline(dir.resolve("jdbc.sqlite"));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, SQLException {
      jdbc.close();
      Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  @State(Scope.Thread)
  public static class Lean {
    Path dir;
    LeanJdbcBaseline jdbc;
    long next;

    @Setup(Level.Iteration)
    public void open() throws IOException, SQLException {
      dir = Files.createTempDirectory("bench-lean");
      jdbc = new LeanJdbcBaseline(dir.resolve("lean.sqlite"));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, SQLException {
      jdbc.close();
      Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  /** Rows in the table the update benchmarks update, round robin. */
  static final int UPDATED_ROWS = 10_000;

  @State(Scope.Thread)
  public static class LibraryFilled extends Library {
    @Setup(Level.Iteration)
    public void fill() {
      List<Todo> rows = new ArrayList<>(UPDATED_ROWS);
      for (int i = 0; i < UPDATED_ROWS; i++) rows.add(todo(i));
      todos.insertAll(rows);
    }
  }

  @State(Scope.Thread)
  public static class BaselineFilled extends Baseline {
    @Setup(Level.Iteration)
    public void fill() throws SQLException {
      for (int i = 0; i < UPDATED_ROWS; i++) jdbc.insert(todo(i));
      jdbc.commit();
    }
  }

  @State(Scope.Thread)
  public static class LeanFilled extends Lean {
    @Setup(Level.Iteration)
    public void fill() throws SQLException {
      for (int i = 0; i < UPDATED_ROWS; i++) jdbc.insert(todo(i));
      jdbc.commit();
    }
  }

  /** The {@code n}-th update: a new title and update time for row {@code n % UPDATED_ROWS}. */
  static Todo updated(long n) {
    long row = n % UPDATED_ROWS;
    return new Todo(
        "todo-" + row,
        "user-" + (row % 100),
        "Buy milk #" + row + " v" + n,
        Todo.Status.PENDING,
        1_700_000_000_000L + row,
        1_800_000_000_000L + n);
  }

  static Todo todo(long n) {
    return new Todo(
        "todo-" + n,
        "user-" + (n % 100),
        "Buy milk #" + n,
        Todo.Status.PENDING,
        1_700_000_000_000L + n,
        1_700_000_000_000L + n);
  }

  @Benchmark
  public void singleInsert_library(Library state) {
    state.todos.insert(todo(state.next++));
  }

  @Benchmark
  public void singleInsert_jdbc(Baseline state) throws SQLException {
    state.jdbc.insert(todo(state.next++));
    state.jdbc.commit();
  }

  @Benchmark
  public void singleInsert_lean(Lean state) throws SQLException {
    state.jdbc.insert(todo(state.next++));
    state.jdbc.commit();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batchInsert_library(Library state) {
    List<Todo> rows = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) rows.add(todo(state.next++));
    state.todos.insertAll(rows);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batchInsert_jdbc(Baseline state) throws SQLException {
    for (int i = 0; i < BATCH; i++) state.jdbc.insert(todo(state.next++));
    state.jdbc.commit();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batchInsert_lean(Lean state) throws SQLException {
    for (int i = 0; i < BATCH; i++) state.jdbc.insert(todo(state.next++));
    state.jdbc.commit();
  }

  @Benchmark
  public Todo update_library(LibraryFilled state) {
    Todo next = updated(state.next++);
    return state.todos.update(
        next.id(), draft -> draft.title(next.title()).updatedAt(next.updatedAt()));
  }

  @Benchmark
  public void update_jdbc(BaselineFilled state) throws SQLException {
    state.jdbc.update(updated(state.next++));
    state.jdbc.commit();
  }

  @Benchmark
  public void update_lean(LeanFilled state) throws SQLException {
    state.jdbc.update(updated(state.next++));
    state.jdbc.commit();
  }
}
