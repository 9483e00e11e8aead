package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.exception.DuplicateKeyException;
import dev.eventsourced.db.exception.NotFoundException;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.protocol.EventType;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One collection: its local mutations, each of which follows the data path write → log → apply →
 * notify in the caller's transaction: the row is encoded once ({@link PayloadCodec}, which applies
 * the value rules), the event is appended to the log, the fold ({@link Fold}) gives the row it
 * leaves visible, the state table ({@link StateTable}) is written, and the change is recorded for
 * listeners. The pieces are reachable for sync and queries: {@link #fold()}, {@link #state()},
 * {@link #rebuilder()}.
 *
 * <p>Each mutation reads top-down in one method (encode, write, log, notify); the steps themselves
 * live in the classes named above.
 */
public final class CollectionStore<T extends Record, K> {

  private final Engine engine;
  private final CollectionDefinition<T, K> definition;
  private final PayloadCodec<T, K> codec;
  private final Fold<T, K> fold;
  private final StateTable<T, K> state;
  private final RowRebuilder<T, K> rebuilder;
  private final boolean customFold;

  CollectionStore(
      Engine engine, CollectionDefinition<T, K> definition, ConflictResolver<T> resolver) {
    this.engine = engine;
    this.definition = definition;
    this.codec = new PayloadCodec<>(definition);
    this.fold = new Fold<>(definition, codec, resolver);
    this.state = new StateTable<>(definition);
    this.rebuilder = new RowRebuilder<>(definition, fold, state);
    this.customFold = resolver != null;
  }

  public CollectionDefinition<T, K> definition() {
    return definition;
  }

  public Engine engine() {
    return engine;
  }

  /**
   * Whether a row cannot change in place (every component is exact and immutable): then a row read
   * once can be shared with user code without a copy.
   */
  public boolean rowsAreImmutable() {
    return codec.rowsAreImmutable();
  }

  /** The collection's fold rule. */
  public Fold<T, K> fold() {
    return fold;
  }

  /** The SQL of the state table. */
  public StateTable<T, K> state() {
    return state;
  }

  RowRebuilder<T, K> rebuilder() {
    return rebuilder;
  }

  /** The quoted table name. */
  public String table() {
    return state.table();
  }

  /** The quoted key column. */
  public String keyColumn() {
    return state.keyColumn();
  }

  /**
   * The quoted, comma-separated component columns, in {@link CollectionDefinition#columns()} order.
   */
  public String selectColumns() {
    return state.selectColumns();
  }

  // ---- local mutations: call inside Engine.write --------------------------------------------

  /**
   * Inserts a new row and logs its insert event.
   *
   * @return the row as stored (see the value rules)
   */
  public T insert(Tx tx, T row) throws SQLException {
    K key = keyOf(row);
    PayloadCodec.Encoded<T> encoded = codec.encode(row);
    Conn conn = engine.writer();
    if (customFold) {
      if (state.exists(conn, key)) throw duplicate(key, null);
      return writeThroughFold(tx, conn, EventType.INSERT, key, encoded, new BitSet(), null);
    }
    try {
      state.insertLocal(conn, encoded.row());
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) throw duplicate(key, e);
      throw e;
    }
    log(tx, conn, EventType.INSERT, key, encoded.payload(), null);
    return changed(tx, null, EventType.INSERT, key, encoded.row(), new BitSet());
  }

  /**
   * Inserts or replaces a row and logs an insert event.
   *
   * @return the row as stored
   */
  public T upsert(Tx tx, T row) throws SQLException {
    K key = keyOf(row);
    PayloadCodec.Encoded<T> encoded = codec.encode(row);
    Conn conn = engine.writer();
    if (customFold) {
      return writeThroughFold(
          tx,
          conn,
          EventType.INSERT,
          key,
          encoded,
          new BitSet(),
          state.find(conn, key).orElse(null));
    }
    state.upsertLocal(conn, encoded.row());
    log(tx, conn, EventType.INSERT, key, encoded.payload(), null);
    return changed(tx, null, EventType.INSERT, key, encoded.row(), new BitSet());
  }

  /**
   * Replaces the stored row {@code current} with {@code updated} and logs an update event listing
   * the components whose values differ (compared by value, arrays by content). Does nothing when
   * none differs.
   *
   * @param current the row as stored, read in this transaction and not handed to user code
   * @return the row as stored afterwards
   */
  public T update(Tx tx, T current, T updated) throws SQLException {
    K key = keyOf(current);
    if (!Objects.equals(key, keyOf(updated))) {
      throw new IllegalArgumentException(
          definition.collectionId()
              + ": an update cannot change the key ("
              + describeKey(key)
              + " -> "
              + describeKey(keyOf(updated))
              + "); delete the row and insert a new one");
    }
    PayloadCodec.Encoded<T> encoded = codec.encode(updated);
    BitSet changed =
        codec.rowsAreImmutable()
            ? changedComponents(current, encoded.row())
            : fold.changedColumns(codec.write(current), encoded.payload());
    if (changed.isEmpty()) {
      return current;
    }
    Conn conn = engine.writer();
    if (customFold) {
      return writeThroughFold(tx, conn, EventType.UPDATE, key, encoded, changed, current);
    }
    if (!state.patchLocal(conn, key, encoded.row(), changed)) {
      throw notFound(key);
    }
    log(tx, conn, EventType.UPDATE, key, encoded.payload(), fold.fieldNames(changed));
    return changed(tx, current, EventType.UPDATE, key, encoded.row(), changed);
  }

  /**
   * The components whose values differ, compared with {@code equals}: for rows whose components are
   * all exact and immutable (text, integers, enums, UUID, LocalDate, BigDecimal) two values are
   * equal exactly when their payload members are the same text, so this gives what {@link
   * Fold#changedColumns} gives, without encoding the stored row and parsing both payloads.
   */
  private BitSet changedComponents(T before, T after) {
    BitSet changed = new BitSet();
    int columns = definition.columns().size();
    for (int i = 0; i < columns; i++) {
      if (i != definition.keyColumn()
          && !Objects.equals(
              definition.componentValue(before, i), definition.componentValue(after, i))) {
        changed.set(i);
      }
    }
    return changed;
  }

  /** Deletes the row with {@code key} and logs a delete event carrying the row as it was. */
  public boolean delete(Tx tx, K key, boolean mustExist) throws SQLException {
    Conn conn = engine.writer();
    Optional<T> current = state.find(conn, key);
    if (current.isEmpty()) {
      if (mustExist) throw notFound(key);
      return false;
    }
    PayloadCodec.Encoded<T> encoded =
        new PayloadCodec.Encoded<>(current.get(), codec.write(current.get()));
    if (customFold) {
      writeThroughFold(tx, conn, EventType.DELETE, key, encoded, new BitSet(), current.get());
      return true;
    }
    state.remove(conn, key);
    log(tx, conn, EventType.DELETE, key, encoded.payload(), null);
    changed(tx, current.get(), EventType.DELETE, key, current.get(), new BitSet());
    return true;
  }

  /**
   * Records the change of a local mutation written by the default rule: the visible row is the
   * fold's, as a rebuild would give it, and is what listeners and the caller get.
   */
  private T changed(Tx tx, T previous, EventType type, K key, T row, BitSet columns) {
    T visible = fold.apply(previous, fold.local(type, key, row, columns, 0));
    tx.changed(
        new Change(
            definition.collectionId(), key, type, visible, Origin.LOCAL, !definition.synced()));
    return visible;
  }

  /**
   * A local mutation of a collection with its own resolver: the visible row is the resolver's fold
   * of the event onto {@code previous}, as a later rebuild gives (pending events fold last, in
   * local order).
   */
  private T writeThroughFold(
      Tx tx,
      Conn conn,
      EventType type,
      K key,
      PayloadCodec.Encoded<T> encoded,
      BitSet columns,
      T previous)
      throws SQLException {
    long timestamp =
        log(
            tx,
            conn,
            type,
            key,
            encoded.payload(),
            type == EventType.UPDATE ? fold.fieldNames(columns) : null);
    T visible;
    try {
      visible =
          fold.applyTo(
              state,
              conn,
              fold.local(type, key, encoded.row(), columns, timestamp),
              previous,
              true);
      if (visible != null)
        state.setPending(conn, key, rebuilder.countPending(conn, definition.keyToString(key)));
    } catch (SQLException | RuntimeException e) {
      throw failedAfterWriting(tx, type, key, e);
    }
    tx.changed(
        new Change(
            definition.collectionId(), key, type, visible, Origin.LOCAL, !definition.synced()));
    return visible;
  }

  /** Appends the event of a local mutation whose state change is written; returns its timestamp. */
  private long log(Tx tx, Conn conn, EventType type, K key, String payload, List<String> fields) {
    if (definition.synced()) tx.loggedPending = true;
    try {
      return engine
          .eventLog()
          .appendLocal(
              conn,
              definition.collectionId(),
              type,
              definition.keyToString(key),
              payload,
              fields,
              definition.schemaVersion(),
              definition.synced());
    } catch (SQLException | RuntimeException e) {
      throw failedAfterWriting(tx, type, key, e);
    }
  }

  /**
   * The state row and its event must commit together: a half-written mutation dooms the
   * transaction.
   */
  private RuntimeException failedAfterWriting(Tx tx, EventType type, K key, Exception e) {
    tx.markRollbackOnly(
        type.wireName()
            + " of "
            + definition.collectionId()
            + " key "
            + describeKey(key)
            + " failed after writing part of itself: "
            + e.getMessage());
    return e instanceof RuntimeException
        ? (RuntimeException) e
        : SqlErrors.wrap("logging an event", (SQLException) e);
  }

  public NotFoundException notFound(K key) {
    return new NotFoundException(
        definition.collectionId()
            + ": no row has key "
            + describeKey(key)
            + "; use find(...) or exists(...) to check first, or insert/upsert it");
  }

  private DuplicateKeyException duplicate(K key, SQLException cause) {
    return new DuplicateKeyException(
        definition.collectionId()
            + ": a row with key "
            + describeKey(key)
            + " already exists; "
            + "use upsert(...) to replace it or update(...) to change it",
        cause);
  }

  private String describeKey(K key) {
    return definition.numericKey() ? String.valueOf(key) : "'" + key + "'";
  }

  private K keyOf(T row) {
    Objects.requireNonNull(row, "row");
    K key = definition.keyOf(row);
    if (key == null) {
      throw new IllegalArgumentException(
          definition.collectionId()
              + ": the key component '"
              + definition.columns().get(definition.keyColumn()).component()
              + "' of "
              + row
              + " is null; every row needs a key");
    }
    return key;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The row with {@code key} on {@code conn}. */
  public Optional<T> find(Conn conn, K key) throws SQLException {
    return state.find(conn, key);
  }

  public boolean exists(Conn conn, K key) throws SQLException {
    return state.exists(conn, key);
  }

  /** See {@link StateTable#list}. */
  public List<T> list(Conn conn, String sql, List<Object> parameters) throws SQLException {
    return state.list(conn, sql, parameters);
  }

  /** See {@link StateTable#listWithMetadata}. */
  public <E> List<E> listWithMetadata(
      Conn conn, String sql, List<Object> parameters, StateTable.RowWithMetadata<T, E> factory)
      throws SQLException {
    return state.listWithMetadata(conn, sql, parameters, factory);
  }

  /** See {@link RowRebuilder#history}: every event of one row, with the row after each. */
  public List<HistoryStep> history(Conn conn, String keyText) throws SQLException {
    return rebuilder.history(conn, keyText);
  }

  /** See {@link StateTable#scalar}. */
  public long scalar(Conn conn, String sql, List<Object> parameters) throws SQLException {
    return state.scalar(conn, sql, parameters);
  }
}
