package dev.eventsourced.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.RebuildProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
 * Rebuilding the todos table from a log of {@code events} events ({@code events / 2} inserts, then
 * as many updates of one field): what opening a file does when the record changed (schema
 * evolution), timed through {@code db.rebuild("todos")}, which is the same work. Beside it, a
 * hand-written JDBC replay: the same query over {@code _events} in key order, Jackson streaming of
 * each payload into a row, the same fold (an insert sets the row, an update its members), an INSERT
 * per row into a new table of the same shape, its index built afterwards, in one transaction.
 *
 * <p>Milliseconds per rebuild; events per second = {@code events} / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RebuildBenchmark {

  @Param({"200000"})
  public int events;

  private Path dir;
  private EventSourcedDb db;
  private Connection jdbc;

  @Setup(Level.Trial)
  public void fill() throws IOException, SQLException {
    dir = Files.createTempDirectory("bench-rebuild");
    Path file = dir.resolve("rebuild.sqlite");
    db = EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open();
    TodoRepository todos = TodoRepository.of(db);
    int rows = events / 2;
    db.transaction(
        () -> {
          for (int i = 0; i < rows; i++) todos.insert(WriteBenchmark.todo(i));
          for (int i = 0; i < rows; i++) {
            int n = i;
            todos.update(WriteBenchmark.todo(i).id(), draft -> draft.title("done " + n));
          }
        });
    Properties properties = new Properties();
    properties.setProperty("synchronous", "NORMAL");
    properties.setProperty("busy_timeout", "5000");
    properties.setProperty("jdbc.get_generated_keys", "false");
    jdbc = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException, SQLException {
    jdbc.close();
    db.close();
    Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
  }

  @Benchmark
  public long rebuild_library() {
    RebuildProgress done = db.rebuild("todos");
    if (done.foldedEvents() != events) throw new IllegalStateException(done.toString());
    return done.rows();
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> MEMBERS =
      List.of("id", "userId", "title", "status", "createdAt", "updatedAt");

  @Benchmark
  public long rebuild_jdbc() throws SQLException, IOException {
    long rows = 0;
    try (Statement statement = jdbc.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("DROP TABLE IF EXISTS \"todos_replay\"");
      statement.execute(
          "CREATE TABLE \"todos_replay\" (\"id\" TEXT NOT NULL PRIMARY KEY, \"user_id\" TEXT, "
              + "\"title\" TEXT, \"status\" TEXT, \"created_at\" INTEGER NOT NULL, "
              + "\"updated_at\" INTEGER NOT NULL, \"_origin\" TEXT NOT NULL DEFAULT 'local', "
              + "\"_pending\" INTEGER NOT NULL DEFAULT 0)");
      try (PreparedStatement select =
              jdbc.prepareStatement(
                  "SELECT \"key\", \"type\", \"payload\", \"origin\", \"sync_status\" FROM \"_events\" "
                      + "WHERE \"collection_id\" = 'todos' "
                      + "AND (\"sync_status\" <> 'rejected' OR \"global_seq\" IS NOT NULL) "
                      + "ORDER BY \"key\", \"local_seq\"");
          PreparedStatement insert =
              jdbc.prepareStatement(
                  "INSERT INTO \"todos_replay\" (\"id\", \"user_id\", \"title\", \"status\", "
                      + "\"created_at\", \"updated_at\", \"_origin\", \"_pending\") "
                      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
          ResultSet rs = select.executeQuery()) {
        Object[] row = null;
        String origin = null;
        int pending = 0;
        String key = null;
        while (rs.next()) {
          String eventKey = rs.getString(1);
          if (!eventKey.equals(key)) {
            if (row != null) {
              write(insert, row, origin, pending);
              rows++;
            }
            key = eventKey;
            row = null;
            pending = 0;
          }
          String type = rs.getString(2);
          if ("pending".equals(rs.getString(5))) pending++;
          origin = rs.getString(4);
          if (type.equals("delete")) {
            row = null;
          } else if (type.equals("insert")) {
            row = new Object[MEMBERS.size()];
            read(rs.getString(3), row);
          } else if (row != null) {
            read(rs.getString(3), row);
          }
        }
        if (row != null) {
          write(insert, row, origin, pending);
          rows++;
        }
      }
      statement.execute(
          "CREATE INDEX \"todos_replay_status_created_at_idx\" ON \"todos_replay\" "
              + "(\"status\", \"created_at\")");
      statement.execute("COMMIT");
    }
    return rows;
  }

  /** Sets the members {@code payload} carries. */
  private static void read(String payload, Object[] row) throws IOException {
    try (JsonParser json = JSON.createParser(payload)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        int member = MEMBERS.indexOf(json.currentName());
        JsonToken value = json.nextToken();
        if (member < 0) {
          json.skipChildren();
        } else if (value == JsonToken.VALUE_NULL) {
          row[member] = null;
        } else if (value == JsonToken.VALUE_NUMBER_INT) {
          row[member] = json.getLongValue();
        } else {
          row[member] = json.getText();
        }
      }
    }
  }

  private static void write(PreparedStatement insert, Object[] row, String origin, int pending)
      throws SQLException {
    for (int i = 0; i < row.length; i++) insert.setObject(i + 1, row[i]);
    insert.setString(7, origin);
    insert.setInt(8, pending);
    insert.executeUpdate();
  }
}
