package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.event.Verification;
import dev.eventsourced.db.event.Verification.Difference;
import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.db.exception.IncompatibleFileException;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The open database: one writer connection guarded by a lock (one writer at a time, transactions on
 * the calling thread, nested ones in savepoints), a {@link ReaderPool} (file databases), the
 * collections and the event log, and the listeners told after each commit.
 *
 * <p>It is the hub the other internal pieces are reached through; its transactions and reader pool
 * live in {@link WriteTransactions} and {@link ReaderPool}.
 */
public final class Engine implements AutoCloseable {

  private final EngineConfig config;
  private final String url;
  private final Conn writer;
  private final ReaderPool readers;
  private final Map<String, CollectionStore<?, ?>> stores = new ConcurrentHashMap<>();
  private final EventLogStore eventLog;
  private final String clientId;
  private final SyncEngine sync;
  private final AutoSync autoSync;
  private final WriteTransactions transactions;
  private volatile boolean closed;
  private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();

  /** Opens (creating if needed) the database described by {@code config}. */
  public static Engine open(EngineConfig config) {
    try {
      return new Engine(config);
    } catch (SQLException e) {
      if (SqlErrors.isNotADatabase(e)) {
        throw new IncompatibleFileException(
            describe(config)
                + " is not a SQLite database (SQLITE_NOTADB); "
                + "nothing was written to it: open a new file, or check the path",
            e);
      }
      throw SqlErrors.wrap("opening " + describe(config), e);
    }
  }

