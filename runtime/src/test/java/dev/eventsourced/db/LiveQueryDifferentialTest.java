package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Item;
import dev.eventsourced.db.fixtures.ItemRepository;
import dev.eventsourced.db.fixtures.Item_;
import dev.eventsourced.db.fixtures.SyncSimulation;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import dev.eventsourced.db.live.WithChildren;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Invariant 6 against SQLite itself, over values at the edges of every column type: random rows
 * (NUL and supplementary characters, NaN, infinities, longs beyond 2^53, decimals with more than 19
 * digits or huge exponents, extreme dates and instants, blobs), random filters, orders, limits and
 * offsets up to {@code Long.MAX_VALUE}, and includes of the collection into itself (trees) on every
 * link type. Live queries stay open while random transactions insert, update, delete, confirm and
 * pull rows; after every commit each live result must equal a fresh query. The seed is printed;
 * replay one with {@code -Dseed=N}, run longer with {@code -Dsteps=N} (a few seconds on two cores
 * at the default).
 *
 * <p>Rows written through the repository sometimes hold values the value rules change on the way in
 * ({@code -0.0}, sub-millisecond instants; invariant 7), never values they refuse (unpaired
 * surrogates); query parameters hold any value, unpaired surrogates included.
 */
class LiveQueryDifferentialTest {

  private static final int STEPS = Integer.getInteger("steps", 200);

  private static final String[] PIECES = {
    "",
    "a",
    "A",
    "b",
    "B",
    "z",
    "é",
    "É",
    "ß",
    "%",
    "_",
    "\\",
    " ",
    "\u0000",
    "\u007f",
    "\u0080",
    "\uE000",
    "\uFFFD",
    "\uFFFF",
    "😀",
    "\uD800\uDC00",
    "\uDBFF\uDFFF",
    "İ",
    "ǅ",
    "0",
    "9",
    "1e3",
    "-"
  };
  private static final String[] LIKE_PIECES = {
    "%", "%", "_", "a", "A", "b", "é", "É", "\\%", "\\_", "\\\\", "\\a", "\\", "\u0000", "😀",
    "\uE000", "\uFFFF", "z"
  };
  private static final long[] LONGS = {
    0,
    1,
    -1,
    2,
    7,
    42,
    Long.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE - 1,
    1L << 53,
    (1L << 53) + 1,
    -(1L << 53) - 1,
    (1L << 62) + 1,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE
  };
  private static final double[] DOUBLES = {
    0.0,
    1.0,
    -1.0,
    0.5,
    0.1,
    2.5,
    42,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    9007199254740992.0,
    9007199254740994.0,
    9.223372036854775807E18,
    -9.223372036854775808E18,
    1.8446744073709552E19,
    1e300,
    -1e-300
  };
  private static final String[] DECIMALS = {
    "0",
    "0.00",
    "1",
    "1.0",
    "1.00",
    "-1",
    "0.1",
    "-2.5",
    "42",
    "1E+3",
    "1000",
    "1E-7",
    "1E+400",
    "-1E+400",
    "1E-400",
    "9007199254740993",
    "9007199254740993.0000000000001",
    "3500000000000000.2500001",
    "12345678901234567890123456789",
    "-0.000000000000000000000000000001",
    "1.7976931348623157E+308",
    "1.8E+308",
    "4.9E-324",
    "2E-324",
    "184467440737095516150",
    "0.18446744073709551615",
    "1E+2147483647",
    "-1E-2147483647"
  };
  private static final LocalDate[] DAYS = {
    LocalDate.MIN,
    LocalDate.MAX,
    LocalDate.EPOCH,
    LocalDate.of(0, 1, 1),
    LocalDate.of(-1, 12, 31),
    LocalDate.of(9999, 12, 31),
    LocalDate.of(10000, 1, 1),
    LocalDate.of(2024, 2, 29),
    LocalDate.of(2024, 3, 1)
  };
  private static final UUID[] UUIDS = {
    new UUID(0, 0),
    new UUID(-1, -1),
    new UUID(Long.MIN_VALUE, 0),
    new UUID(Long.MAX_VALUE, Long.MAX_VALUE),
    UUID.fromString("00000000-0000-0000-0000-00000000000a"),
    UUID.fromString("a0000000-0000-0000-0000-000000000000")
  };
  private static final long[] LIMITS = {
    0,
    1,
    2,
    3,
    5,
    8,
    20,
    Integer.MAX_VALUE,
    Integer.MAX_VALUE + 1L,
    Long.MAX_VALUE - 1,
    Long.MAX_VALUE
  };
  private static final long[] OFFSETS = {
    1, 2, 3, 7, 30, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE - 2, Long.MAX_VALUE
  };

