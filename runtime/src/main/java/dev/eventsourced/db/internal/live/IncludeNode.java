package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.live.Delta;
import dev.eventsourced.db.live.WithChildren;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A parent query with nested children, maintained incrementally: the parents by a {@link Window},
 * and for each visible parent's link value the sorted list of matching children. A child change
 * moves the child between the lists of its old and new link; parents that enter the window get
 * their children with one query for all of them; lists of parents that left are dropped.
 */
final class IncludeNode<P extends Record, C extends Record> extends LiveNode<WithChildren<P, C>> {

  /** The children of one link value, in child order. */
  private static final class Group<C> {
    final ArrayList<LiveRow<C>> rows = new ArrayList<>();
    List<C> snapshot; // null when rows changed since it was taken
  }

  private final IncludeModel<P, C> model;
  private final QueryModel<C> child;
  private final String parentCollection;
  private final String childCollection;
  private final Window<P> parents;
  private final Map<Object, Group<C>> groups = new HashMap<>();
  private final Map<Object, Held<C>> heldChildren = new HashMap<>(); // by child key

  /** A child held in the group of {@code link}. */
  private record Held<C>(Object link, LiveRow<C> row) {}

  private Map<Object, WithChildren<P, C>> previous =
      Map.of(); // by parent key, to reuse unchanged items

  IncludeNode(IncludeModel<P, C> model) {
    super(model.parent().store().engine(), collections(model), sameValue(model));
    this.model = model;
    this.child = model.child();
    this.parentCollection = model.parent().store().definition().collectionId();
    this.childCollection = child.store().definition().collectionId();
    this.parents = new Window<>(model.parent());
  }

  /** The collections read: one when a collection includes itself (a tree), else two. */
  static Set<String> collections(IncludeModel<?, ?> model) {
    String parent = model.parent().store().definition().collectionId();
    String child = model.child().store().definition().collectionId();
    return parent.equals(child) ? Set.of(parent) : Set.of(parent, child);
  }

  static <P extends Record, C extends Record>
      BiPredicate<WithChildren<P, C>, WithChildren<P, C>> sameValue(IncludeModel<P, C> model) {
    BiPredicate<P, P> parent = RowEquality.of(model.parent().store().definition());
    BiPredicate<C, C> child = RowEquality.of(model.child().store().definition());
    return (a, b) -> {
      if (!parent.test(a.parent(), b.parent()) || a.children().size() != b.children().size())
        return false;
      for (int i = 0; i < a.children().size(); i++) {
        if (!child.test(a.children().get(i), b.children().get(i))) return false;
      }
      return true;
    };
  }

  @Override
  Delta<WithChildren<P, C>> load() {
    parents.load();
    groups.clear();
    heldChildren.clear();
    loadMissingGroups();
    return publishVisible();
  }

  @Override
  Delta<WithChildren<P, C>> apply(Map<String, List<Change>> changes) {
    boolean changed = false;
    List<Change> childChanges = changes.get(childCollection);
    if (childChanges != null) changed = applyChildren(childChanges);
    List<Change> parentChanges = changes.get(parentCollection);
    if (parentChanges != null && parents.apply(parentChanges)) {
      parents.settle();
      loadMissingGroups();
      changed = true;
    }
    return changed ? publishVisible() : null;
  }

  private boolean applyChildren(List<Change> changes) {
    boolean changed = false;
    for (Change change : changes) {
      Object key = change.key();
      Held<C> old = heldChildren.remove(key);
      if (old != null) {
        Group<C> group = groups.get(old.link());
        group.rows.remove(binarySearch(group, old.row().sortKey()));
        group.snapshot = null;
        changed = true;
      }
      @SuppressWarnings("unchecked")
      C row = (C) change.row();
      if (row == null || !child.matches(row, change.origin(), change.synced())) continue;
      Object link = model.childLink(row);
      Group<C> group = link == null ? null : groups.get(link);
      if (group == null) continue; // no visible parent has this link
      Object[] sortKey = child.sortKey(row, key, change.origin(), change.synced());
      LiveRow<C> entry = new LiveRow<>(key, row, change.origin(), change.synced(), sortKey);
      group.rows.add(-binarySearch(group, sortKey) - 1, entry);
      group.snapshot = null;
      heldChildren.put(key, new Held<>(link, entry));
      changed = true;
    }
    return changed;
  }

  private int binarySearch(Group<C> group, Object[] sortKey) {
    return Window.search(group.rows, sortKey, child);
  }

  /** Drops the groups no visible parent needs and loads the missing ones with one query. */
  private void loadMissingGroups() {
    Set<Object> needed = new HashSet<>();
    for (LiveRow<P> parent : parents.visible()) {
      Object link = model.parentLink(parent.row());
      if (link != null) needed.add(link);
    }
    groups
        .keySet()
        .removeIf(
            link -> {
              if (needed.contains(link)) return false;
              for (LiveRow<C> row : groups.get(link).rows) heldChildren.remove(row.key());
              return true;
            });
    List<Object> missing = new ArrayList<>();
    for (Object link : needed) {
      if (!groups.containsKey(link)) missing.add(link);
    }
    if (missing.isEmpty()) return;
    for (Object link : missing) groups.put(link, new Group<>());
    List<Object> parameters = new ArrayList<>();
    String sql = model.selectChildren(missing, parameters);
    for (LiveRow<C> row : Window.read(child, sql, parameters)) {
      Object link = model.childLink(row.row());
      Group<C> group = groups.get(link);
      if (group == null) continue; // SQL matched it with type affinity; memory cannot: leave it out
      group.rows.add(row); // already in child order
      heldChildren.put(row.key(), new Held<>(link, row));
    }
  }

  /**
   * Indexed on the parents' side; told every change of the children (and every change when the
   * collection includes itself).
   */
  @Override
  Window<P> indexedWindow() {
    return parentCollection.equals(childCollection) ? null : parents;
  }

  @Override
  String describe() {
    return model.parent().select(new ArrayList<>())
        + " with children "
        + model.selectChildren(List.of(), new ArrayList<>());
  }

  private Delta<WithChildren<P, C>> publishVisible() {
    List<LiveRow<P>> visible = parents.visible();
    Object[] keys = new Object[visible.size()];
    Object[] items = new Object[visible.size()];
    Map<Object, WithChildren<P, C>> byKey = new HashMap<>(visible.size() * 2);
    for (int i = 0; i < keys.length; i++) {
      LiveRow<P> parent = visible.get(i);
      Object link = model.parentLink(parent.row());
      List<C> children = link == null ? List.of() : snapshot(groups.get(link));
      WithChildren<P, C> item = previous.get(parent.key());
      if (item == null || item.parent() != parent.row() || item.children() != children) {
        item = new WithChildren<>(parent.row(), children);
      }
      keys[i] = parent.key();
      items[i] = item;
      byKey.put(parent.key(), item);
    }
    previous = byKey;
    return publish(listOf(keys), listOf(items));
  }

  private static <C> List<C> snapshot(Group<C> group) {
    if (group.snapshot == null) {
      List<C> rows = new ArrayList<>(group.rows.size());
      for (LiveRow<C> row : group.rows) rows.add(row.row());
      group.snapshot = List.copyOf(rows);
    }
    return Objects.requireNonNull(group.snapshot);
  }
}
