package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.live.LiveRegistry.NodeRef;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live queries reading one collection, indexed so that a changed row reaches only the queries
 * it can concern. A query with a {@link Restriction} (an equality, {@code IN}, {@code IS NULL} or
 * range conjunct of its filter) is found by the row's new value of that column, and by the row's
 * key while it holds the row (that is how it hears of a row leaving it: the old value is not
 * needed, a row it does not hold cannot leave it). Every other query reading the collection is told
 * every change ({@link #scanned}). Accessed with the database's write lock held.
 *
 * <p>Costs per changed row: a hash lookup of its key, and per indexed column one read of the
 * column, one hash lookup and a binary search of the intervals; then the queries found.
 */
final class LiveIndex {

  /** Told of a query a change may concern. */
  interface Sink {
    /** {@code ref} must see every change of the collection. */
    void every(NodeRef ref);

    /** {@code ref} must see the changes of the row {@code key}. */
    void row(NodeRef ref, Object key);
  }

  private final Set<NodeRef> scanned = new LinkedHashSet<>();
  private final List<ColumnIndex> columns = new ArrayList<>(2);

  /** The queries holding each row, by the row's key: a {@link NodeRef} or a {@link Group}. */
  private final Map<Object, Object> holders = new HashMap<>();

  boolean isEmpty() {
    return scanned.isEmpty() && columns.isEmpty();
  }

  void addScanned(NodeRef ref) {
    scanned.add(ref);
  }

  void removeScanned(NodeRef ref) {
    scanned.remove(ref);
  }

  void add(NodeRef ref, Restriction<?> restriction) {
    ColumnIndex column = null;
    for (ColumnIndex candidate : columns) {
      if (candidate.column.equals(restriction.column)) column = candidate;
    }
    if (column == null) {
      column = new ColumnIndex(restriction);
      columns.add(column);
    }
    column.add(ref, restriction);
  }

  void remove(NodeRef ref, Restriction<?> restriction) {
    for (int i = 0; i < columns.size(); i++) {
      ColumnIndex column = columns.get(i);
      if (column.column.equals(restriction.column)) {
        column.remove(ref, restriction);
        if (column.size == 0) columns.remove(i);
        return;
      }
    }
  }

  void hold(Object key, NodeRef ref) {
    holders.put(key, plus(holders.get(key), ref));
  }

  void release(Object key, NodeRef ref) {
    Object slot = holders.get(key);
    if (slot == null) return;
    Object rest = minus(slot, ref);
    if (rest == null) holders.remove(key);
    else if (rest != slot) holders.put(key, rest);
  }

  /**
   * Tells {@code sink} the queries every change concerns; once per commit changing the collection.
   */
  void collectScanned(Sink sink) {
    for (NodeRef ref : scanned) sink.every(ref);
  }

  /**
   * Tells {@code sink} the indexed queries {@code change} may concern (some perhaps more than
   * once); see also {@link #collectScanned}.
   */
  void collect(Change change, Sink sink) {
    Object key = change.key();
    forEach(holders.get(key), key, sink);
    Record row = change.row();
    if (row == null || columns.isEmpty()) return;
    for (ColumnIndex column : columns) {
      Object value;
      try {
        value = column.reader.value(row, change.origin(), change.synced());
      } catch (RuntimeException e) {
        // A column getter threw: let every query on the column evaluate the row (and report it).
        column.forEachNode(key, sink);
        continue;
      }
      forEach(column.equal.get(Restriction.key(value)), key, sink);
      if (value != null) column.intervals.stab(value, key, sink);
    }
  }

  // ---- a set of queries in a map value: one NodeRef, or a Group of them ------------------------

  /** Two or more queries; matched by identity (NodeRef does not override equals). */
  private static final class Group extends ArrayList<NodeRef> {
    Group(NodeRef a, NodeRef b) {
      super(4);
      add(a);
      add(b);
    }
  }

  private static Object plus(Object slot, NodeRef ref) {
    if (slot == null) return ref;
    if (slot instanceof Group group) {
      group.add(ref);
      return group;
    }
    return new Group((NodeRef) slot, ref);
  }

  /** The slot without {@code ref}; null when empty. */
  private static Object minus(Object slot, NodeRef ref) {
    if (slot == ref) return null;
    if (slot instanceof Group group) {
      group.remove(ref);
      return group.size() == 1 ? group.get(0) : group;
    }
    return slot;
  }

  private static void forEach(Object slot, Object key, Sink sink) {
    if (slot == null) return;
    if (slot instanceof Group group) {
      for (NodeRef ref : group) sink.row(ref, key);
    } else {
      sink.row((NodeRef) slot, key);
    }
  }

  /** The queries restricting one column, by the values they accept. */
  private static final class ColumnIndex {
    final Object column;
    final Restriction.Reader<Record> reader;
    final Map<Object, Object> equal = new HashMap<>(); // equality key -> NodeRef | Group
    final Intervals intervals = new Intervals();
    int size;

    @SuppressWarnings("unchecked")
    ColumnIndex(Restriction<?> first) {
      this.column = first.column;
      this.reader = (Restriction.Reader<Record>) first.reader;
    }

    void add(NodeRef ref, Restriction<?> restriction) {
      size++;
      if (restriction.isInterval()) {
        intervals.add(restriction, ref);
      } else {
        for (Object key : restriction.keys) equal.put(key, plus(equal.get(key), ref));
      }
    }

    void remove(NodeRef ref, Restriction<?> restriction) {
      size--;
      if (restriction.isInterval()) {
        intervals.remove(restriction, ref);
      } else {
        for (Object key : restriction.keys) {
          Object rest = minus(equal.get(key), ref);
          if (rest == null) equal.remove(key);
          else equal.put(key, rest);
        }
      }
    }

    void forEachNode(Object key, Sink sink) {
      for (Object slot : equal.values()) forEach(slot, key, sink);
      intervals.forEachNode(key, sink);
    }
  }

  /**
   * Intervals of SQLite values, for finding those that hold a value: sorted by lower bound, with
   * the largest upper bound of each prefix, so that a lookup is a binary search plus a walk back
   * over the intervals that start before the value and may still reach it. Sorted again, lazily,
   * after intervals are added or removed.
   */
  private static final class Intervals {
    private static final Object UNBOUNDED = new Object();

    private final List<Restriction<?>> restrictions = new ArrayList<>();
    private final List<NodeRef> refs = new ArrayList<>();
    private Restriction<?>[] sorted; // null: to be sorted
    private NodeRef[] sortedRefs;
    private Object[] reach; // reach[i]: the largest upper bound of sorted[0..i], or UNBOUNDED

    void add(Restriction<?> restriction, NodeRef ref) {
      restrictions.add(restriction);
      refs.add(ref);
      sorted = null;
    }

    void remove(Restriction<?> restriction, NodeRef ref) {
      for (int i = refs.size() - 1; i >= 0; i--) {
        if (refs.get(i) == ref && restrictions.get(i) == restriction) {
          int last = refs.size() - 1;
          refs.set(i, refs.get(last));
          restrictions.set(i, restrictions.get(last));
          refs.remove(last);
          restrictions.remove(last);
          sorted = null;
          return;
        }
      }
    }

    void forEachNode(Object key, Sink sink) {
      for (NodeRef ref : refs) sink.row(ref, key);
    }

    void stab(Object value, Object key, Sink sink) {
      if (refs.isEmpty()) return;
      if (sorted == null) sort();
      int low = 0;
      int high = sorted.length - 1;
      int last = -1; // the last interval whose lower bound is at most value
      while (low <= high) {
        int mid = (low + high) >>> 1;
        Object bound = sorted[mid].low;
        if (bound == null || Sqlite.compare(bound, value) <= 0) {
          last = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      for (int i = last; i >= 0; i--) {
        Object reaches = reach[i];
        if (reaches != UNBOUNDED && Sqlite.compare(reaches, value) < 0) break;
        if (sorted[i].holds(value)) sink.row(sortedRefs[i], key);
      }
    }

    private void sort() {
      int n = refs.size();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) order[i] = i;
      Arrays.sort(
          order,
          (a, b) -> {
            Object x = restrictions.get(a).low;
            Object y = restrictions.get(b).low;
            if (x == null || y == null) return x == y ? 0 : x == null ? -1 : 1;
            return Sqlite.compare(x, y);
          });
      sorted = new Restriction<?>[n];
      sortedRefs = new NodeRef[n];
      reach = new Object[n];
      Object max = null;
      for (int i = 0; i < n; i++) {
        Restriction<?> restriction = restrictions.get(order[i]);
        sorted[i] = restriction;
        sortedRefs[i] = refs.get(order[i]);
        Object bound = restriction.high == null ? UNBOUNDED : restriction.high;
        if (max == null
            || bound == UNBOUNDED
            || (max != UNBOUNDED && Sqlite.compare(bound, max) > 0)) {
          max = bound;
        }
        reach[i] = max;
      }
    }
  }
}