  private Random random;
  private final List<Long> ids = new ArrayList<>();

  /** One live query under test, with what its subscriber saw. */
  private static final class Probe<R> {
    final String description;
    final LiveQuery<R> live;
    final Supplier<List<R>> fresh;
    final List<LiveUpdate<R>> updates = new ArrayList<>();
    List<R> seen;

    Probe(String description, LiveQuery<R> live, Supplier<List<R>> fresh) {
      this.description = description;
      this.live = live;
      this.fresh = fresh;
      live.subscribe(Runnable::run, updates::add);
      seen = updates.remove(0).rows();
      assertThat(values(seen))
          .as("initial result of " + description)
          .isEqualTo(values(fresh.get()));
    }

    void check(String step) {
      List<Object> expected = values(fresh.get());
      String where = description + " after " + step;
      assertThat(updates.size()).as("updates of " + where).isLessThanOrEqualTo(1);
      if (updates.size() == 1) {
        LiveUpdate<R> update = updates.remove(0);
        assertThat(values(update.delta().applyTo(seen)))
            .as("delta applied to the previous result: " + where)
            .isEqualTo(values(update.rows()));
        seen = update.rows();
      }
      same("current(): " + where, values(live.current()), expected);
      same("subscriber's result: " + where, values(seen), expected);
    }

    /** Fails with the first difference rather than both results in full. */
    private static void same(String what, List<Object> actual, List<Object> expected) {
      if (actual.equals(expected)) return;
      int i = 0;
      while (i < actual.size() && i < expected.size() && actual.get(i).equals(expected.get(i))) i++;
      throw new AssertionError(
          what
              + "\n"
              + actual.size()
              + " rows instead of "
              + expected.size()
              + "; first difference at "
              + i
              + ":\n  live:  "
              + (i < actual.size() ? actual.get(i) : "(none)")
              + "\n  fresh: "
              + (i < expected.size() ? expected.get(i) : "(none)"));
    }
  }

  @Test
  void randomQueriesOverExtremeValues_keepEveryLiveResultEqualToAFreshQuery() {
    long seed = Long.getLong("seed", System.nanoTime());
    System.out.println(
        "LiveQueryDifferentialTest seed: " + seed + " (replay with -Dseed=" + seed + ")");
    random = new Random(seed);
    for (long id : LONGS) ids.add(id);
    for (long id = 0; id < 24; id++) ids.add(id);
    try (EventSourcedDb db =
        EventSourcedDb.builder().inMemory().collections(ItemRepository.COLLECTION).open()) {
      ItemRepository items = ItemRepository.of(db);
      for (int i = 0; i < 40; i++) items.upsert(item());

      List<Probe<?>> probes = new ArrayList<>();
      for (int i = 0; i < 36; i++) {
        Query<Item> query = window(query(items));
        probes.add(new Probe<>(describe(query), query.live(), query::list));
      }
      for (int i = 0; i < 14; i++) {
        Query<Item> parents = window(query(items));
        Query<Item> children = query(items);
        IncludeQuery<Item, Item> query = include(parents, children);
        probes.add(
            new Probe<>(
                "parents "
                    + describe(parents)
                    + " include "
                    + query.toString()
                    + " children "
                    + describe(children),
                query.live(),
                query::list));
      }

      for (int step = 0; step < STEPS; step++) {
        int size = 1 + random.nextInt(random.nextInt(8) == 0 ? 10 : 4);
        boolean rollback = random.nextInt(15) == 0;
        try {
          db.transaction(
              () -> {
                for (int m = 0; m < size; m++) mutate(db, items);
                if (rollback) throw new IllegalStateException("rollback");
              });
        } catch (IllegalStateException expected) {
          assertThat(expected).hasMessage("rollback");
        }
        for (Probe<?> probe : probes) probe.check("step " + step + " (seed " + seed + ")");
      }
      for (Probe<?> probe : probes) probe.live.close();
    }
  }