  private Engine(EngineConfig config) throws SQLException {
    this.config = config;
    this.url =
        config.path() == null
            ? "jdbc:sqlite::memory:"
            : "jdbc:sqlite:" + config.path().toAbsolutePath();
    this.readers = new ReaderPool(config.readers(), this::connect, () -> closed);
    this.writer = connect();
    this.transactions = new WriteTransactions(writer, this::ensureOpen);
    Map<String, RebuildProgress.Reason> rebuilds = new LinkedHashMap<>();
    try {
      boolean ours = false;
      if (config.path() != null) {
        Schema.Ownership ownership = Schema.checkOwnership(writer, config.path().toString());
        ours = ownership.ours();
        // WAL is kept in the file; setting it again costs a statement on every open.
        if (!ownership.wal()) writer.execute("PRAGMA journal_mode=WAL");
      }
      this.clientId = Schema.prepare(writer, config.collections(), rebuilds, ours);
    } catch (SQLException | RuntimeException e) {
      writer.close();
      throw e;
    }
    this.eventLog = new EventLogStore(this);
    for (CollectionDefinition<?, ?> definition : config.collections()) {
      stores.put(definition.collectionId(), newStore(definition));
    }
    this.sync =
        config.transport() == null
            ? null
            : new SyncEngine(this, config.transport(), config.pullLimit());
    this.autoSync =
        sync == null ? null : new AutoSync(this, sync, config.transport(), config.autoSync());
    try {
      // Each in a transaction of its own: a crash leaves the others done, this one's old table
      // intact and its fingerprint stale, so the next open redoes it.
      for (Map.Entry<String, RebuildProgress.Reason> rebuild : rebuilds.entrySet()) {
        write(tx -> rebuildTable(tx, stores.get(rebuild.getKey()), rebuild.getValue()));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (autoSync != null && config.autoSync().enabled()) {
      transactions.onPendingEvents(autoSync::localCommit);
      autoSync.start();
    }
  }

  /** Automatic sync and the sync state, or {@code null} when the database has no transport. */
  public AutoSync autoSync() {
    return autoSync;
  }

  /**
   * Rebuilds a collection's table from the log, in one transaction: a new table of the record's
   * current shape is filled with the fold of every event of the collection (old ones upcast) and
   * replaces the old one. Pending events stay pending; listeners are told of every row.
   *
   * @throws IllegalArgumentException when the database has no collection {@code collectionId}
   */
  public RebuildProgress rebuild(String collectionId) {
    CollectionStore<?, ?> store = stores.get(collectionId);
    if (store == null) {
      throw new IllegalArgumentException(
          CollectionDiscovery.explain(
              "this database has no collection '"
                  + collectionId
                  + "'; its collections are "
                  + new java.util.TreeSet<>(stores.keySet()),
              this));
    }
    return write(tx -> rebuildTable(tx, store, RebuildProgress.Reason.REQUESTED));
  }

  private RebuildProgress rebuildTable(
      Tx tx, CollectionStore<?, ?> store, RebuildProgress.Reason reason) throws SQLException {
    CollectionDefinition<?, ?> definition = store.definition();
    if (reason != RebuildProgress.Reason.REQUESTED && Schema.isCurrent(writer, definition)) {
      return null; // another process on the file rebuilt it meanwhile
    }
    if (reason == RebuildProgress.Reason.RECORD_CHANGED) {
      Schema.checkUnvettedChange(writer, definition);
    }
    boolean listening = hasCommitListeners();
    List<Change> removed = listening ? store.state().removals(writer) : List.of();
    long total = store.rebuilder().countEvents(writer);
    long start = System.nanoTime();
    Consumer<RebuildProgress> listener =
        reason == RebuildProgress.Reason.NEW_COLLECTION && total == 0
            ? progress -> {} // a new, empty table: nothing worth reporting
            : config.rebuildListener();
    Function<long[], RebuildProgress> progress =
        counts ->
            new RebuildProgress(
                definition.collectionId(),
                reason,
                counts[0],
                total,
                counts[1],
                counts.length > 2,
                java.time.Duration.ofNanos(System.nanoTime() - start));
    listener.accept(progress.apply(new long[] {0, 0}));
    Schema.replaceTable(writer, definition);
    RowRebuilder.Refill refill =
        store
            .rebuilder()
            .refill(
                writer,
                reason != RebuildProgress.Reason.NEW_COLLECTION,
                listening,
                (events, rows) -> listener.accept(progress.apply(new long[] {events, rows})));
    Schema.finishTable(writer, definition);
    removed.forEach(tx::changed);
    refill.changes().forEach(tx::changed);
    RebuildProgress done = progress.apply(new long[] {refill.events(), refill.rows(), 1});
    listener.accept(done);
    return done;
  }

  @SuppressWarnings("unchecked")
  private <T extends Record, K> CollectionStore<T, K> newStore(
      CollectionDefinition<T, K> definition) {
    ConflictResolver<T> resolver =
        (ConflictResolver<T>) config.resolvers().get(definition.collectionId());
    return new CollectionStore<>(this, definition, resolver);
  }

  private Conn connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", Integer.toString(config.busyTimeoutMillis()));
    properties.setProperty("synchronous", config.synchronous());
    // Otherwise the driver runs "SELECT last_insert_rowid()" after every INSERT; we never ask for
    // keys.
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection connection = DriverManager.getConnection(url, properties);
    return new Conn(connection);
  }

  private static String describe(EngineConfig config) {
    return config.path() == null ? "an in-memory database" : config.path().toString();
  }

  /** The id of this database as a sync client, created with the file. */
  public String clientId() {
    return clientId;
  }

  public EngineConfig config() {
    return config;
  }

  /** The sync engine, or {@code null} when no transport is configured. */
  public SyncEngine sync() {
    return sync;
  }

  public EventLogStore eventLog() {
    return eventLog;
  }

  /**
   * The store of {@code definition}'s collection; a collection not named when the database opened
   * gets its table now.
   */
  @SuppressWarnings("unchecked")
  public <T extends Record, K> CollectionStore<T, K> store(CollectionDefinition<T, K> definition) {
    ensureOpen();
    CollectionStore<?, ?> store = stores.get(definition.collectionId());
    if (store == null) {
      store =
          write(
              tx -> {
                CollectionStore<?, ?> existing = stores.get(definition.collectionId());
                if (existing != null) return existing;
                RebuildProgress.Reason rebuild = Schema.prepareCollection(writer, definition);
                CollectionStore<T, K> created = newStore(definition);
                stores.put(definition.collectionId(), created);
                tx.onRollback(() -> stores.remove(definition.collectionId(), created));
                if (rebuild != null) rebuildTable(tx, created, rebuild);
                return created;
              });
    }
    if (store.definition().recordType() != definition.recordType()) {
      throw new EventSourcedException(
          "collection '"
              + definition.collectionId()
              + "' is declared twice, by "
              + store.definition().recordType().getName()
              + " and "
              + definition.recordType().getName()
              + "; give one of them another id with @Collection(\"...\")");
    }
    return (CollectionStore<T, K>) store;
  }

  /** The store of the collection with id {@code collectionId}, or {@code null}. */
  public CollectionStore<?, ?> store(String collectionId) {
    return stores.get(collectionId);
  }

  /** Every collection's store, including those created on first use. */
  public List<CollectionStore<?, ?>> stores() {
    return List.copyOf(stores.values());
  }

  /**
   * Folds every collection's log and compares the result with its state table, on a snapshot that
   * sees the last committed state (or this thread's transaction).
   */
  public Verification verify() {
    List<Difference> differences = new ArrayList<>();
    boolean inTransaction = currentTx() != null;
    read(
        conn -> {
          if (!inTransaction) conn.execute("BEGIN"); // one snapshot for every table and the log
          try {
            for (CollectionStore<?, ?> store : stores())
              store.rebuilder().verify(conn, differences);
          } finally {
            if (!inTransaction) conn.execute("COMMIT");
          }
          return null;
        });
    return new Verification(differences);
  }

  /**
   * The one object of {@code type} attached to this database, created by {@code create} on first
   * use (e.g. the live-query registry, which lives in a package that depends on this one).
   */
  public <A> A attachment(Class<A> type, Function<Engine, A> create) {
    return type.cast(attachments.computeIfAbsent(type, t -> create.apply(this)));
  }

  /** The object of {@code type} attached to this database, or {@code null} when there is none. */
  public <A> A attachmentIfPresent(Class<A> type) {
    return type.cast(attachments.get(type));
  }

  /**
   * Puts local events the server rejected back in the outbox, in one transaction: every one, or
   * only {@code eventId} when it is not {@code null}. Their rows are folded again (a rejected event
   * is not folded; a pending one is, on top of what was pulled) and automatic sync pushes them
   * soon. A server that rejects them again marks them rejected again.
   *
   * @return how many events went back to the outbox
   */
  public int retryRejected(UUID eventId) {
    ensureOpen();
    int retried =
        write(
            tx -> {
              Conn conn = writer();
              TouchedRows touched = new TouchedRows(this);
              List<Event> events = EventLogStore.unreject(conn, eventId);
              for (Event event : events) {
                touched.rebuild(event.collectionId(), event.key(), event.type());
              }
              touched.settle(conn, tx);
              return events.size();
            });
    if (retried > 0 && autoSync != null && config.autoSync().enabled()) autoSync.localCommit();
    return retried;
  }

  /** Whether anyone listens to commits (so that change records are worth reading rows for). */
  public boolean hasCommitListeners() {
    return transactions.hasCommitListeners();
  }

  /** Listens to every committed transaction's changes; called on the committing thread. */
  public Runnable onCommit(Consumer<List<Change>> listener) {
    return transactions.onCommit(listener);
  }

  /**
   * Runs {@code body} in a write transaction on the writer connection. Nested calls on the same
   * thread run in a savepoint of the outer transaction: a failure undoes only the nested part.
   */
  public <R> R write(TxBody<R> body) {
    return transactions.write(body);
  }

  /**
   * Runs a single mutation: in this thread's transaction when there is one, without a savepoint (a
   * mutation that fails before writing leaves nothing behind, one that fails after writing marks
   * the transaction rollback-only), else in a transaction of its own.
   */
  public <R> R join(TxBody<R> body) {
    return transactions.join(body);
  }

  /**
   * Runs {@code body} on the writer connection with the write lock held, outside any transaction
   * (for pragmas and checks that must not interleave with a write).
   */
  public <R> R withWriter(ConnBody<R> body) {
    return transactions.withWriter(body);
  }

  /** The writer connection; only valid inside {@link #write}. */
  public Conn writer() {
    return transactions.writer();
  }

  /** The transaction open on this thread, or {@code null}. */
  public Tx currentTx() {
    return transactions.currentTx();
  }

  /**
   * Runs {@code body} on a connection that sees the last committed state, or this thread's
   * transaction when it has one.
   */
  public <R> R read(ConnBody<R> body) {
    return read(body, true);
  }

  /**
   * Like {@link #read}, for a body that runs the caller's code (a {@code RowMapper}): outside this
   * thread's transaction it never borrows the writer, so that code may wait for a write made by
   * another thread.
   */
  public <R> R readRunningCallerCode(ConnBody<R> body) {
    return read(body, false);
  }

  private <R> R read(ConnBody<R> body, boolean mayBorrowWriter) {
    ensureOpen();
    if (transactions.heldByCurrentThread()) {
      return withWriter(body);
    }
    if (config.path() == null) {
      // An in-memory database has one connection: reads wait for writes.
      return withWriter(body);
    }
    if (mayBorrowWriter && !readers.used() && !transactions.writeWaitedForRead()) {
      // Until reads and writes first meet (a read finds a write in progress, or a write waits for
      // a read), reads run on the idle writer: opening the database and its first queries cost
      // one connection (and one schema parse), not two. From then on read connections take them,
      // so that reads and writes never wait for each other.
      List<R> result = new ArrayList<>(1);
      if (transactions.readIfIdle(body, result::add)) return result.get(0);
    }
    Conn reader = readers.borrow(this::ensureOpen);
    try {
      return runRead(body, reader);
    } finally {
      readers.giveBack(reader);
    }
  }

  static <R> R runRead(ConnBody<R> body, Conn conn) {
    try {
      return body.run(conn);
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading", e);
    }
  }

  public void ensureOpen() {
    if (closed) {
      throw new DatabaseClosedException(
          "the database "
              + describe(config)
              + " is closed; open a new EventSourcedDb to use it again");
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Waits for the write in progress, then closes every connection. Idempotent. */
  @Override
  public void close() {
    if (autoSync != null) autoSync.close(); // outside the write lock: a round may need it
    transactions.locked(
        () -> {
          if (closed) return;
          closed = true;
          readers.closeIdle();
          if (config.path() != null) {
            if (eventLog.loggedSyncedAtOnce()) {
              try {
                // Past the events logged synced at once (collections that never sync), which no
                // confirmation moves it over: the next session's outbox reads start after them.
                // (A session that logged none skips this write transaction: open and close stay
                // cheap.)
                EventLogStore.advancePendingFrom(writer);
              } catch (SQLException ignored) {
                // Only an optimisation: the mark stays a valid lower bound.
              }
            }
            try {
              writer.execute("PRAGMA optimize");
            } catch (SQLException ignored) {
              // Only an optimisation hint.
            }
          }
          ReaderPool.closeQuietly(writer);
        });
  }

  /** A transaction body. */
  @FunctionalInterface
  public interface TxBody<R> {
    R run(Tx tx) throws Exception;
  }

  /** A read body. */
  @FunctionalInterface
  public interface ConnBody<R> {
    R run(Conn conn) throws SQLException;
  }
}
