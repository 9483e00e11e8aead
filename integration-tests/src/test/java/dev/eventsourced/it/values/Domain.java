package dev.eventsourced.it.values;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates values of every supported component type over the type's whole domain, driven by the
 * record's declared (generic) types: boundaries first among equals, then random values. Strings
 * come from every Unicode plane (U+0000 and supplementary characters included); numbers include
 * MIN/MAX, 0, -1, NaN, ±0.0, ±Infinity, subnormals and longs beyond 2^53; instants carry
 * nanoseconds; collections are empty, small, nested or large and hold nulls.
 *
 * <p>Values a row must be refused for (an unpaired surrogate, an {@code Instant} outside the range
 * of epoch milliseconds, a {@code null} map key) are drawn only when {@code invalidRate > 0}, so
 * that most rows are valid and the valid domain is well covered.
 *
 * <p>Collections are mutable ({@code ArrayList}, {@code LinkedHashSet}, {@code LinkedHashMap}), as
 * an application's would be: the properties check that the database does not share them.
 */
final class Domain {

  static final String[] EDGE_STRINGS = {
    "",
    "\u0000",
    "a\u0000b",
    "\u0000\u0000",
    " ",
    "\t\r\n",
    "😀",
    "a😀b",
    "\uDBFF\uDFFF",
    "\uD800\uDC00",
    "\uFEFF",
    "\uFFFE",
    "\uFFFF",
    "\u202Eevil",
    "e\u0301",
    "漢字",
    "עברית",
    "'; DROP TABLE x; --",
    "\"\\",
    "\u007F\u0080\u009F",
    "null",
    "NaN",
    "-0",
    "1E+1000",
    "\u2028\u2029",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
  };
  static final String[] INVALID_STRINGS = {
    "\uD800", "\uDC00", "a\uDBFFb", "\uDC00\uD800", "😀\uD83D", "\uDFFF😀"
  };

