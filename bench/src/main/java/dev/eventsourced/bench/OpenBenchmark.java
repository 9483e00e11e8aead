package dev.eventsourced.bench;

import dev.eventsourced.db.EventSourcedDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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
 * Time from opening a database that holds {@code rows} rows (and as many events) until its first
 * query answers, then close: the library beside a plain sqlite-jdbc open-and-query. Opening must
 * not read the rows, so the time must not grow with {@code rows}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class OpenBenchmark {

  @Param({"1000", "100000"})
  public int rows;

  private Path dir;
  private Path file;

  @Setup(Level.Trial)
  public void fill() throws IOException, SQLException {
    dir = Files.createTempDirectory("bench-open");
    file = dir.resolve("open.sqlite");
    // Create the file through the library once so that its metadata is in place, then fill it fast.
    EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open().close();
    try (JdbcBaseline jdbc = new JdbcBaseline(file)) {
      for (int i = 0; i < rows; i++) {
        jdbc.insert(WriteBenchmark.todo(i));
        if (i % 10_000 == 9_999) jdbc.commit();
      }
      jdbc.commit();
    }
  }

  /** Opens {@code file} (already filled) instead of the trial's own, for {@link WriteRatios}. */
  void useFile(Path file) {
    this.file = file;
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
  }

  @Benchmark
  public Todo openAndQuery_library() {
    try (EventSourcedDb db =
        EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open()) {
      return TodoRepository.of(db)
          .query()
          .where(Todo_.STATUS.eq(Todo.Status.PENDING))
          .orderBy(Todo_.CREATED_AT.desc())
          .first()
          .orElseThrow();
    }
  }

  @Benchmark
  public String openAndQuery_jdbc() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("synchronous", "NORMAL");
    properties.setProperty("busy_timeout", "5000");
    try (Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT \"id\", \"user_id\", \"title\", \"status\", \"created_at\", \"updated_at\" FROM \"todos\" "
                  + "WHERE \"status\" = ? ORDER BY \"created_at\" DESC LIMIT 1")) {
        query.setString(1, "PENDING");
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    }
  }
}
