package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.CollectionStore;
import java.util.List;

/**
 * A single-collection query as live queries need it: its SQL, and its filter and order evaluated in
 * memory with SQLite's semantics. Built by {@code dev.eventsourced.db.Query}.
 *
 * @param <T> the record type
 */
public interface QueryModel<T extends Record> {

  CollectionStore<T, ?> store();

  /** The limit, or -1 for none. */
  long limit();

  long offset();

  /**
   * Whether {@link #matches} and {@link #sortKey} reproduce SQLite for this query; when not, the
   * query re-runs instead of being maintained.
   */
  boolean evaluableInMemory();

  /**
   * What the WHERE clause requires of one column in every matching row, for indexing the live query
   * (see {@link Restriction}); null when it requires nothing {@link Restriction} can say.
   */
  default Restriction<T> restriction() {
    return null;
  }

  /** Whether the WHERE clause is TRUE for the row. */
  boolean matches(T row, Origin origin, boolean synced);

  /** The ORDER BY values of the row, its key last, compared by {@link #compare}. */
  Object[] sortKey(T row, Object key, Origin origin, boolean synced);

  /**
   * Compares two {@link #sortKey}s as the query's ORDER BY does (a total order: keys are unique).
   */
  int compare(Object[] a, Object[] b);

  /** The query's SELECT as it is (its own limit and offset). */
  String select(List<Object> parameters);

  /**
   * The query's SELECT with {@code "_origin", "_pending"} after the columns, from the first
   * matching row and at most {@code limit} rows (-1: all), ignoring the query's own limit and
   * offset.
   */
  String selectWithMetadata(long limit, List<Object> parameters);
}