  static final double[] EDGE_DOUBLES = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    0.1,
    1e-310,
    9007199254740993.0,
    Math.nextDown(1.0),
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Float.MAX_VALUE,
    Float.MIN_VALUE
  };
  static final float[] EDGE_FLOATS = {
    0.0f,
    -0.0f,
    1.0f,
    -1.0f,
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MIN_NORMAL,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    0.1f,
    16777217f,
    3.4e-40f
  };
  static final long[] EDGE_LONGS = {
    0,
    -1,
    1,
    Long.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE - 1,
    (1L << 53) + 1,
    -((1L << 53) + 1),
    1L << 53,
    Integer.MAX_VALUE + 1L,
    Integer.MIN_VALUE - 1L,
    9007199254740993L
  };
  static final Instant[] EDGE_INSTANTS = {
    Instant.EPOCH,
    Instant.EPOCH.minusNanos(1),
    Instant.EPOCH.plusNanos(1),
    Instant.ofEpochSecond(-1, 999_999_999),
    Instant.ofEpochMilli(Long.MIN_VALUE),
    Instant.ofEpochMilli(Long.MAX_VALUE),
    Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999),
    Instant.ofEpochMilli(-1).plusNanos(1),
    Instant.parse("2262-04-11T23:47:16.854775807Z"),
    Instant.parse("1677-09-21T00:12:43.145224192Z"),
    Instant.ofEpochSecond(253402300799L, 999_999_999)
  };
  static final Instant[] INVALID_INSTANTS = {
    Instant.MIN,
    Instant.MAX,
    Instant.ofEpochMilli(Long.MIN_VALUE).minusNanos(1),
    Instant.ofEpochMilli(Long.MAX_VALUE).plusMillis(1),
    Instant.ofEpochSecond(Long.MAX_VALUE / 999)
  };
  static final BigDecimal[] EDGE_DECIMALS = {
    BigDecimal.ZERO,
    new BigDecimal("0.0"),
    new BigDecimal("0E+5"),
    new BigDecimal("0E-5"),
    BigDecimal.ONE,
    new BigDecimal("1.0"),
    new BigDecimal("1.00"),
    new BigDecimal("1E+1000"),
    new BigDecimal("1E-1000"),
    new BigDecimal("-1"),
    new BigDecimal(BigInteger.valueOf(5), -3),
    new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE),
    new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1),
    new BigDecimal("-0.000"),
    new BigDecimal("123456789012345678901234567890.123456789012345678901234567890"),
    new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE),
    new BigDecimal("9007199254740993")
  };
  static final LocalDate[] EDGE_DATES = {
    LocalDate.MIN,
    LocalDate.MAX,
    LocalDate.EPOCH,
    LocalDate.of(0, 1, 1),
    LocalDate.of(-1, 12, 31),
    LocalDate.of(10000, 1, 1),
    LocalDate.of(2000, 2, 29),
    LocalDate.of(9999, 12, 31)
  };

  private final Random random;
  private final double invalidRate;
  private int depth;

  Domain(Random random, double invalidRate) {
    this.random = random;
    this.invalidRate = invalidRate;
  }

  Random random() {
    return random;
  }

  /** A value of {@code type}; {@code nullable} when the position may hold {@code null}. */
  Object value(Type type, boolean nullable) {
    if (type instanceof Class<?> c && c.isPrimitive()) {
      return primitive(c);
    }
    if (nullable && random.nextInt(12) == 0) {
      return null;
    }
    if (type instanceof ParameterizedType p) {
      return container(p);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) return string();
    if (c == Character.class) return character();
    if (c == Boolean.class) return random.nextBoolean();
    if (c == Byte.class) return (byte) anyLong();
    if (c == Short.class) return (short) anyLong();
    if (c == Integer.class) return (int) anyLong();
    if (c == Long.class) return anyLong();
    if (c == Float.class) return anyFloat();
    if (c == Double.class) return anyDouble();
    if (c == UUID.class) return uuid();
    if (c == Instant.class) return instant();
    if (c == LocalDate.class) return date();
    if (c == BigDecimal.class) return decimal();
    if (c == byte[].class) return bytes();
    if (c.isEnum()) return c.getEnumConstants()[random.nextInt(c.getEnumConstants().length)];
    if (c.isRecord()) return record(c);
    throw new IllegalArgumentException("no domain for " + type);
  }

  /** A record with every component drawn from its domain; the key component is never null. */
  <T> T record(Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    depth++;
    try {
      for (int i = 0; i < components.length; i++) {
        boolean key = components[i].isAnnotationPresent(dev.eventsourced.annotations.Key.class);
        values[i] =
            value(
                components[i].getGenericType(), !key && components[i].getType() != Optional.class);
      }
    } finally {
      depth--;
    }
    return construct(type, values);
  }

  static <T> T construct(Class<T> type, Object[] values) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameters = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) parameters[i] = components[i].getType();
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(parameters);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }

  private Object primitive(Class<?> c) {
    if (c == boolean.class) return random.nextBoolean();
    if (c == char.class) return character();
    if (c == byte.class) return (byte) anyLong();
    if (c == short.class) return (short) anyLong();
    if (c == int.class) return (int) anyLong();
    if (c == long.class) return anyLong();
    if (c == float.class) return anyFloat();
    if (c == double.class) return anyDouble();
    throw new IllegalArgumentException(c.toString());
  }

  private Object container(ParameterizedType type) {
    Class<?> raw = (Class<?>) type.getRawType();
    Type[] arguments = type.getActualTypeArguments();
    if (raw == Optional.class) {
      return random.nextInt(4) == 0 ? Optional.empty() : Optional.of(value(arguments[0], false));
    }
    int size = size(arguments[arguments.length - 1]);
    depth++;
    try {
      if (raw == List.class) {
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) list.add(value(arguments[0], true));
        return list;
      }
      if (raw == Set.class) {
        Set<Object> set = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) set.add(value(arguments[0], true));
        return set;
      }
      if (raw == Map.class) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          Object key = invalid() ? null : value(arguments[0], false);
          map.put(key, value(arguments[1], true));
        }
        return map;
      }
    } finally {
      depth--;
    }
    throw new IllegalArgumentException("no domain for " + type);
  }

  /** Empty, small, and now and then large (for scalar elements near the top of the row). */
  private int size(Type element) {
    if (depth > 3) return random.nextInt(4) == 0 ? 1 : 0;
    int choice = random.nextInt(40);
    if (choice < 8) return 0;
    if (choice == 39 && depth <= 1 && element instanceof Class<?> c && !c.isRecord())
      return 500 + random.nextInt(1500);
    return 1 + random.nextInt(depth == 0 ? 6 : 3);
  }

  private boolean invalid() {
    return invalidRate > 0 && random.nextDouble() < invalidRate;
  }

  String string() {
    if (invalid())
      return INVALID_STRINGS[random.nextInt(INVALID_STRINGS.length)]
          + (random.nextBoolean() ? "" : string());
    int choice = random.nextInt(20);
    if (choice < 4) return EDGE_STRINGS[random.nextInt(EDGE_STRINGS.length)];
    int length = choice == 4 && depth <= 1 ? 5_000 + random.nextInt(60_000) : random.nextInt(12);
    StringBuilder text = new StringBuilder(length);
    int plane = random.nextInt(4) == 0 ? random.nextInt(17) : -1;
    while (text.length() < length) {
      text.appendCodePoint(codePoint(plane));
    }
    return text.toString();
  }

  /** A code point that is not a surrogate: ASCII (U+0000 included), the BMP, or any other plane. */
  private int codePoint(int plane) {
    int choice = plane >= 0 ? 3 : random.nextInt(4);
    switch (choice) {
      case 0:
        return random.nextInt(0x80);
      case 1:
        return random.nextInt(0x800);
      case 2:
        {
          int c = random.nextInt(0x10000);
          return Character.isSurrogate((char) c) ? 0xFFFD : c;
        }
      default:
        {
          int p = plane >= 0 ? plane : random.nextInt(17);
          int c = (p << 16) | random.nextInt(0x10000);
          return Character.isSurrogate((char) c) && p == 0 ? 0xFFFC : c;
        }
    }
  }

  Character character() {
    if (invalid()) return (char) (0xD800 + random.nextInt(0x800));
    switch (random.nextInt(6)) {
      case 0:
        return new char[] {'\0', '\uFFFF', '\uFFFE', 'a', 'é', '漢', '\uFEFF', ' '}
            [random.nextInt(8)];
      case 1:
        return (char) random.nextInt(0x80);
      default:
        {
          char c = (char) random.nextInt(0x10000);
          return Character.isSurrogate(c) ? '\uFFFD' : c;
        }
    }
  }

  long anyLong() {
    switch (random.nextInt(4)) {
      case 0:
        return EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
      case 1:
        return random.nextInt(201) - 100;
      default:
        return random.nextLong() >> random.nextInt(64);
    }
  }

  double anyDouble() {
    switch (random.nextInt(4)) {
      case 0:
      case 1:
        return EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)];
      case 2:
        return Double.longBitsToDouble(random.nextLong());
      default:
        return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
    }
  }

  float anyFloat() {
    switch (random.nextInt(3)) {
      case 0:
        return EDGE_FLOATS[random.nextInt(EDGE_FLOATS.length)];
      case 1:
        return Float.intBitsToFloat(random.nextInt());
      default:
        return (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 10));
    }
  }

  UUID uuid() {
    switch (random.nextInt(6)) {
      case 0:
        return new UUID(0, 0);
      case 1:
        return new UUID(-1, -1);
      default:
        return new UUID(random.nextLong(), random.nextLong());
    }
  }

  Instant instant() {
    if (invalid()) return INVALID_INSTANTS[random.nextInt(INVALID_INSTANTS.length)];
    switch (random.nextInt(4)) {
      case 0:
        return EDGE_INSTANTS[random.nextInt(EDGE_INSTANTS.length)];
      case 1:
        // Anywhere in the range of epoch milliseconds, with nanoseconds below the millisecond.
        return Instant.ofEpochMilli(random.nextLong()).plusNanos(random.nextInt(1_000_000));
      default:
        return Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
    }
  }

  LocalDate date() {
    if (random.nextInt(3) == 0) return EDGE_DATES[random.nextInt(EDGE_DATES.length)];
    long min = LocalDate.MIN.toEpochDay();
    long max = LocalDate.MAX.toEpochDay();
    return random.nextBoolean()
        ? LocalDate.ofEpochDay(min + (long) (random.nextDouble() * (max - min)))
        : LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000);
  }

  BigDecimal decimal() {
    if (random.nextInt(3) == 0) return EDGE_DECIMALS[random.nextInt(EDGE_DECIMALS.length)];
    BigInteger unscaled =
        new BigInteger(1 + random.nextInt(random.nextInt(8) == 0 ? 400 : 70), random);
    if (random.nextBoolean()) unscaled = unscaled.negate();
    int scale = random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(41) - 20;
    return new BigDecimal(unscaled, scale);
  }

  byte[] bytes() {
    int length =
        random.nextInt(5) == 0
            ? 0
            : random.nextInt(30) == 0 && depth <= 1 ? 100_000 : random.nextInt(40);
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
