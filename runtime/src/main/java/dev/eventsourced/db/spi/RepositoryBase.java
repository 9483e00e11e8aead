package dev.eventsourced.db.spi;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
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

  protected RepositoryBase(EventSourcedDb db, CollectionDefinition<T, K> definition) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Reads the row with {@code key}, lets {@code change} set fields on a draft made from it by
   * {@code draftOf}, and stores the result as an {@code update} event listing the changed fields.
   *
   * @return the updated row
   * @throws dev.eventsourced.db.NotFoundException when no row has that key
   */
  protected final <D extends Draft<T>> T update(
      K key, Function<? super T, D> draftOf, Consumer<? super D> change) {
    throw new UnsupportedOperationException("TODO");
  }
}