  private static String describe(Query<Item> query) {
    List<Object> parameters = new ArrayList<>();
    String sql = query.selectSql(parameters);
    StringBuilder text = new StringBuilder(sql).append(" with [");
    for (int i = 0; i < parameters.size(); i++) {
      Object parameter = parameters.get(i);
      if (i > 0) text.append(", ");
      if (parameter instanceof String string) {
        text.append('\'');
        string
            .codePoints()
            .forEach(
                c -> {
                  if (c >= 0x20 && c < 0x7f) text.appendCodePoint(c);
                  else text.append(String.format("\\u{%x}", c));
                });
        text.append('\'');
      } else if (parameter instanceof byte[] bytes) {
        text.append("x'").append(java.util.HexFormat.of().formatHex(bytes)).append('\'');
      } else {
        text.append(parameter)
            .append(parameter == null ? "" : " (" + parameter.getClass().getSimpleName() + ")");
      }
    }
    return text.append(']').toString();
  }

  // ---- mutations ----------------------------------------------------------------------------

  private void mutate(EventSourcedDb db, ItemRepository items) {
    switch (random.nextInt(8)) {
      case 0:
        items.deleteIfExists(pick(ids));
        break;
      case 1:
        SyncSimulation.confirm(db, ItemRepository.COLLECTION, pick(ids));
        break;
      case 2:
        SyncSimulation.remoteUpsert(db, ItemRepository.COLLECTION, item());
        break;
      case 3:
      case 4:
        {
          Item current = items.find(pick(ids)).orElse(null);
          if (current != null) items.update(uncanonical(tweak(current)));
          break;
        }
      default:
        items.upsert(uncanonical(item()));
    }
  }

