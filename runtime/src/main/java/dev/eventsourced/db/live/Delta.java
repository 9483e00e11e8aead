package dev.eventsourced.db.live;

import dev.eventsourced.db.SqlQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a live query's result changed in one commit, row by row. Rows are identified by key (raw SQL
 * queries: by {@link SqlQuery#keyedBy} or by value).
 *
 * <p>Positions: {@link Removed#index()} and {@link Moved#from()} are positions in the previous
 * result; {@link Added#index()} and {@link Moved#to()} positions in the new result. The rows that
 * are neither removed, added nor moved keep their relative order and fill the remaining positions,
 * so that {@link #applyTo} rebuilds the new result from the previous one. A row whose value changed
 * is listed in {@link #changed()}, and also in {@link #moved()} when the change moved it. Each list
 * is sorted by position.
 *
 * <p>For a UI list: remove {@code removed} from the highest index down, then apply the others; or
 * simply replace the list with {@link LiveUpdate#rows()} and use the delta to animate.
 *
 * @param removed rows of the previous result that are not in the new one
 * @param added rows of the new result that were not in the previous one
 * @param moved rows in both whose position relative to the others changed
 * @param changed rows in both whose value changed
 * @param <R> the row type
 */
public record Delta<R>(
    List<Removed<R>> removed,
    List<Added<R>> added,
    List<Moved<R>> moved,
    List<Changed<R>> changed) {

  /**
   * A row that left the result.
   *
   * @param index its position in the previous result
   * @param row its value there
   */
  public record Removed<R>(int index, R row) {}

  /**
   * A row that entered the result.
   *
   * @param index its position in the new result
   * @param row its value
   */
  public record Added<R>(int index, R row) {}

  /**
   * A row that moved.
   *
   * @param from its position in the previous result
   * @param to its position in the new result
   * @param row its new value
   */
  public record Moved<R>(int from, int to, R row) {}

  /**
   * A row whose value changed.
   *
   * @param from its position in the previous result
   * @param to its position in the new result
   * @param previous the value it had
   * @param row the value it has
   */
  public record Changed<R>(int from, int to, R previous, R row) {}

  /** Makes the lists unmodifiable. */
  public Delta {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
    moved = List.copyOf(moved);
    changed = List.copyOf(changed);
  }

  /** The delta from an empty result to {@code rows}: every row added. */
  public static <R> Delta<R> ofAdded(List<R> rows) {
    List<Added<R>> added = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) added.add(new Added<>(i, rows.get(i)));
    return new Delta<>(List.of(), added, List.of(), List.of());
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return removed.isEmpty() && added.isEmpty() && moved.isEmpty() && changed.isEmpty();
  }

  /**
   * The new result, rebuilt from {@code previous} (the result this delta was computed from).
   *
   * @throws IllegalArgumentException when the delta does not fit {@code previous}
   */
  public List<R> applyTo(List<? extends R> previous) {
    int size = previous.size() - removed.size() + added.size();
    if (size < 0) {
      throw new IllegalArgumentException(
          "the delta removes "
              + removed.size()
              + " rows from a list of "
              + previous.size()
              + ": it was computed from another list");
    }
    Object[] rows = new Object[size];
    boolean[] taken = new boolean[size];
    boolean[] leaves = new boolean[previous.size()];
    try {
      for (Removed<R> r : removed) leaves[r.index()] = true;
      for (Added<R> a : added) {
        rows[a.index()] = a.row();
        taken[a.index()] = true;
      }
      for (Moved<R> m : moved) {
        rows[m.to()] = m.row();
        taken[m.to()] = true;
        leaves[m.from()] = true;
      }
      int next = 0;
      for (int i = 0; i < previous.size(); i++) {
        if (leaves[i]) continue;
        while (taken[next]) next++;
        rows[next++] = previous.get(i);
      }
      for (Changed<R> c : changed) rows[c.to()] = c.row();
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "the delta does not fit a list of "
              + previous.size()
              + " rows ("
              + e.getMessage()
              + "): it was computed from another list",
          e);
    }
    @SuppressWarnings("unchecked")
    List<R> result = (List<R>) new ArrayList<>(Arrays.asList(rows));
    return result;
  }
}
