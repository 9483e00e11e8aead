package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.live.Delta;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/** A live query that re-runs its SQL once per commit touching one of its collections. */
final class RerunNode<R> extends LiveNode<R> {

  private static final Object NULL_KEY = new Object();

  private final Supplier<List<R>> run;
  private final Function<? super R, ?> keyOf;
  private final String description;

  /**
   * @param run runs the query (through {@link Engine#read}, so that on the committing thread it
   *     reads the state just committed)
   * @param keyOf a row's identity for deltas
   * @param description the query, for messages
   */
  RerunNode(
      Engine engine,
      Set<String> collections,
      Supplier<List<R>> run,
      Function<? super R, ?> keyOf,
      BiPredicate<? super R, ? super R> sameValue,
      String description) {
    super(engine, collections, sameValue);
    this.run = run;
    this.keyOf = keyOf;
    this.description = description;
  }

  @Override
  Delta<R> load() {
    List<R> rows = List.copyOf(run.get());
    Object[] keys = new Object[rows.size()];
    for (int i = 0; i < keys.length; i++) {
      Object key = keyOf.apply(rows.get(i));
      keys[i] = key == null ? NULL_KEY : key;
    }
    return publish(listOf(keys), rows);
  }

  @Override
  Delta<R> apply(Map<String, List<Change>> changes) {
    return load(); // only called when one of the collections changed
  }

  @Override
  boolean maintainedInMemory() {
    return false;
  }

  @Override
  String describe() {
    return description;
  }
}
