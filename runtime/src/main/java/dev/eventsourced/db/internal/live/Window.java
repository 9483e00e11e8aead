package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a single-collection query, maintained from change records without SQL.
 *
 * <p>It holds, in query order, a prefix of all matching rows: the first {@code offset + limit} (the
 * rows before the visible window and the window itself) plus up to {@code slack} more, so that rows
 * leaving the window can be replaced from memory. {@code complete} says the prefix is every
 * matching row. A changed row is removed if held, and inserted at its place if it matches and sorts
 * before the end of the prefix (or anywhere when the prefix is complete); a row that sorts after
 * the end of an incomplete prefix cannot be in the window, so it is ignored. Only when removals
 * leave fewer rows than the window needs and more may exist in the table does it re-run SQL ({@link
 * #needsRefill()}). Without a limit, it holds every matching row.
 *
 * <p>Costs per change: a binary search and an array insert or removal in the prefix, independent of
 * the table's size.
 */
final class Window<T extends Record> {

  private final QueryModel<T> model;
  private final int offset;
  private final int needed; // offset + limit: rows the visible window needs from the start
  private final int capacity; // rows held at most (Integer.MAX_VALUE without a limit)
  private final ArrayList<LiveRow<T>> held = new ArrayList<>();
  private final Map<Object, LiveRow<T>> byKey = new HashMap<>();
  private boolean complete;
  private Holders holders = Holders.NONE;

  /** Told which rows the window holds: a change of one of them must reach it (see LiveIndex). */
  interface Holders {
    Holders NONE =
        new Holders() {
          @Override
          public void hold(Object key) {}

          @Override
          public void release(Object key) {}
        };

    void hold(Object key);

    void release(Object key);
  }

  /**
   * Positions are ints: a list in memory cannot hold more rows, so an offset or an end beyond
   * {@code Integer.MAX_VALUE} (up to {@code Long.MAX_VALUE}, where {@code offset + limit} overflows
   * a long too) saturates there, and such a window holds every matching row.
   */
  Window(QueryModel<T> model) {
    this.model = model;
    this.offset = (int) Math.min(model.offset(), Integer.MAX_VALUE);
    if (model.limit() < 0) {
      this.needed = Integer.MAX_VALUE;
      this.capacity = Integer.MAX_VALUE;
    } else {
      long limit = model.limit();
      long slack = Math.max(16, Math.min(limit, 1024));
      long end = saturatedAdd(model.offset(), limit);
      this.needed = (int) Math.min(end, Integer.MAX_VALUE);
      this.capacity = (int) Math.min(saturatedAdd(end, slack), Integer.MAX_VALUE);
    }
  }

  /** {@code a + b} for non-negative longs, {@code Long.MAX_VALUE} when it overflows. */
  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** (Re)loads the prefix with one query; call where the last committed state is visible. */
  void load() {
    List<Object> parameters = new ArrayList<>();
    String sql =
        model.selectWithMetadata(capacity == Integer.MAX_VALUE ? -1 : capacity, parameters);
    List<LiveRow<T>> rows = read(model, sql, parameters);
    for (Object key : byKey.keySet()) holders.release(key);
    held.clear();
    byKey.clear();
    held.addAll(rows);
    for (LiveRow<T> row : rows) {
      byKey.put(row.key(), row);
      holders.hold(row.key());
    }
    complete = rows.size() < capacity;
  }

  /** From now on tells {@code holders} which rows are held, starting with those held now. */
  void track(Holders holders) {
    this.holders = holders;
    for (Object key : byKey.keySet()) holders.hold(key);
  }

  /** The keys of the rows held (a view). */
  Set<Object> heldKeys() {
    return byKey.keySet();
  }

  QueryModel<T> model() {
    return model;
  }

  /**
   * Applies one commit's changes of this collection, in order.
   *
   * @return whether the held rows changed
   */
  boolean apply(List<Change> changes) {
    boolean changed = false;
    for (Change change : changes) {
      Object key = change.key();
      LiveRow<T> old = byKey.remove(key);
      if (old != null) {
        held.remove(indexOf(old.sortKey()));
        changed = true;
      }
      boolean holds = false;
      @SuppressWarnings("unchecked")
      T row = (T) change.row();
      if (row != null && model.matches(row, change.origin(), change.synced())) {
        Object[] sortKey = model.sortKey(row, key, change.origin(), change.synced());
        int position = -indexOf(sortKey) - 1;
        if (complete || position < held.size()) {
          LiveRow<T> entry = new LiveRow<>(key, row, change.origin(), change.synced(), sortKey);
          held.add(position, entry);
          byKey.put(key, entry);
          changed = true;
          holds = true;
        }
      }
      if (old == null && holds) holders.hold(key);
      else if (old != null && !holds) holders.release(key);
    }
    return changed;
  }

  /** Whether removals left fewer rows than the window needs while the table may have more. */
  boolean needsRefill() {
    return !complete && held.size() < needed;
  }

  /** Drops held rows beyond the capacity (after a commit that inserted many). */
  void trim() {
    while (held.size() > capacity) {
      Object key = held.remove(held.size() - 1).key();
      byKey.remove(key);
      holders.release(key);
      complete = false;
    }
  }

  /** After {@link #apply}: refills from SQL if needed, then trims. */
  void settle() {
    if (needsRefill()) load();
    trim();
  }

  /** The visible rows: positions {@code [offset, offset + limit)} of the result (a view). */
  List<LiveRow<T>> visible() {
    int from = Math.min(offset, held.size());
    return held.subList(from, Math.min(needed, held.size()));
  }

  private int indexOf(Object[] sortKey) {
    return search(held, sortKey, model);
  }

  /**
   * Binary search of rows sorted by {@code model}: the index, or {@code -(insertion point) - 1}.
   */
  static <T extends Record> int search(
      List<LiveRow<T>> rows, Object[] sortKey, QueryModel<T> model) {
    int low = 0;
    int high = rows.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = model.compare(rows.get(mid).sortKey(), sortKey);
      if (c < 0) low = mid + 1;
      else if (c > 0) high = mid - 1;
      else return mid;
    }
    return -(low + 1);
  }

  /** Runs a SELECT of {@code model}'s columns and metadata and makes its rows, in order. */
  static <T extends Record> List<LiveRow<T>> read(
      QueryModel<T> model, String sql, List<Object> parameters) {
    CollectionStore<T, ?> store = model.store();
    CollectionDefinition<T, ?> definition = store.definition();
    return store
        .engine()
        .read(
            conn ->
                store.listWithMetadata(
                    conn,
                    sql,
                    parameters,
                    (row, origin, synced) -> {
                      Object key = definition.keyOf(row);
                      return new LiveRow<>(
                          key, row, origin, synced, model.sortKey(row, key, origin, synced));
                    }));
  }
}
