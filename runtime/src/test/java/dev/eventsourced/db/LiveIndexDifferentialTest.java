package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Item;
import dev.eventsourced.db.fixtures.ItemRepository;
import dev.eventsourced.db.fixtures.Item_;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Project_;
import dev.eventsourced.db.fixtures.SyncSimulation;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Task_;
import dev.eventsourced.db.live.LiveQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Live queries are indexed by what their filters require of one column (equality, {@code IN},
 * {@code IS NULL}, ranges; the {@code SYNCED} and {@code ORIGIN} columns too) and by the rows they
 * hold, so that a commit visits only the queries its rows can concern. This test opens many live
 * queries at once over small value domains, so that changed rows often enter, leave and move
 * between them, with parameters in other forms of the stored values ({@code -0.0}, decimals of
 * other scales, instants with nanoseconds), and applies random local inserts, updates and deletes,
 * confirmations (which change only {@code SYNCED}), pulled rows and rebuilds. After every commit
 * each live result must equal a fresh query: an index that skipped a query it should have told
 * would leave that query behind. The seed is printed; replay one with {@code -Dseed=N}, run longer
 * with {@code -Dsteps=N}.
 */
class LiveIndexDifferentialTest {

  private static final int STEPS = Integer.getInteger("steps", 80);

  private static final String[] TEXTS = {"a", "A", "b", "é", "😀", ""};
  private static final long[] BIGS = {0, 1, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE, -1};
  private static final float[] RATIOS = {0f, 0.5f, 1f, -1f, Float.NaN};
  private static final double[] AMOUNTS = {0.0, 1.0, 1.5, 9007199254740992.0, -2.0};
  private static final String[] PRICES = {"1", "1.0", "1.00", "2.5", "0.1", "0", "-3"};
  private static final UUID[] UUIDS = {
    new UUID(0, 1), new UUID(1, 0), UUID.fromString("a0000000-0000-0000-0000-00000000000b")
  };
  private static final LocalDate[] DAYS = {
    LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), LocalDate.EPOCH
  };
  private static final long[] MILLIS = {0, 1, -1, 1_700_000_000_000L};

  private Random random;

  private record Probe<R>(String description, LiveQuery<R> live, Supplier<List<R>> fresh) {
    void check(String step) {
      List<Object> expected = LiveQueryDifferentialTest.values(fresh.get());
      List<Object> actual = LiveQueryDifferentialTest.values(live.current());
      assertThat(actual).as(description + " after " + step).isEqualTo(expected);
    }
  }

  @Test
  void manyIndexedLiveQueries_stayEqualToAFreshQuery_afterEveryCommit() {
    long seed = Long.getLong("seed", System.nanoTime());
    System.out.println(
        "LiveIndexDifferentialTest seed: " + seed + " (replay with -Dseed=" + seed + ")");
    random = new Random(seed);
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .inMemory()
            .collections(
                ItemRepository.COLLECTION, ProjectRepository.COLLECTION, TaskRepository.COLLECTION)
            .open()) {
      ItemRepository items = ItemRepository.of(db);
      ProjectRepository projects = ProjectRepository.of(db);
      TaskRepository tasks = TaskRepository.of(db);
      for (int i = 0; i < 30; i++) items.upsert(item());
      for (int i = 0; i < 6; i++) projects.upsert(project());
      for (int i = 0; i < 20; i++) tasks.upsert(task());

      List<Probe<?>> probes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Query<Item> query = window(items.query().where(restricting()));
        if (chance(3)) query = query.where(other());
        if (chance(8)) query = items.query().where(other()); // not indexable: told every change
        probes.add(
            new Probe<>(query.toString() + " " + parameters(query), query.live(), query::list));
      }
      for (int i = 0; i < 16; i++) {
        Query<Project> parents = projects.query().where(projectRestriction());
        if (chance(3)) parents = parents.limit(1 + random.nextInt(3));
        Query<Task> children = tasks.query();
        if (chance(2)) children = children.where(Task_.DONE.isFalse());
        if (chance(2)) children = children.orderBy(Task_.RANK.desc());
        IncludeQuery<Project, Task> query =
            parents.orderBy(Project_.NAME.asc()).include(Project_.ID, children, Task_.PROJECT_ID);
        probes.add(
            new Probe<>(
                parents + " " + parameters(parents) + " with " + children,
                query.live(),
                query::list));
      }

      for (int step = 0; step < STEPS; step++) {
        String description = "step " + step + " (seed " + seed + ")";
        int size = 1 + random.nextInt(random.nextInt(6) == 0 ? 8 : 3);
        if (chance(40)) {
          db.rebuild(chance(2) ? "items" : "projects");
        } else {
          db.transaction(
              () -> {
                for (int m = 0; m < size; m++) mutate(db, items, projects, tasks);
              });
        }
        for (Probe<?> probe : probes) probe.check(description);
      }
      for (Probe<?> probe : probes) probe.live().close();
    }
  }

  private static String parameters(Query<?> query) {
    List<Object> parameters = new ArrayList<>();
    query.selectSql(parameters);
    return parameters.stream()
        .map(p -> p instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(p))
        .toList()
        .toString();
  }

  // ---- mutations ----------------------------------------------------------------------------

  private void mutate(
      EventSourcedDb db, ItemRepository items, ProjectRepository projects, TaskRepository tasks) {
    switch (random.nextInt(12)) {
      case 0:
        items.deleteIfExists(id());
        break;
      case 1:
      case 2:
        SyncSimulation.confirm(db, ItemRepository.COLLECTION, id());
        break;
      case 3:
        SyncSimulation.remoteUpsert(db, ItemRepository.COLLECTION, item());
        break;
      case 4:
      case 5:
        {
          Item current = items.find(id()).orElse(null);
          if (current != null) items.update(tweak(current));
          break;
        }
      case 6:
        projects.upsert(project());
        break;
      case 7:
        if (chance(2)) projects.deleteIfExists("p" + random.nextInt(8));
        else SyncSimulation.confirm(db, ProjectRepository.COLLECTION, "p" + random.nextInt(8));
        break;
      case 8:
        if (chance(3)) tasks.deleteIfExists((long) random.nextInt(25));
        else tasks.upsert(task());
        break;
      default:
        items.upsert(item());
    }
  }

  private long id() {
    return random.nextInt(36);
  }

  private Item tweak(Item item) {
    Object[] values = new Object[20];
    for (int i = 0; i < values.length; i++)
      values[i] = ItemRepository.COLLECTION.componentValue(item, i);
    Item fresh = item();
    for (int n = 1 + random.nextInt(2); n > 0; n--) {
      int column = 1 + random.nextInt(values.length - 1);
      values[column] = ItemRepository.COLLECTION.componentValue(fresh, column);
    }
    return new Item(
        (Long) values[0],
        (Long) values[1],
        (String) values[2],
        (String) values[3],
        (Boolean) values[4],
        (Boolean) values[5],
        (Byte) values[6],
        (Short) values[7],
        (Integer) values[8],
        (Long) values[9],
        (Float) values[10],
        (Double) values[11],
        (Character) values[12],
        (Item.Level) values[13],
        (UUID) values[14],
        (Instant) values[15],
        (LocalDate) values[16],
        (BigDecimal) values[17],
        (byte[]) values[18],
        castTags(values[19]));
  }

  @SuppressWarnings("unchecked")
  private static List<String> castTags(Object tags) {
    return (List<String>) tags;
  }

  // ---- small value domains --------------------------------------------------------------------

  private Item item() {
    return new Item(
        id(),
        nullable(() -> (long) random.nextInt(5)),
        nullable(() -> pick(TEXTS)),
        nullable(() -> pick(TEXTS)),
        random.nextBoolean(),
        nullable(random::nextBoolean),
        (byte) (random.nextInt(3) - 1),
        nullable(() -> (short) (random.nextInt(3) - 1)),
        nullable(() -> random.nextInt(4) - 1),
        nullable(() -> BIGS[random.nextInt(BIGS.length)]),
        RATIOS[random.nextInt(RATIOS.length)],
        nullable(() -> AMOUNTS[random.nextInt(AMOUNTS.length)]),
        nullable(() -> "aAé".charAt(random.nextInt(3))),
        nullable(this::level),
        nullable(() -> UUIDS[random.nextInt(UUIDS.length)]),
        nullable(() -> Instant.ofEpochMilli(MILLIS[random.nextInt(MILLIS.length)])),
        nullable(() -> DAYS[random.nextInt(DAYS.length)]),
        nullable(() -> new BigDecimal(PRICES[random.nextInt(PRICES.length)])),
        nullable(() -> new byte[] {(byte) random.nextInt(2)}),
        chance(2) ? null : List.of(pick(TEXTS)));
  }

  private Project project() {
    return new Project(
        "p" + random.nextInt(8),
        nullable(() -> pick(TEXTS)),
        nullable(() -> new BigDecimal(PRICES[random.nextInt(PRICES.length)])),
        random.nextBoolean(),
        nullable(() -> DAYS[random.nextInt(DAYS.length)]),
        nullable(() -> AMOUNTS[random.nextInt(AMOUNTS.length)]));
  }

  private Task task() {
    return new Task(
        random.nextInt(25),
        nullable(() -> "p" + random.nextInt(8)),
        pick(TEXTS),
        nullable(() -> random.nextInt(4)),
        random.nextBoolean());
  }

  private Item.Level level() {
    return Item.Level.values()[random.nextInt(Item.Level.values().length)];
  }

  // ---- filters --------------------------------------------------------------------------------

  /** A filter whose top level restricts a column: what the index is built from. */
  private Condition<Item> restricting() {
    switch (random.nextInt(19)) {
      case 0:
        return compare(Item_.ID, this::id);
      case 1:
        return compare(Item_.PARENT_ID, () -> (long) random.nextInt(5));
      case 2:
        return compare(Item_.TEXT, () -> pick(TEXTS));
      case 3:
        return random.nextBoolean() ? Item_.FLAG.isTrue() : Item_.MAYBE.eq(random.nextBoolean());
      case 4:
        return compare(Item_.TINY, () -> (byte) (random.nextInt(3) - 1));
      case 5:
        return compare(Item_.COUNT, () -> random.nextInt(4) - 1);
      case 6:
        return compare(Item_.BIG, () -> BIGS[random.nextInt(BIGS.length)]);
      case 7:
        // -0f equals 0f in SQL (and a NaN parameter binds as NULL)
        return compare(Item_.RATIO, () -> chance(3) ? -0f : RATIOS[random.nextInt(RATIOS.length)]);
      case 8:
        // -0.0 equals 0.0, 1.0 equals the INTEGER 1 of other forms
        return compare(
            Item_.AMOUNT, () -> chance(3) ? -0.0 : AMOUNTS[random.nextInt(AMOUNTS.length)]);
      case 9:
        return compare(Item_.LETTER, () -> "aAé".charAt(random.nextInt(3)));
      case 10:
        return random.nextBoolean()
            ? Item_.LEVEL.eq(level())
            : Item_.LEVEL.in(level(), chance(2) ? null : level());
      case 11:
        return compare(Item_.UUID, () -> UUIDS[random.nextInt(UUIDS.length)]);
      case 12:
        // an instant with nanoseconds is compared at its millisecond
        return compare(
            Item_.AT,
            () ->
                Instant.ofEpochMilli(MILLIS[random.nextInt(MILLIS.length)])
                    .plusNanos(chance(2) ? random.nextInt(1_000_000) : 0));
      case 13:
        return compare(Item_.DAY, () -> DAYS[random.nextInt(DAYS.length)]);
      case 14:
        // decimals of any scale: 1 = 1.0 = 1.000
        return compare(
            Item_.PRICE,
            () ->
                new BigDecimal(PRICES[random.nextInt(PRICES.length)])
                    .setScale(random.nextInt(4), java.math.RoundingMode.HALF_EVEN));
      case 15:
        return random.nextBoolean()
            ? Item_.DATA.eq(new byte[] {(byte) random.nextInt(2)})
            : Item_.DATA.in(new byte[] {0}, new byte[] {(byte) random.nextInt(3)});
      case 16:
        return random.nextBoolean() ? Item_.SYNCED.isTrue() : Item_.SYNCED.isFalse();
      case 17:
        return Item_.ORIGIN.eq(random.nextBoolean() ? Origin.LOCAL : Origin.REMOTE);
      default:
        {
          List<Column<Item, ?>> nullable =
              List.of(Item_.PARENT_ID, Item_.TEXT, Item_.AMOUNT, Item_.PRICE, Item_.TAGS);
          return pick(nullable).isNull();
        }
    }
  }

  /** Any filter, mostly not indexable on its own. */
  private Condition<Item> other() {
    switch (random.nextInt(6)) {
      case 0:
        return restricting().or(restricting());
      case 1:
        return restricting().not();
      case 2:
        return Item_.NAME.ne(pick(TEXTS));
      case 3:
        return Item_.TEXT.like(random.nextBoolean() ? "a%" : "%");
      case 4:
        return Condition.allOf(restricting(), restricting());
      default:
        return Item_.AMOUNT.isNotNull();
    }
  }

  private Condition<Project> projectRestriction() {
    switch (random.nextInt(6)) {
      case 0:
        return Project_.ARCHIVED.isFalse();
      case 1:
        return Project_.BUDGET.between(new BigDecimal("0.10"), new BigDecimal("2.500"));
      case 2:
        return Project_.SCORE.ge(chance(2) ? -0.0 : 1.0);
      case 3:
        return Project_.DUE.in(DAYS[random.nextInt(DAYS.length)], null);
      case 4:
        return Project_.SYNCED.isFalse();
      default:
        return Project_.NAME.eq(pick(TEXTS)).and(Project_.ARCHIVED.isTrue().not());
    }
  }

  private <V extends Comparable<? super V>> Condition<Item> compare(
      ComparableColumn<Item, V> column, Supplier<V> values) {
    V value = values.get();
    switch (random.nextInt(8)) {
      case 0:
      case 1:
        return column.eq(value);
      case 2:
        return column.in(value, values.get(), null);
      case 3:
        return column.lt(value);
      case 4:
        return column.le(value);
      case 5:
        return column.gt(value);
      case 6:
        return column.ge(value);
      default:
        return column.between(value, values.get());
    }
  }

  @SuppressWarnings("unchecked")
  private Query<Item> window(Query<Item> query) {
    if (chance(2)) {
      Column<Item, ?> column = pick(List.of(Item_.TEXT, Item_.AMOUNT, Item_.BIG, Item_.SYNCED));
      query = query.orderBy(random.nextBoolean() ? column.asc() : column.desc());
    }
    if (chance(3)) query = query.limit(1 + random.nextInt(4));
    if (chance(6)) query = query.offset(1);
    return query;
  }

  private <V> V nullable(Supplier<V> value) {
    return chance(5) ? null : value.get();
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private <E> E pick(E[] values) {
    return values[random.nextInt(values.length)];
  }

  private <E> E pick(List<E> values) {
    return values.get(random.nextInt(values.size()));
  }
}
