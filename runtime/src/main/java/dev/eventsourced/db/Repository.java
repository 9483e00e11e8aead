package dev.eventsourced.db;

import dev.eventsourced.db.exception.DuplicateKeyException;
import dev.eventsourced.db.exception.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes one collection. Generated repositories ({@code TodoRepository.of(db)}) implement
 * it and add a typed {@code update(key, draft -> ...)}.
 *
 * <p>Every mutation changes the collection's table and appends an event to the database's event log
 * in the same SQLite transaction: both commit or neither does. A mutation outside {@link
 * EventSourcedDb#transaction} commits on its own; inside one it commits with the transaction. Batch
 * variants ({@code insertAll}, ...) commit all their rows together, or none.
 *
 * <p>Safe to use from several threads.
 *
 * @param <T> the record type
 * @param <K> the key type
 */
public interface Repository<T extends Record, K> {

  /**
   * Inserts a new row and logs an {@code insert} event.
   *
   * @return {@code row}
   * @throws DuplicateKeyException when a row with the same key exists
   */
  T insert(T row);

  /**
   * Inserts all rows in one transaction, one {@code insert} event each, in iteration order.
   *
   * @throws DuplicateKeyException when any key exists or repeats; then nothing is inserted
   */
  void insertAll(Collection<? extends T> rows);

  /**
   * Inserts the row, or replaces the existing row with the same key, and logs an {@code insert}
   * event (an insert sets the whole row, over an existing one too).
   *
   * @return {@code row}
   */
  T upsert(T row);

  /** Upserts all rows in one transaction, one event each. */
  void upsertAll(Collection<? extends T> rows);

  /**
   * Replaces the existing row that has {@code row}'s key and logs an {@code update} event whose
   * {@code fields} list the components that differ from the stored row. When nothing differs,
   * nothing is written and no event is logged.
   *
   * @return {@code row}
   * @throws NotFoundException when no row has that key
   */
  T update(T row);

  /**
   * Updates all rows in one transaction.
   *
   * @throws NotFoundException when any key is missing; then nothing is updated
   */
  void updateAll(Collection<? extends T> rows);

  /**
   * Deletes the row with {@code key} and logs a {@code delete} event.
   *
   * @throws NotFoundException when no row has that key
   */
  void delete(K key);

  /**
   * Deletes the row with {@code key} if there is one.
   *
   * @return whether a row was deleted (and a {@code delete} event logged)
   */
  boolean deleteIfExists(K key);

  /**
   * Deletes all rows with the given keys in one transaction.
   *
   * @throws NotFoundException when any key is missing; then nothing is deleted
   */
  void deleteAll(Collection<? extends K> keys);

  /**
   * The row with {@code key}.
   *
   * @throws NotFoundException when there is none
   */
  T get(K key);

  /** The row with {@code key}, if any. */
  Optional<T> find(K key);

  /** Whether a row with {@code key} exists. */
  boolean exists(K key);

  /** All rows, ordered by key. */
  List<T> all();

  /** The number of rows. */
  long count();

  /** A new query over this collection: all rows until narrowed with {@link Query#where}. */
  Query<T> query();
}
