package dev.eventsourced.db;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.EventLog;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.event.Verification;
import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.SchemaMismatchException;
import dev.eventsourced.db.internal.AutoSync;
import dev.eventsourced.db.internal.AutoSyncConfig;
import dev.eventsourced.db.internal.CollectionDiscovery;
import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.internal.EngineConfig;
import dev.eventsourced.db.internal.inspect.Inspection;
import dev.eventsourced.db.live.LiveValue;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.db.sync.SyncTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An event-sourced database in one SQLite file (or in memory): one table per collection holding the
 * current state, and one global event log recording every insert, update and delete made through
 * the generated repositories, in the same transaction as the state change.
 *
 * <pre>{@code
 * try (EventSourcedDb db = EventSourcedDb.builder().path(Path.of("app.sqlite")).open()) {
 *   TodoRepository todos = TodoRepository.of(db);
 *   todos.insert(new Todo("todo-1", "Buy milk", Status.PENDING));
 *   db.transaction(() -> {
 *     todos.update("todo-1", draft -> draft.status(Status.COMPLETE));
 *     todos.delete("todo-2");
 *   });
 * }
 * }</pre>
 *
 * <p>Thread-safe: writes are serialized (one writer at a time, each transaction on the calling
 * thread); reads run concurrently on pooled connections and see only committed transactions. Other
 * processes may open the same file; SQLite's locking keeps them consistent and a write waits up to
 * the {@linkplain Builder#busyTimeout busy timeout} for another process's lock.
 *
 * <p>About half of it is the {@link Builder}, one documented, validated setting per method.
 */
public final class EventSourcedDb implements AutoCloseable {

  private final Engine engine;

  private EventSourcedDb(Engine engine) {
    this.engine = engine;
  }

  /** The engine, for the repositories and queries of this package. */
  Engine engine() {
    return engine;
  }

  /**
   * A builder for a database; call {@link Builder#path} or {@link Builder#inMemory}, then {@link
   * Builder#open}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code body} in one write transaction: every mutation it makes through repositories, and
   * their events, commit together when it returns, or none does when it throws (the exception is
   * rethrown). Nested calls run in a savepoint: a nested failure that is caught undoes only the
   * nested part. Other threads' writes wait until the transaction ends; reads on other threads see
   * the state before it.
   */
  public void transaction(Runnable body) {
    Objects.requireNonNull(body, "body");
    engine.write(
        tx -> {
          body.run();
          return null;
        });
  }

  /** Like {@link #transaction(Runnable)}, returning what {@code body} returns. */
  public <R> R transactionResult(Supplier<R> body) {
    Objects.requireNonNull(body, "body");
    return engine.write(tx -> body.get());
  }

  /**
   * A raw SQL query, for what the query builder cannot say: {@code ?} placeholders bound to {@code
   * parameters} in order, each row read by {@code mapper}. See {@link SqlQuery} for parameter
   * conversion and {@link SqlQuery#live()} for a live version.
   */
  public <R> SqlQuery<R> sql(String sql, RowMapper<R> mapper, Object... parameters) {
    engine.ensureOpen();
    return new SqlQuery<>(engine, sql, mapper, SqlQuery.convert(parameters), null);
  }

  /**
   * Runs a sync round now: pushes every pending event to the sync backend, then pulls the events
   * other clients wrote since the last sync and applies them, rebasing this database's pending
   * events on top so that every device converges to the same state. Failures do not throw: they are
   * listed in the result, and whatever could not be pushed stays pending for the next sync. One
   * round runs at a time (automatic ones included); local writes may go on meanwhile. With
   * automatic sync (the default) there is rarely a need to call it; a successful round ends a
   * backoff or an {@link SyncState.Status#UNAUTHORIZED} pause. The result counts what automatic
   * rounds pushed, pulled and had rejected since the previous call too (whichever round did the
   * work, the answer is the same); their errors are in {@link #syncState()}.
   *
   * @throws IllegalStateException when no transport was configured with {@link Builder#sync}
   */
  public SyncResult sync() {
    engine.ensureOpen();
    return autoSync().syncNow();
  }

  /**
   * Where sync stands, as a live value: its {@linkplain SyncState#status() status} (idle, syncing,
   * offline, unauthorized, error), pending and rejected counts, the last error, the last successful
   * round, the cursor and how far behind the server it is. Subscribe to show it in the UI: {@code
   * db.syncState().subscribe(Platform::runLater, state -> badge.show(state))}.
   *
   * @throws IllegalStateException when no transport was configured with {@link Builder#sync}
   */
  public LiveValue<SyncState> syncState() {
    return autoSync().state();
  }

  /**
   * Waits until everything is pushed and pulled: a round that started after this call ended with no
   * pending event and nothing left to pull (for tests and shutdown hooks). Runs a round now. In a
   * process that does not lead its file's sync (another process has the file open and syncs it),
   * waits until that process has pushed this file's pending events.
   *
   * @return whether it happened within {@code timeout}
   * @throws IllegalStateException when no transport was configured with {@link Builder#sync}
   */
  public boolean awaitSynced(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    engine.ensureOpen();
    AutoSync auto = autoSync();
    if (!engine.config().autoSync().enabled()) {
      long deadline = System.nanoTime() + timeout.toNanos();
      do {
        if (auto.syncNow().ok() && auto.state().current().isSynced()) return true;
      } while (System.nanoTime() < deadline);
      return false;
    }
    try {
      return auto.awaitSynced(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Resumes automatic sync after the server refused the credentials ({@link
   * SyncState.Status#UNAUTHORIZED}), once the app has new ones for its transport, or ends a backoff
   * early (e.g. when the app learns the network is back): a round runs now.
   */
  public void resumeSync() {
    engine.ensureOpen();
    autoSync().resume();
  }

  private AutoSync autoSync() {
    AutoSync auto = engine.autoSync();
    if (auto == null) {
      throw new IllegalStateException(
          "this database has no sync transport; open it with "
              + "EventSourcedDb.builder().sync(HttpSyncTransport.to(URI.create(\"https://.../api/events\")))");
    }
    return auto;
  }

  /**
   * Checks invariants 4 and 7 on this database: folds every collection's event log (events with a
   * global sequence number in that order, then pending local ones in local order) and compares the
   * result with the state tables, on one snapshot. Reads the whole log: for tests, tools and
   * support, not for every request.
   *
   * @return the rows that differ; {@linkplain Verification#isHealthy() healthy} when none does
   */
  public Verification verify() {
    return engine.verify();
  }

  /**
   * Rebuilds a collection's table from the event log in one transaction: the fold of every event of
   * the collection (older ones through the record's upcasters) replaces the table's rows; pending
   * events stay pending, live queries are told of every row. Opening a database does this by itself
   * for each collection whose record changed; this is for tools and tests.
   *
   * @param collectionId the collection, as in {@code @Collection("todos")}
   * @return the last progress report: how many events were folded into how many rows
   * @throws IllegalArgumentException when the database has no such collection
   * @throws SchemaMismatchException when an event the record read before cannot be read now
   */
  public RebuildProgress rebuild(String collectionId) {
    engine.ensureOpen();
    return engine.rebuild(Objects.requireNonNull(collectionId, "collectionId"));
  }

  /** Read access to the global event log. */
  public EventLog eventLog() {
    engine.ensureOpen();
    return engine.eventLog();
  }

  /**
   * This database's view of type {@code type} for this project's tools, like JDBC's {@code
   * Wrapper.unwrap}: the devtools inspector asks for its internal introspection type, which is
   * exported to the devtools module only. Applications have no use for it.
   *
   * @throws IllegalArgumentException for any other type
   */
  public <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type");
    engine.ensureOpen();
    if (type == Inspection.class) return type.cast(new Inspection(engine));
    throw new IllegalArgumentException(
        "an EventSourcedDb cannot be unwrapped as " + type.getName());
  }

  /** This database's id as a sync client: a UUID created with the file and kept in it. */
  public String clientId() {
    return engine.clientId();
  }

  /** The database file, or {@code null} for an in-memory database. */
  public Path path() {
    return engine.config().path();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return engine.isClosed();
  }

  /**
   * Waits for a write in progress, then closes the database. Idempotent. Using the database or its
   * repositories afterwards throws {@link DatabaseClosedException}.
   */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    Path path = path();
    return "EventSourcedDb["
        + (path == null ? ":memory:" : path)
        + (isClosed() ? ", closed" : "")
        + "]";
  }

  /**
   * Collects settings; {@link #open()} validates all of them at once and opens the database. A
   * builder may open several databases.
   */
  public static final class Builder {

    private Path path;
    private boolean inMemory;
    private List<CollectionDefinition<?, ?>> collections;
    private Duration busyTimeout = Duration.ofSeconds(5);
    private boolean durable;
    private int readers = 4;
    private Clock clock = Clock.systemUTC();
    private final Map<String, ConflictResolver<?>> resolvers = new LinkedHashMap<>();
    private SyncTransport transport;
    private int pullLimit = 500;
    private Duration externalChangePoll = Duration.ofMillis(200);
    private Consumer<RebuildProgress> onRebuild = progress -> {};
    private boolean autoSync = true;
    private Duration syncDebounce = AutoSyncConfig.DEFAULT.debounce();
    private Duration syncInterval = AutoSyncConfig.DEFAULT.interval();
    private Duration longPoll = AutoSyncConfig.DEFAULT.longPoll();
    private Duration backoffBase = AutoSyncConfig.DEFAULT.backoffBase();
    private Duration backoffCap = AutoSyncConfig.DEFAULT.backoffCap();

    private Builder() {}

    /** Stores the database in {@code file} (created if missing), in WAL mode. */
    public Builder path(Path file) {
      this.path = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Keeps the database in memory; it is gone when closed. */
    public Builder inMemory() {
      this.inMemory = true;
      return this;
    }

    /**
     * The collections whose tables are created (or checked) when the database opens, e.g. {@code
     * TodoRepository.COLLECTION}. When never called, every generated collection is used: on the
     * class path, those listed in the {@code
     * META-INF/services/dev.eventsourced.db.spi.CollectionDefinition} files the annotation
     * processor writes; in a modular app, those its {@code module-info.java} declares with {@code
     * provides dev.eventsourced.db.spi.CollectionDefinition with com.example.Todo_Collection;}
     * (finding none is logged as a warning that names the fixes). A repository of a collection not
     * listed here creates its table on first use.
     */
    public Builder collections(CollectionDefinition<?, ?>... definitions) {
      return collections(Arrays.asList(definitions));
    }

    /** See {@link #collections(CollectionDefinition...)}. */
    public Builder collections(List<? extends CollectionDefinition<?, ?>> definitions) {
      this.collections = new ArrayList<>(Objects.requireNonNull(definitions, "definitions"));
      return this;
    }

    /** How long a write waits for another process's lock before failing; default 5 s. */
    public Builder busyTimeout(Duration timeout) {
      this.busyTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Whether every commit is flushed to disk before it returns ({@code synchronous=FULL}), so that
     * a power loss loses no committed transaction. By default ({@code false}, {@code
     * synchronous=NORMAL} in WAL mode) a commit survives a crash of the process but the last
     * commits may be lost on power loss; this is several times faster.
     */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /** The maximum number of pooled read connections of a file database; default 4. */
    public Builder readers(int readers) {
      this.readers = readers;
      return this;
    }

    /**
     * Syncs with a backend through {@code transport}, e.g. {@code
     * HttpSyncTransport.to(URI.create("https://api.example.com/api/events"))}. By default the
     * database then syncs by itself (see {@link #autoSync(boolean)}); {@link EventSourcedDb#sync()}
     * runs a round on demand.
     */
    public Builder sync(SyncTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Whether the database syncs by itself once a transport is set (default {@code true}): it
     * pushes a few milliseconds after each local commit ({@link #syncDebounce}), pulls as soon as
     * the server announces new events (its long-poll, when the transport supports {@link
     * SyncTransport#poll}), and runs a round every {@link #syncInterval} otherwise; failures are
     * retried with exponential backoff and full jitter ({@link #syncBackoff}). It starts with the
     * database and stops on {@link EventSourcedDb#close()}, which lets a round in progress finish.
     * With {@code false}, only {@link EventSourcedDb#sync()} syncs.
     */
    public Builder autoSync(boolean enabled) {
      this.autoSync = enabled;
      return this;
    }

    /** How long automatic sync waits after a local commit before it pushes; default 5 ms. */
    public Builder syncDebounce(Duration debounce) {
      this.syncDebounce = Objects.requireNonNull(debounce, "debounce");
      return this;
    }

    /** The periodic round of automatic sync when nothing triggers one; default 30 s. */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * The retry delays of automatic sync after failures: a random delay below {@code base ×
     * 2^(n-1)} after the n-th failure in a row, at most {@code cap}; defaults 250 ms and 60 s.
     */
    public Builder syncBackoff(Duration base, Duration cap) {
      this.backoffBase = Objects.requireNonNull(base, "base");
      this.backoffCap = Objects.requireNonNull(cap, "cap");
      return this;
    }

    /** How long one long-poll for the server's new events lasts; default 25 s. */
    public Builder longPoll(Duration wait) {
      this.longPoll = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /** How many events each pull asks for, 1..1000; default 500. */
    public Builder pullLimit(int pullLimit) {
      this.pullLimit = pullLimit;
      return this;
    }

    /**
     * Folds {@code collection}'s events with {@code resolver} instead of the default field merge;
     * see {@link ConflictResolver}.
     */
    public <T extends Record> Builder resolver(
        CollectionDefinition<T, ?> collection, ConflictResolver<T> resolver) {
      resolvers.put(
          Objects.requireNonNull(collection, "collection").collectionId(),
          Objects.requireNonNull(resolver, "resolver"));
      return this;
    }

    /**
     * How often live queries look for commits made to the file by other processes (or other {@code
     * EventSourcedDb} instances on the same file), which carry no change set: when there was one,
     * every live query reloads once. Default 200 ms; {@link Duration#ZERO} turns it off. Only while
     * live queries exist, and only for file databases.
     */
    public Builder externalChangePoll(Duration interval) {
      this.externalChangePoll = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Listens to rebuilds of collection tables from the event log: when a record changed since the
     * file was written, the database rebuilds that collection's table while it opens (see the
     * README, "Changing your records"), which takes a while for a long log. The listener is told
     * when each rebuild starts, every few thousand events, and when it is done, on the thread
     * calling {@link #open()} (or {@link EventSourcedDb#rebuild}). Default: none.
     */
    public Builder onRebuild(Consumer<RebuildProgress> listener) {
      this.onRebuild = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock stamping events; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates the settings and opens the database, creating the file, the event log and the
     * collections' tables when missing.
     *
     * @throws IllegalStateException when the settings are inconsistent; the message names them
     * @throws SchemaMismatchException when a collection's record changed in a way its logged events
     *     cannot be read (and no {@code @Upcast} method maps them): the file is left as it was
     */
    public EventSourcedDb open() {
      List<String> problems = new ArrayList<>();
      if (path == null && !inMemory) {
        problems.add(
            "no storage chosen: call path(Path) for a file or inMemory() for a database in memory");
      }
      if (path != null && inMemory) {
        problems.add("both path(" + path + ") and inMemory() were called: choose one");
      }
      if (path != null && Files.isDirectory(path)) {
        problems.add(
            "path "
                + path
                + " is a directory: give a file name, e.g. "
                + path.resolve("app.sqlite"));
      }
      if (path != null
          && path.toAbsolutePath().getParent() != null
          && !Files.isDirectory(path.toAbsolutePath().getParent())) {
        problems.add("the directory of path " + path + " does not exist: create it first");
      }
      if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
        problems.add(
            "busyTimeout " + busyTimeout + " must be between 0 and " + Integer.MAX_VALUE + " ms");
      }
      if (pullLimit < 1 || pullLimit > 1000) {
        problems.add(
            "pullLimit must be between 1 and 1000 (the protocol's maximum), got " + pullLimit);
      }
      if (externalChangePoll.isNegative()) {
        problems.add("externalChangePoll must not be negative, got " + externalChangePoll);
      }
      if (syncDebounce.isNegative() || syncInterval.isNegative() || syncInterval.isZero()) {
        problems.add(
            "syncDebounce must not be negative and syncInterval must be positive, got "
                + syncDebounce
                + " and "
                + syncInterval);
      }
      if (backoffBase.isNegative()
          || backoffBase.isZero()
          || backoffCap.compareTo(backoffBase) < 0) {
        problems.add(
            "syncBackoff needs 0 < base <= cap, got base "
                + backoffBase
                + " and cap "
                + backoffCap);
      }
      if (longPoll.isNegative() || longPoll.isZero()) {
        problems.add("longPoll must be positive, got " + longPoll);
      }
      if (readers < 1) {
        problems.add("readers must be at least 1, got " + readers);
      }
      List<CollectionDefinition<?, ?>> chosen = collections != null ? collections : discover();
      Map<String, CollectionDefinition<?, ?>> byId = new LinkedHashMap<>();
      for (CollectionDefinition<?, ?> definition : chosen) {
        if (definition == null) {
          problems.add("collections(...) contains null");
          continue;
        }
        CollectionDefinition<?, ?> previous =
            byId.putIfAbsent(definition.collectionId(), definition);
        if (previous != null && previous.recordType() != definition.recordType()) {
          problems.add(
              "collection id '"
                  + definition.collectionId()
                  + "' is used by both "
                  + previous.recordType().getName()
                  + " and "
                  + definition.recordType().getName()
                  + ": give one another id with @Collection(\"...\")");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "cannot open EventSourcedDb: " + String.join("; ", problems));
      }
      EngineConfig config =
          new EngineConfig(
              inMemory ? null : path,
              List.copyOf(byId.values()),
              (int) busyTimeout.toMillis(),
              durable ? "FULL" : "NORMAL",
              readers,
              clock,
              Map.copyOf(resolvers),
              transport,
              pullLimit,
              externalChangePoll.toMillis(),
              onRebuild,
              new AutoSyncConfig(
                  autoSync, syncDebounce, syncInterval, longPoll, backoffBase, backoffCap));
      return new EventSourcedDb(Engine.open(config));
    }

    private static List<CollectionDefinition<?, ?>> discover() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return CollectionDiscovery.discover(
          loader != null ? loader : EventSourcedDb.class.getClassLoader());
    }
  }
}
