package dev.eventsourced.db.live;

import dev.eventsourced.db.IncludeQuery;
import java.util.List;
import java.util.Objects;

/**
 * A row of an {@link IncludeQuery}: a parent row with its child rows, in the child query's order.
 *
 * @param parent the parent row
 * @param children the children linked to it (unmodifiable; empty when none)
 * @param <P> the parent row type
 * @param <C> the child row type
 */
public record WithChildren<P, C>(P parent, List<C> children) {

  /** Checks that both are present and makes {@code children} unmodifiable. */
  public WithChildren {
    Objects.requireNonNull(parent, "parent");
    children = List.copyOf(children);
  }
}
