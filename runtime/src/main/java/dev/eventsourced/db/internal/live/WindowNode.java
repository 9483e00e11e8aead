package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.live.Delta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A single-collection query maintained incrementally by a {@link Window}. */
final class WindowNode<T extends Record> extends LiveNode<T> {

  private final QueryModel<T> model;
  private final Window<T> window;
  private final String collection;

  WindowNode(QueryModel<T> model) {
    super(
        model.store().engine(),
        Set.of(model.store().definition().collectionId()),
        RowEquality.of(model.store().definition()));
    this.model = model;
    this.window = new Window<>(model);
    this.collection = model.store().definition().collectionId();
  }

  @Override
  Delta<T> load() {
    window.load();
    return publishVisible();
  }

  @Override
  Delta<T> apply(Map<String, List<Change>> changes) {
    List<Change> mine = changes.get(collection);
    if (mine == null || !window.apply(mine)) return null;
    window.settle();
    return publishVisible();
  }

  @Override
  Window<T> indexedWindow() {
    return window;
  }

  @Override
  String describe() {
    return model.select(new ArrayList<>());
  }

  private Delta<T> publishVisible() {
    List<LiveRow<T>> visible = window.visible();
    Object[] keys = new Object[visible.size()];
    Object[] rows = new Object[visible.size()];
    for (int i = 0; i < keys.length; i++) {
      LiveRow<T> row = visible.get(i);
      keys[i] = row.key();
      rows[i] = row.row();
    }
    return publish(listOf(keys), listOf(rows));
  }
}
