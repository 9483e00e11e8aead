package dev.eventsourced.db.internal.live;

import java.util.Collection;
import java.util.List;

/**
 * A parent query with nested children as live queries need it. Built by {@code
 * dev.eventsourced.db.IncludeQuery}.
 *
 * @param <P> the parent record type
 * @param <C> the child record type
 */
public interface IncludeModel<P extends Record, C extends Record> {

  QueryModel<P> parent();

  QueryModel<C> child();

  /** The parent's link value as a hash key with SQL {@code =} semantics, or null when NULL. */
  Object parentLink(P row);

  /** The child's link value, like {@link #parentLink}. */
  Object childLink(C row);

  /**
   * The child query's SELECT with {@code "_origin", "_pending"}, restricted to children whose link
   * is one of {@code links}, in the child query's order: one query for any number of parents.
   */
  String selectChildren(Collection<Object> links, List<Object> parameters);
}
