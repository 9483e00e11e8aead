package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.live.Delta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Computes the {@link Delta} between two results. Rows are matched by key (the k-th occurrence of a
 * key in one list with its k-th occurrence in the other, so duplicate keys work too); the common
 * prefix and suffix are skipped first, so that a small change to a long result costs little more
 * than a pass of reference comparisons. Of the rows in both lists, those outside a longest
 * increasing subsequence of previous positions are reported as moved.
 */
final class Diff {

  private static final Delta<Object> EMPTY =
      new Delta<>(List.of(), List.of(), List.of(), List.of());

  private Diff() {}

  /**
   * @param same whether two values of the same key are equal (called only when not identical)
   */
  static <R> Delta<R> compute(
      List<Object> previousKeys,
      List<R> previous,
      List<Object> nextKeys,
      List<R> next,
      BiPredicate<? super R, ? super R> same) {
    int start = 0;
    int previousEnd = previous.size();
    int nextEnd = next.size();
    while (start < previousEnd
        && start < nextEnd
        && unchanged(previousKeys, previous, start, nextKeys, next, start, same)) {
      start++;
    }
    while (previousEnd > start
        && nextEnd > start
        && unchanged(previousKeys, previous, previousEnd - 1, nextKeys, next, nextEnd - 1, same)) {
      previousEnd--;
      nextEnd--;
    }
    if (start == previousEnd && start == nextEnd) {
      return empty();
    }
    Map<Object, ArrayDeque<Integer>> unmatched = new HashMap<>();
    for (int i = start; i < previousEnd; i++) {
      unmatched.computeIfAbsent(previousKeys.get(i), k -> new ArrayDeque<>(1)).add(i);
    }
    List<Delta.Added<R>> added = new ArrayList<>();
    int[] matchedFrom = new int[nextEnd - start];
    int[] matchedTo = new int[nextEnd - start];
    int matched = 0;
    for (int j = start; j < nextEnd; j++) {
      ArrayDeque<Integer> candidates = unmatched.get(nextKeys.get(j));
      Integer from = candidates == null ? null : candidates.poll();
      if (from == null) {
        added.add(new Delta.Added<>(j, next.get(j)));
      } else {
        matchedFrom[matched] = from;
        matchedTo[matched] = j;
        matched++;
      }
    }
    boolean[] kept = new boolean[previousEnd - start];
    for (int m = 0; m < matched; m++) kept[matchedFrom[m] - start] = true;
    List<Delta.Removed<R>> removed = new ArrayList<>();
    for (int i = start; i < previousEnd; i++) {
      if (!kept[i - start]) removed.add(new Delta.Removed<>(i, previous.get(i)));
    }
    boolean[] stays = longestIncreasing(matchedFrom, matched);
    List<Delta.Moved<R>> moved = new ArrayList<>();
    List<Delta.Changed<R>> changed = new ArrayList<>();
    for (int m = 0; m < matched; m++) {
      R before = previous.get(matchedFrom[m]);
      R after = next.get(matchedTo[m]);
      if (!stays[m]) moved.add(new Delta.Moved<>(matchedFrom[m], matchedTo[m], after));
      if (before != after && !same.test(before, after)) {
        changed.add(new Delta.Changed<>(matchedFrom[m], matchedTo[m], before, after));
      }
    }
    return new Delta<>(removed, added, moved, changed);
  }

  @SuppressWarnings("unchecked")
  static <R> Delta<R> empty() {
    return (Delta<R>) EMPTY;
  }

  private static <R> boolean unchanged(
      List<Object> previousKeys,
      List<R> previous,
      int i,
      List<Object> nextKeys,
      List<R> next,
      int j,
      BiPredicate<? super R, ? super R> same) {
    R before = previous.get(i);
    R after = next.get(j);
    return previousKeys.get(i).equals(nextKeys.get(j))
        && (before == after || same.test(before, after));
  }

  /** Marks the members of one longest strictly increasing subsequence of {@code values[0..n)}. */
  static boolean[] longestIncreasing(int[] values, int n) {
    int[] tails =
        new int[n]; // tails[k]: index of the smallest tail of an increasing run of length k+1
    int[] parent = new int[n];
    int length = 0;
    for (int i = 0; i < n; i++) {
      int low = 0;
      int high = length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (values[tails[mid]] < values[i]) low = mid + 1;
        else high = mid;
      }
      parent[i] = low > 0 ? tails[low - 1] : -1;
      tails[low] = i;
      if (low == length) length++;
    }
    boolean[] member = new boolean[n];
    for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = parent[i]) member[i] = true;
    return member;
  }
}
