package dev.eventsourced.it.values;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A small property runner: draws {@code tries} values from a seeded {@link Domain}, checks each
 * against one long-lived fixture (a database on a real file), and on the first failure shrinks the
 * example, checking each candidate on a fresh fixture, to a minimal one. It prints the seed when it
 * starts; {@code -Dseed=N} reruns every property with seed N, {@code -Dtries=N} changes how many
 * values each property draws.
 *
 * <p>About 15% of the tries allow values a row must be refused for (see {@link Domain}). With
 * {@code -Dexplore=true} a property goes on after a failure (on a fresh fixture) and reports the
 * first example of up to ten different failures, each shrunk.
 */
final class PropertyCheck<F extends AutoCloseable, T> {

  /** Opens a fixture: a database, or several. */
  @FunctionalInterface
  interface Fixtures<F> {
    F open() throws Exception;
  }

  /** The property: throws when {@code value} falsifies it. */
  @FunctionalInterface
  interface Check<F, T> {
    void check(F fixture, T value) throws Exception;
  }

  private static final int SHRINK_BUDGET = 250;
  private static final long SHRINK_MILLIS = 10_000;

  private final String name;
  private final int tries;
  private final Function<Domain, T> generator;

  private PropertyCheck(String name, int tries, Function<Domain, T> generator) {
    this.name = name;
    this.tries = Integer.getInteger("tries", tries);
    this.generator = generator;
  }

  static <F extends AutoCloseable, T> PropertyCheck<F, T> forAll(
      String name, int tries, Function<Domain, T> generator) {
    return new PropertyCheck<>(name, tries, generator);
  }

  void check(Fixtures<F> fixtures, Check<F, T> check) throws Exception {
    long seed = Long.getLong("seed", new Random().nextLong());
    boolean explore = Boolean.getBoolean("explore");
    System.out.println(
        "property "
            + name
            + ": seed "
            + seed
            + ", "
            + tries
            + " tries (rerun with -Dseed="
            + seed
            + ")");
    Random master = new Random(seed);
    // The first failing example of each kind of failure; without -Dexplore=true, only the first.
    Map<String, Failure<T>> failures = new LinkedHashMap<>();
    F fixture = fixtures.open();
    try {
      for (int i = 0; i < tries && (failures.isEmpty() || explore && failures.size() < 10); i++) {
        Random random = new Random(master.nextLong());
        double invalidRate = random.nextInt(100) < 15 ? 0.02 : 0.0;
        T value = generator.apply(new Domain(random, invalidRate));
        try {
          check.check(fixture, value);
        } catch (Exception | AssertionError e) {
          failures.putIfAbsent(signature(e), new Failure<>(value, e, i));
          // The fixture may be in any state now: go on with a fresh one.
          fixture.close();
          fixture = fixtures.open();
        }
      }
    } finally {
      fixture.close();
    }
    if (failures.isEmpty()) return;
    StringBuilder report =
        new StringBuilder(
            "property " + name + " falsified (seed " + seed + ", rerun with -Dseed=" + seed + ")");
    Throwable cause = null;
    for (Failure<T> failure : failures.values()) {
      Shrunk<T> minimal = shrink(fixtures, check, failure.value, failure.error);
      if (cause == null) cause = minimal.failure;
      report
          .append("\n  try ")
          .append(failure.tryIndex)
          .append(": ")
          .append(firstLine(failure.error))
          .append("\n    minimal example (")
          .append(minimal.steps)
          .append(" shrink steps): ")
          .append(Canonical.show(minimal.value))
          .append("\n    minimal failure: ")
          .append(firstLine(minimal.failure));
    }
    AssertionError error = new AssertionError(report.toString(), cause);
    System.out.println(error.getMessage());
    throw error;
  }

  private record Failure<T>(T value, Throwable error, int tryIndex) {}

  private record Shrunk<T>(T value, Throwable failure, int steps) {}

  @SuppressWarnings("unchecked")
  private Shrunk<T> shrink(Fixtures<F> fixtures, Check<F, T> check, T failing, Throwable failure) {
    String signature = signature(failure);
    long deadline = System.currentTimeMillis() + SHRINK_MILLIS;
    int evaluations = 0;
    int steps = 0;
    boolean progress = true;
    while (progress && evaluations < SHRINK_BUDGET && System.currentTimeMillis() < deadline) {
      progress = false;
      for (Object candidate : Shrinker.candidates(failing)) {
        if (evaluations++ >= SHRINK_BUDGET || System.currentTimeMillis() >= deadline) break;
        Throwable result = run(fixtures, check, (T) candidate);
        if (result != null && signature(result).equals(signature)) {
          failing = (T) candidate;
          failure = result;
          steps++;
          progress = true;
          break;
        }
      }
    }
    return new Shrunk<>(failing, failure, steps);
  }

  private Throwable run(Fixtures<F> fixtures, Check<F, T> check, T value) {
    try (F fixture = fixtures.open()) {
      check.check(fixture, value);
      return null;
    } catch (Exception | AssertionError e) {
      return e;
    }
  }

  /** Failures are "the same" when they have the same class, check tag and top-level component. */
  static String signature(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (message.startsWith("[")) {
      int end = message.indexOf(' ');
      String tag = end < 0 ? message : message.substring(0, end);
      String rest = end < 0 ? "" : message.substring(end + 1);
      String component = rest.startsWith(".") ? rest.split("[.\\[:( ]", 3)[1] : "";
      return failure.getClass().getName()
          + tag
          + component
          + (failure.getCause() != null ? failure.getCause().getClass().getName() : "");
    }
    return failure.getClass().getName();
  }

  private static String firstLine(Throwable failure) {
    String text = failure.toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
