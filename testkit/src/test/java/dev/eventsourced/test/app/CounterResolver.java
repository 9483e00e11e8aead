package dev.eventsourced.test.app;

import dev.eventsourced.db.event.ConflictResolver;

/**
 * An app's conflict resolver, as the kit's users test theirs: an insert or update keeps the larger
 * value of the row and the event (the label follows the event), an update of a missing row does
 * nothing, a delete removes. Deterministic, as a resolver must be.
 */
public final class CounterResolver implements ConflictResolver<Counter> {

  @Override
  public Counter resolve(Counter current, Applied<Counter> event) {
    switch (event.type()) {
      case DELETE:
        return null;
      case UPDATE:
        if (current == null) return null;
        return new Counter(
            current.id(), event.row().label(), Math.max(current.value(), event.row().value()));
      default:
        Counter row = event.row();
        return current == null
            ? row
            : new Counter(row.id(), row.label(), Math.max(current.value(), row.value()));
    }
  }
}