  /** A copy of {@code item} with a few components replaced. */
  private Item tweak(Item item) {
    Object[] values = new Object[20];
    for (int i = 0; i < values.length; i++)
      values[i] = ItemRepository.COLLECTION.componentValue(item, i);
    Item fresh = item();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int column = 1 + random.nextInt(values.length - 1);
      values[column] = ItemRepository.COLLECTION.componentValue(fresh, column);
    }
    return newItem(values);
  }

  /**
   * Sometimes a value the value rules change on the way in (-0.0, an Instant with nanoseconds): the
   * repository stores, logs and reports the canonical row, which live rows must hold too.
   * (SyncSimulation writes rows as given, so only the repository's paths get these.)
   */
  private Item uncanonical(Item item) {
    if (!chance(3)) return item;
    Object[] values = new Object[20];
    for (int i = 0; i < values.length; i++)
      values[i] = ItemRepository.COLLECTION.componentValue(item, i);
    if ((Float) values[10] == 0f) values[10] = -0f;
    if (values[11] != null && (Double) values[11] == 0.0) values[11] = -0.0;
    if (values[15] != null && ((Instant) values[15]).getEpochSecond() < Long.MAX_VALUE / 1000 - 1) {
      values[15] = ((Instant) values[15]).plusNanos(random.nextInt(1_000_000));
    }
    return newItem(values);
  }

  @SuppressWarnings("unchecked")
  private static Item newItem(Object[] v) {
    return new Item(
        (Long) v[0],
        (Long) v[1],
        (String) v[2],
        (String) v[3],
        (Boolean) v[4],
        (Boolean) v[5],
        (Byte) v[6],
        (Short) v[7],
        (Integer) v[8],
        (Long) v[9],
        (Float) v[10],
        (Double) v[11],
        (Character) v[12],
        (Item.Level) v[13],
        (UUID) v[14],
        (Instant) v[15],
        (LocalDate) v[16],
        (BigDecimal) v[17],
        (byte[]) v[18],
        (List<String>) v[19]);
  }

  // ---- values at the edges ------------------------------------------------------------------

  private Item item() {
    return new Item(
        pick(ids),
        chance(4) ? null : pick(ids),
        nullable(this::text),
        nullable(this::text),
        random.nextBoolean(),
        nullable(random::nextBoolean),
        tiny(),
        nullable(this::small),
        nullable(this::count),
        nullable(this::big),
        ratio(),
        nullable(this::amount),
        nullable(this::letter),
        nullable(this::level),
        nullable(this::uuid),
        nullable(this::at),
        nullable(this::day),
        nullable(this::price),
        nullable(this::data),
        chance(3) ? null : List.of(text(), text()).subList(0, random.nextInt(3)));
  }

  private <V> V nullable(Supplier<V> value) {
    return chance(5) ? null : value.get();
  }

  private String text() {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(4); i > 0; i--) {
      if (chance(8)) text.appendCodePoint(randomCodePoint());
      else text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /**
   * Text for a query parameter: rows cannot hold an unpaired surrogate (not well-formed UTF-16),
   * but a parameter can, and the driver binds it as {@code '?'}.
   */
  private String parameterText() {
    return chance(6) ? text() + pick(List.of("\uD800", "\uDFFF", "?")) + text() : text();
  }

  /** Any code point but a surrogate (which a Java string cannot hold unpaired as valid UTF-16). */
  private int randomCodePoint() {
    while (true) {
      int c = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x300);
      if (c < 0xD800 || c > 0xDFFF) return c;
    }
  }

  private String pattern() {
    StringBuilder pattern = new StringBuilder();
    for (int i = random.nextInt(5); i >= 0; i--) {
      if (chance(6)) pattern.append(parameterText());
      else pattern.append(LIKE_PIECES[random.nextInt(LIKE_PIECES.length)]);
    }
    return pattern.toString();
  }

  private byte tiny() {
    return chance(2)
        ? (byte) random.nextInt()
        : pick(List.of(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0, (byte) -1));
  }

  private short small() {
    return chance(2)
        ? (short) random.nextInt()
        : pick(List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) 1));
  }

  private int count() {
    return chance(2)
        ? random.nextInt(7) - 3
        : pick(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1 << 24));
  }

  private long big() {
    return chance(3) ? random.nextLong() : LONGS[random.nextInt(LONGS.length)];
  }

  private float ratio() {
    switch (random.nextInt(4)) {
      case 0:
        return canonical(Float.intBitsToFloat(random.nextInt()));
      case 1:
        return pick(
            List.of(
                Float.NaN,
                Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                Float.MAX_VALUE,
                Float.MIN_VALUE,
                16777217f,
                0.1f,
                0f,
                1f));
      default:
        return random.nextInt(5) - 2 + (chance(2) ? 0.5f : 0f);
    }
  }

  private double amount() {
    double value;
    switch (random.nextInt(4)) {
      case 0:
        value = Double.longBitsToDouble(random.nextLong());
        break;
      case 1:
        value = (double) big();
        break;
      default:
        value = DOUBLES[random.nextInt(DOUBLES.length)];
    }
    return value == 0.0
        ? 0.0
        : value; // -0.0 is stored as 0.0 (SqlValues.bindDouble): not a canonical value
  }

  private float canonical(float value) {
    return value == 0.0f ? 0.0f : value;
  }

  private char letter() {
    while (true) {
      char c =
          chance(2)
              ? (char) random.nextInt(0x10000)
              : pick(List.of('a', 'A', '\u0000', '\uFFFF', '\uE000', 'é', '%'));
      if (!Character.isSurrogate(c)) return c;
    }
  }

  private Item.Level level() {
    return Item.Level.values()[random.nextInt(Item.Level.values().length)];
  }

  private UUID uuid() {
    return chance(2)
        ? new UUID(random.nextLong(), random.nextLong())
        : UUIDS[random.nextInt(UUIDS.length)];
  }

  private Instant at() {
    long millis = chance(3) ? random.nextLong() : LONGS[random.nextInt(LONGS.length)];
    return Instant.ofEpochMilli(millis);
  }

  private LocalDate day() {
    if (chance(2)) return DAYS[random.nextInt(DAYS.length)];
    return LocalDate.ofEpochDay(random.nextLong() % (LocalDate.MAX.toEpochDay() - 1));
  }

  private BigDecimal price() {
    switch (random.nextInt(4)) {
      case 0:
        return new BigDecimal(
                new BigInteger(1 + random.nextInt(90), random), random.nextInt(800) - 400)
            .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate());
      case 1:
        return BigDecimal.valueOf(amountForDecimal());
      default:
        return new BigDecimal(DECIMALS[random.nextInt(DECIMALS.length)]);
    }
  }

  private double amountForDecimal() {
    while (true) {
      double value = amount();
      if (Double.isFinite(value)) return value;
    }
  }

  private byte[] data() {
    if (chance(3))
      return pick(
          List.of(
              new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {-1}, new byte[] {127}));
    byte[] data = new byte[random.nextInt(3)];
    random.nextBytes(data);
    return data;
  }

  // ---- queries ------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private Query<Item> query(ItemRepository items) {
    Query<Item> query = items.query();
    if (!chance(5)) query = query.where(condition(2));
    if (chance(4)) query = query.where(condition(1));
    List<Order<Item>> orders = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      Column<Item, ?> column = pick(ORDERABLE);
      Order<Item> order = random.nextBoolean() ? column.asc() : column.desc();
      int nulls = random.nextInt(3);
      orders.add(nulls == 0 ? order : nulls == 1 ? order.nullsFirst() : order.nullsLast());
    }
    return query.orderBy(orders.toArray(Order[]::new));
  }

  private static final List<Column<Item, ?>> ORDERABLE =
      List.of(
          Item_.ID,
          Item_.PARENT_ID,
          Item_.TEXT,
          Item_.NAME,
          Item_.FLAG,
          Item_.MAYBE,
          Item_.TINY,
          Item_.SMALL,
          Item_.COUNT,
          Item_.BIG,
          Item_.RATIO,
          Item_.AMOUNT,
          Item_.LETTER,
          Item_.LEVEL,
          Item_.UUID,
          Item_.AT,
          Item_.DAY,
          Item_.PRICE,
          Item_.DATA,
          Item_.SYNCED,
          Item_.ORIGIN,
          Item_.ID,
          Item_.PRICE,
          Item_.AMOUNT,
          Item_.TEXT,
          Item_.TAGS);

  private Query<Item> window(Query<Item> query) {
    if (random.nextInt(10) < 6) query = query.limit(LIMITS[random.nextInt(LIMITS.length)]);
    if (random.nextInt(10) < 4) query = query.offset(OFFSETS[random.nextInt(OFFSETS.length)]);
    return query;
  }

  private IncludeQuery<Item, Item> include(Query<Item> parents, Query<Item> children) {
    switch (random.nextInt(12)) {
      case 0:
        return parents.include(Item_.PARENT_ID, children, Item_.ID);
      case 1:
        return parents.include(Item_.TEXT, children, Item_.NAME);
      case 2:
        return parents.include(Item_.AMOUNT, children, Item_.AMOUNT);
      case 3:
        return parents.include(Item_.PRICE, children, Item_.PRICE);
      case 4:
        return parents.include(Item_.UUID, children, Item_.UUID);
      case 5:
        return parents.include(Item_.DAY, children, Item_.DAY);
      case 6:
        return parents.include(Item_.LEVEL, children, Item_.LEVEL);
      case 7:
        return parents.include(Item_.LETTER, children, Item_.LETTER);
      case 8:
        return parents.include(Item_.BIG, children, Item_.PARENT_ID);
      case 9:
        return parents.include(Item_.FLAG, children, Item_.MAYBE);
      default:
        return parents.include(Item_.ID, children, Item_.PARENT_ID);
    }
  }

  private Condition<Item> condition(int depth) {
    if (depth > 0 && chance(2)) {
      switch (random.nextInt(5)) {
        case 0:
          return condition(depth - 1).and(condition(depth - 1));
        case 1:
          return condition(depth - 1).or(condition(depth - 1));
        case 2:
          return Condition.anyOf(condition(depth - 1), condition(depth - 1), condition(depth - 1));
        case 3:
          return chance(3) ? Condition.allOf() : Condition.anyOf();
        default:
          return condition(depth - 1).not();
      }
    }
    switch (random.nextInt(20)) {
      case 0:
        return compare(Item_.ID, () -> pick(ids));
      case 1:
        return compare(Item_.PARENT_ID, () -> pick(ids));
      case 2:
        return compare(Item_.TEXT, this::parameterText);
      case 3:
        return random.nextBoolean() ? Item_.NAME.like(pattern()) : Item_.TEXT.like(pattern());
      case 4:
        return random.nextBoolean()
            ? Item_.TEXT.startsWith(parameterText())
            : Item_.NAME.contains(parameterText());
      case 5:
        return random.nextBoolean() ? Item_.FLAG.isTrue() : Item_.MAYBE.isFalse();
      case 6:
        return compare(Item_.TINY, this::tiny);
      case 7:
        return random.nextBoolean()
            ? compare(Item_.SMALL, this::small)
            : compare(Item_.COUNT, this::count);
      case 8:
        return compare(Item_.BIG, this::big);
      case 9:
        return compare(Item_.RATIO, this::ratio);
      case 10:
        return compare(Item_.AMOUNT, this::amount);
      case 11:
        return compare(Item_.LETTER, () -> chance(8) ? '\uDC00' : letter());
      case 12:
        return random.nextBoolean()
            ? Item_.LEVEL.eq(level())
            : Item_.LEVEL.in(level(), level(), null);
      case 13:
        return compare(Item_.UUID, this::uuid);
      case 14:
        return compare(Item_.AT, this::at);
      case 15:
        return compare(Item_.DAY, this::day);
      case 16:
        return compare(Item_.PRICE, this::price);
      case 17:
        return random.nextBoolean() ? Item_.DATA.eq(data()) : Item_.DATA.in(data(), data());
      case 18:
        return random.nextBoolean()
            ? Item_.SYNCED.isTrue()
            : Item_.ORIGIN.eq(pick(List.of(Origin.values())));
      default:
        {
          Column<Item, ?> column = pick(ORDERABLE);
          return random.nextBoolean() ? column.isNull() : column.isNotNull();
        }
    }
  }

  private <V extends Comparable<? super V>> Condition<Item> compare(
      ComparableColumn<Item, V> column, Supplier<V> values) {
    V value = values.get();
    switch (random.nextInt(9)) {
      case 0:
        return column.eq(value);
      case 1:
        return column.ne(value);
      case 2:
        return column.lt(value);
      case 3:
        return column.le(value);
      case 4:
        return column.gt(value);
      case 5:
        return column.ge(value);
      case 6:
        return column.in(value, null);
      case 7:
        return column.in(List.of(value));
      default:
        return column.between(value, values.get());
    }
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private <E> E pick(List<E> values) {
    return values.get(random.nextInt(values.size()));
  }

  // ---- comparing results by value -----------------------------------------------------------

  /** A result as comparable values: records by component, arrays by content. */
  static List<Object> values(List<?> rows) {
    List<Object> values = new ArrayList<>(rows.size());
    for (Object row : rows) values.add(value(row));
    return values;
  }

  private static Object value(Object row) {
    if (row instanceof WithChildren<?, ?> item)
      return List.of(value(item.parent()), values(item.children()));
    if (row instanceof Item item) {
      List<Object> components = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Object component = ItemRepository.COLLECTION.componentValue(item, i);
        components.add(component instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : component);
      }
      return components;
    }
    return row;
  }
}
