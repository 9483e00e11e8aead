package dev.eventsourced.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.SyncServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
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
 * Sync of 100,000 events, one invocation each, reported per event (so the score is time per event;
 * events/s = 1/score):
 *
 * <ul>
 *   <li>{@code pullAndApply_http}: a fresh client pulls 100,000 events from the real sync server
 *       (embedded SQLite store, loopback HTTP, pages of 1,000) and applies them;
 *   <li>{@code pullAndApply_memory}: the same apply fed from memory (the pages already fetched), to
 *       separate the client's apply from HTTP and the server;
 *   <li>{@code apply_jdbc}: the hand-written JDBC baseline of the apply: for the same pages, log
 *       each event and upsert its row (payload parsed with Jackson streaming), one transaction per
 *       page;
 *   <li>{@code apply_lean}: the same on the lean hand-written schema ({@link LeanJdbcBaseline}:
 *       keys and the unique event id only);
 *   <li>{@code push_http}: a client with 100,000 pending events pushes them to a fresh server
 *       (batches of 500) and records the confirmations.
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class SyncBenchmark {

  static final int EVENTS = 100_000;
  static final int PAGE = 1_000;
  private static final JsonFactory JSON = new JsonFactory();

  private Path dir;
  private SyncServer server;
  private List<PullResult> pages;
  private Path pendingTemplate;

  // per invocation
  private Path clientFile;
  private EventSourcedDb client;
  private SyncServer pushServer;
  private JdbcBaseline jdbc;
  private LeanJdbcBaseline lean;

  @Setup(Level.Trial)
  public void fillServer() throws IOException {
    dir = Files.createTempDirectory("bench-sync");
    server =
        SyncServer.builder()
            .store(EventStore.sqlite(dir.resolve("server.sqlite")))
            .host("127.0.0.1")
            .port(0)
            .requestLog(false) // a line per request on stderr would be measured with the client
            .start();
    pendingTemplate = dir.resolve("pending.sqlite");
    try (EventSourcedDb writer =
        EventSourcedDb.builder()
            .path(pendingTemplate)
            .collections(TodoRepository.COLLECTION)
            .sync(HttpSyncTransport.to(server.eventsUri()))
            .autoSync(false)
            .open()) {
      TodoRepository todos = TodoRepository.of(writer);
      List<Todo> batch = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        batch.add(WriteBenchmark.todo(i));
        if (batch.size() == 10_000) {
          todos.insertAll(batch);
          batch.clear();
        }
      }
    }
    // The template keeps its 100,000 pending events; a copy of it fills the server once.
    Path filler = dir.resolve("filler.sqlite");
    Files.copy(pendingTemplate, filler);
    try (EventSourcedDb writer =
        EventSourcedDb.builder()
            .path(filler)
            .collections(TodoRepository.COLLECTION)
            .sync(HttpSyncTransport.to(server.eventsUri()))
            .autoSync(false)
            .open()) {
      SyncResult result = writer.sync();
      if (result.pushed() != EVENTS)
        throw new IllegalStateException("setup push failed: " + result);
    }
    pages = new ArrayList<>();
    HttpSyncTransport http = HttpSyncTransport.to(server.eventsUri());
    long cursor = 0;
    PullResult page;
    do {
      page = http.pull(cursor, PAGE);
      pages.add(page);
      cursor = page.cursor();
    } while (page.hasMore());
  }

  @TearDown(Level.Trial)
  public void stopServer() throws IOException {
    server.close();
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  @Setup(Level.Invocation)
  public void freshClient() throws IOException, SQLException {
    clientFile = Files.createTempFile(dir, "client", ".sqlite");
    Files.delete(clientFile);
  }

  @TearDown(Level.Invocation)
  public void closeClient() throws IOException, SQLException {
    if (client != null) client.close();
    client = null;
    if (jdbc != null) jdbc.close();
    jdbc = null;
    if (lean != null) lean.close();
    lean = null;
    if (pushServer != null) pushServer.close();
    pushServer = null;
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(clientFile + suffix));
    }
  }

  private EventSourcedDb open(SyncTransport transport) {
    client =
        EventSourcedDb.builder()
            .path(clientFile)
            .collections(TodoRepository.COLLECTION)
            .sync(transport)
            .autoSync(false)
            .pullLimit(PAGE)
            .open();
    return client;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public SyncResult pullAndApply_http() {
    return check(open(HttpSyncTransport.to(server.eventsUri())).sync(), 0, EVENTS);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public SyncResult pullAndApply_memory() {
    SyncTransport fetched =
        new SyncTransport() {
          @Override
          public PushResult push(List<SyncEvent> events) {
            throw new UnsupportedOperationException();
          }

          @Override
          public PullResult pull(long since, int limit) {
            return pages.get((int) (since / PAGE));
          }
        };
    return check(open(fetched).sync(), 0, EVENTS);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public int apply_jdbc() throws SQLException, IOException {
    jdbc = new JdbcBaseline(clientFile);
    return applyPages(
        jdbc.connection,
        "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
            + "\"timestamp\", \"origin\", \"global_seq\", \"sync_status\", \"schema_version\", \"client_id\") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?, 'synced', ?, ?)",
        (logEvent, event) -> {
          logEvent.setBytes(1, JdbcBaseline.bytes(event.eventId()));
          logEvent.setString(2, event.collectionId());
          logEvent.setString(3, event.type().wireName());
          logEvent.setString(4, event.key());
          logEvent.setString(5, event.payload());
          logEvent.setNull(6, Types.VARCHAR);
          logEvent.setLong(7, event.timestamp());
          logEvent.setLong(8, event.globalSeq());
          logEvent.setInt(9, 1);
          logEvent.setString(10, event.clientId());
        },
        "INSERT INTO \"todos\" (\"id\", \"user_id\", \"title\", \"status\", \"created_at\", \"updated_at\", "
            + "\"_origin\", \"_pending\") VALUES (?, ?, ?, ?, ?, ?, 'remote', 0) ON CONFLICT (\"id\") DO UPDATE SET "
            + "\"user_id\" = excluded.\"user_id\", \"title\" = excluded.\"title\", \"status\" = excluded.\"status\", "
            + "\"created_at\" = excluded.\"created_at\", \"updated_at\" = excluded.\"updated_at\", \"_origin\" = 'remote'",
        "INSERT INTO \"_meta\" (\"key\", \"value\") VALUES ('pull_cursor', ?) "
            + "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"");
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public int apply_lean() throws SQLException, IOException {
    lean = new LeanJdbcBaseline(clientFile);
    return applyPages(
        lean.connection,
        "INSERT INTO events (event_id, collection, type, key, payload, timestamp, global_seq) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (logEvent, event) -> {
          logEvent.setString(1, event.eventId().toString());
          logEvent.setString(2, event.collectionId());
          logEvent.setString(3, event.type().wireName());
          logEvent.setString(4, event.key());
          logEvent.setString(5, event.payload());
          logEvent.setLong(6, event.timestamp());
          logEvent.setLong(7, event.globalSeq());
        },
        "INSERT INTO todos (id, user_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, title = excluded.title, "
            + "status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at",
        "INSERT INTO meta (key, value) VALUES ('pull_cursor', ?) "
            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  }

  /** Binds a pulled event to a baseline's log INSERT. */
  @FunctionalInterface
  private interface EventBinding {
    void bind(PreparedStatement logEvent, SyncEvent event) throws SQLException;
  }

  /**
   * A hand-written apply of the fetched pages: per event its log row and the upsert of its row
   * (bound straight from the payload's JSON), per page the cursor and a commit.
   */
  private int applyPages(
      Connection connection,
      String logSql,
      EventBinding logBinding,
      String upsertSql,
      String cursorSql)
      throws SQLException, IOException {
    int applied = 0;
    try (PreparedStatement logEvent = connection.prepareStatement(logSql);
        PreparedStatement upsert = connection.prepareStatement(upsertSql);
        PreparedStatement cursor = connection.prepareStatement(cursorSql)) {
      for (PullResult page : pages) {
        for (SyncEvent event : page.events()) {
          logBinding.bind(logEvent, event);
          logEvent.executeUpdate();
          bindPayload(upsert, event.payload());
          upsert.executeUpdate();
          applied++;
        }
        cursor.setString(1, Long.toString(page.cursor()));
        cursor.executeUpdate();
        connection.commit();
      }
    }
    if (applied != EVENTS) throw new IllegalStateException("applied " + applied);
    return applied;
  }

  private static void bindPayload(PreparedStatement upsert, String payload)
      throws IOException, SQLException {
    try (JsonParser json = JSON.createParser(payload)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        switch (name) {
          case "id" -> upsert.setString(1, json.getText());
          case "userId" -> upsert.setString(2, json.getText());
          case "title" -> upsert.setString(3, json.getText());
          case "status" -> upsert.setString(4, json.getText());
          case "createdAt" -> upsert.setLong(5, json.getLongValue());
          case "updatedAt" -> upsert.setLong(6, json.getLongValue());
          default -> json.skipChildren();
        }
      }
    }
  }

  /**
   * A copy of the client with 100,000 pending events, and an empty server, made before each push.
   */
  @State(Scope.Thread)
  public static class Pending {
    Path store;

    @Setup(Level.Invocation)
    public void prepare(SyncBenchmark bench) throws IOException {
      Files.copy(bench.pendingTemplate, bench.clientFile, StandardCopyOption.REPLACE_EXISTING);
      store = bench.dir.resolve("push-" + System.nanoTime() + ".sqlite");
      bench.pushServer =
          SyncServer.builder()
              .store(EventStore.sqlite(store))
              .host("127.0.0.1")
              .port(0)
              .requestLog(false)
              .start();
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public SyncResult push_http(Pending pending) {
    return check(open(HttpSyncTransport.to(pushServer.eventsUri())).sync(), EVENTS, 0);
  }

  private static SyncResult check(SyncResult result, int pushed, int pulled) {
    if (!result.ok() || result.pushed() != pushed || result.pulled() != pulled) {
      throw new IllegalStateException("unexpected sync result: " + result);
    }
    return result;
  }
}
