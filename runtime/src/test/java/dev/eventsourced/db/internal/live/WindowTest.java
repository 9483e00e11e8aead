package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Item;
import dev.eventsourced.db.fixtures.ItemRepository;
import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.protocol.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The held prefix of a single-collection query: rows in and out of the window from change records,
 * a refill from SQL only when removals starve the window, capacity, and windows near {@code
 * Long.MAX_VALUE}.
 */
class WindowTest {

  private EventSourcedDb db;
  private ItemRepository items;
  private CollectionStore<Item, Long> store;

  /** {@code WHERE flag ORDER BY count ASC NULLS FIRST, id}, counting its loads. */
  private final class FlaggedByCount implements QueryModel<Item> {
    final long limit;
    final long offset;
    int loads;

    FlaggedByCount(long limit, long offset) {
      this.limit = limit;
      this.offset = offset;
    }

    @Override
    public CollectionStore<Item, ?> store() {
      return store;
    }

    @Override
    public long limit() {
      return limit;
    }

    @Override
    public long offset() {
      return offset;
    }

    @Override
    public boolean evaluableInMemory() {
      return true;
    }

    @Override
    public boolean matches(Item row, Origin origin, boolean synced) {
      return row.flag();
    }

    @Override
    public Object[] sortKey(Item row, Object key, Origin origin, boolean synced) {
      return new Object[] {row.count() == null ? null : (long) row.count(), key};
    }

    @Override
    public int compare(Object[] a, Object[] b) {
      int c =
          Comparator.nullsFirst(Comparator.<Long>naturalOrder()).compare((Long) a[0], (Long) b[0]);
      return c != 0 ? c : Long.compare((Long) a[1], (Long) b[1]);
    }

    @Override
    public String select(List<Object> parameters) {
      return sql(false, limit, parameters) + " OFFSET " + offset;
    }

    @Override
    public String selectWithMetadata(long limit, List<Object> parameters) {
      loads++;
      return sql(true, limit, parameters);
    }

    private String sql(boolean metadata, long limit, List<Object> parameters) {
      parameters.add(limit);
      return "SELECT "
          + store.selectColumns()
          + (metadata ? ", \"_origin\", \"_pending\"" : "")
          + " FROM "
          + store.table()
          + " WHERE \"flag\" ORDER BY \"count\" ASC NULLS FIRST, \"id\" LIMIT ?";
    }
  }

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(ItemRepository.COLLECTION).open();
    items = ItemRepository.of(db);
    store = TestAccess.engine(db).store(ItemRepository.COLLECTION);
    for (int i = 0; i < 100; i++) items.insert(item(i, i % 3 != 0, i % 10 == 0 ? null : i / 2));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Item item(long id, boolean flag, Integer count) {
    return new Item(
        id, null, null, null, flag, null, (byte) 0, null, count, null, 0f, null, null, null, null,
        null, null, null, null, null);
  }

  private List<Long> expected(FlaggedByCount model) {
    List<Object> parameters = new ArrayList<>();
    String sql = model.select(parameters);
    return TestAccess.engine(db).read(conn -> store.list(conn, sql, parameters)).stream()
        .map(Item::id)
        .toList();
  }

  private static List<Long> visible(Window<Item> window) {
    return window.visible().stream().map(row -> row.row().id()).toList();
  }

  /** Applies one commit's worth of changes the way a live node does, writing them first. */
  private boolean commit(Window<Item> window, List<Item> upserts, List<Long> deletes) {
    List<Change> changes = new ArrayList<>();
    for (Item item : upserts) {
      items.upsert(item);
      changes.add(new Change("items", item.id(), EventType.INSERT, item, Origin.LOCAL, false));
    }
    for (Long id : deletes) {
      items.deleteIfExists(id);
      changes.add(new Change("items", id, EventType.DELETE, null, null, true));
    }
    boolean changed = TestAccess.engine(db).write(tx -> window.apply(changes));
    TestAccess.engine(db)
        .write(
            tx -> {
              window.settle();
              return null;
            });
    return changed;
  }

  @Test
  void changes_moveRowsInAndOutOfTheWindow_withoutSql() {
    FlaggedByCount model = new FlaggedByCount(5, 3);
    Window<Item> window = new Window<>(model);
    window.load();
    assertThat(visible(window)).isEqualTo(expected(model));

    assertThat(commit(window, List.of(item(500, true, -1)), List.of()))
        .isTrue(); // before the window: shifts it
    assertThat(commit(window, List.of(item(4, true, 1000)), List.of()))
        .isTrue(); // from inside to far behind
    assertThat(commit(window, List.of(), List.of(7L))).isTrue();
    assertThat(visible(window)).isEqualTo(expected(model));
    assertThat(model.loads).as("no refill while the prefix holds enough rows").isEqualTo(1);

    assertThat(commit(window, List.of(item(501, false, 0)), List.of()))
        .as("filtered out")
        .isFalse();
    assertThat(commit(window, List.of(item(502, true, 10_000)), List.of()))
        .as("after the held prefix")
        .isFalse();
    assertThat(visible(window)).isEqualTo(expected(model));
  }

  @Test
  void removalsThatStarveTheWindow_refillItWithOneQuery() {
    FlaggedByCount model = new FlaggedByCount(5, 3);
    Window<Item> window = new Window<>(model);
    window.load();
    List<Long> doomed = new ArrayList<>();
    for (long id = 0; id < 60; id++) doomed.add(id);
    commit(window, List.of(), doomed);
    assertThat(model.loads).isEqualTo(2);
    assertThat(visible(window)).isEqualTo(expected(model));
  }

  @Test
  void manyInsertionsInOneCommit_areTrimmedToTheCapacity() {
    FlaggedByCount model = new FlaggedByCount(2, 0);
    Window<Item> window = new Window<>(model);
    window.load();
    List<Item> early = new ArrayList<>();
    for (int i = 0; i < 50; i++) early.add(item(1000 + i, true, -100 + i));
    commit(window, early, List.of());
    assertThat(visible(window)).isEqualTo(expected(model));
    commit(window, List.of(), visible(window));
    assertThat(visible(window)).isEqualTo(expected(model));
    assertThat(model.loads).as("the slack kept rows to move up").isEqualTo(1);
  }

  @Test
  void limitsAndOffsetsNearLongMax_saturate() {
    long[][] windows = {
      {Long.MAX_VALUE, 0},
      {Long.MAX_VALUE, 10},
      {10, Long.MAX_VALUE},
      {Long.MAX_VALUE, Long.MAX_VALUE},
      {Long.MAX_VALUE - 3, 3},
      {-1, 0},
      {-1, Integer.MAX_VALUE + 7L}
    };
    Random random = new Random(7);
    for (long[] limits : windows) {
      FlaggedByCount model = new FlaggedByCount(limits[0], limits[1]);
      Window<Item> window = new Window<>(model);
      window.load();
      commit(
          window,
          List.of(item(random.nextInt(200), true, random.nextInt(60))),
          List.of((long) random.nextInt(200)));
      assertThat(visible(window))
          .as("limit %d offset %d", limits[0], limits[1])
          .isEqualTo(expected(model));
    }
  }

  @Test
  void saturatedAdd_capsAtLongMax() {
    assertThat(Window.saturatedAdd(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(Window.saturatedAdd(Long.MAX_VALUE - 2, 2)).isEqualTo(Long.MAX_VALUE);
    assertThat(Window.saturatedAdd(3, 4)).isEqualTo(7);
  }
}
