package dev.eventsourced.db;

import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.internal.Tx;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.Draft;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The implementation of {@link Repository} that generated repositories extend. A generated
 * repository only adds its {@code COLLECTION} constant, a static {@code of(EventSourcedDb)} and a
 * typed {@code update(key, Consumer<Draft>)} delegating to {@link #update(Object, Function,
 * Consumer)}.
 *
 * <p>Part of the SPI: extended by generated code; not meant for hand use.
 *
 * @param <T> the record type
 * @param <K> the key type
 */
public abstract class RepositoryBase<T extends Record, K> implements Repository<T, K> {

  private final Engine engine;
  private final CollectionStore<T, K> store;

  protected RepositoryBase(EventSourcedDb db, CollectionDefinition<T, K> definition) {
    Objects.requireNonNull(db, "db");
    this.engine = db.engine();
    this.store = engine.store(Objects.requireNonNull(definition, "definition"));
  }

  @Override
  public final T insert(T row) {
    return engine.join(tx -> store.insert(tx, row));
  }

  @Override
  public final void insertAll(Collection<? extends T> rows) {
    List<T> copy = List.copyOf(rows);
    engine.write(
        tx -> {
          for (T row : copy) store.insert(tx, row);
          return null;
        });
  }

  @Override
  public final T upsert(T row) {
    return engine.join(tx -> store.upsert(tx, row));
  }

  @Override
  public final void upsertAll(Collection<? extends T> rows) {
    List<T> copy = List.copyOf(rows);
    engine.write(
        tx -> {
          for (T row : copy) store.upsert(tx, row);
          return null;
        });
  }

  @Override
  public final T update(T row) {
    Objects.requireNonNull(row, "row");
    return engine.join(tx -> replace(tx, row));
  }

  @Override
  public final void updateAll(Collection<? extends T> rows) {
    List<T> copy = List.copyOf(rows);
    engine.write(
        tx -> {
          for (T row : copy) replace(tx, row);
          return null;
        });
  }

  /** Replaces the stored row that has {@code row}'s key, logging the fields that differ. */
  private T replace(Tx tx, T row) throws SQLException {
    K key = store.definition().keyOf(row);
    T current = store.find(engine.writer(), key).orElseThrow(() -> store.notFound(key));
    return store.update(tx, current, row);
  }

  /**
   * Reads the row with {@code key}, lets {@code change} set fields on a draft made from it by
   * {@code draftOf}, and stores the result as an {@code update} event listing the fields whose
   * values changed, compared by value with the stored row (so a change made in place, e.g. to an
   * array the draft returned, is in the event too). {@code change} runs inside the write
   * transaction: keep it short.
   *
   * @return the updated row
   * @throws dev.eventsourced.db.exception.NotFoundException when no row has that key
   */
  protected final <D extends Draft<T>> T update(
      K key, Function<? super T, D> draftOf, Consumer<? super D> change) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(change, "change");
    return engine.join(
        tx -> {
          T current = store.find(engine.writer(), key).orElseThrow(() -> store.notFound(key));
          // The draft gets its own copy: whatever the callback does to it, `current` stays as
          // stored. A row that cannot change in place is its own copy (no second read).
          D draft =
              draftOf.apply(
                  store.rowsAreImmutable()
                      ? current
                      : store.find(engine.writer(), key).orElseThrow());
          change.accept(draft);
          return store.update(tx, current, draft.build());
        });
  }

  @Override
  public final void delete(K key) {
    Objects.requireNonNull(key, "key");
    engine.join(tx -> store.delete(tx, key, true));
  }

  @Override
  public final boolean deleteIfExists(K key) {
    Objects.requireNonNull(key, "key");
    return engine.join(tx -> store.delete(tx, key, false));
  }

  @Override
  public final void deleteAll(Collection<? extends K> keys) {
    List<K> copy = new ArrayList<>(keys);
    Set<K> seen = new HashSet<>();
    for (K key : copy) {
      Objects.requireNonNull(key, "keys contains null");
      if (!seen.add(key)) {
        throw new IllegalArgumentException(
            store.definition().collectionId()
                + ": key "
                + key
                + " appears twice in deleteAll; each row can be deleted once");
      }
    }
    engine.write(
        tx -> {
          for (K key : copy) store.delete(tx, key, true);
          return null;
        });
  }

  @Override
  public final T get(K key) {
    return find(key).orElseThrow(() -> store.notFound(key));
  }

  @Override
  public final Optional<T> find(K key) {
    Objects.requireNonNull(key, "key");
    return engine.read(conn -> store.find(conn, key));
  }

  @Override
  public final boolean exists(K key) {
    Objects.requireNonNull(key, "key");
    return engine.read(conn -> store.exists(conn, key));
  }

  @Override
  public final List<T> all() {
    return query().list();
  }

  @Override
  public final long count() {
    return query().count();
  }

  @Override
  public final Query<T> query() {
    engine.ensureOpen();
    return new Query<>(store);
  }

  /** The collection this repository reads and writes. */
  public final CollectionDefinition<T, K> definition() {
    return store.definition();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + store.definition().collectionId() + "]";
  }
}
