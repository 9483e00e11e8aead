package dev.eventsourced.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock the test moves: it stands still until {@link #advance} (or the {@link TestBackend}'s
 * simulated latency) moves it, so event timestamps and anything timed by it are the same on every
 * run. Give it to a database with {@code EventSourcedDb.builder().clock(clock)}; {@link
 * TestBackend#open} does so.
 *
 * <p>It starts at {@link #DEFAULT_START} unless told otherwise. Thread-safe; every view made with
 * {@link #withZone} shares the same time.
 */
public final class TestClock extends Clock {

  /** Where a clock made with {@link #TestClock()} starts: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  private final Time time;
  private final ZoneId zone;

  /** A clock at {@link #DEFAULT_START}, in UTC. */
  public TestClock() {
    this(DEFAULT_START);
  }

  /** A clock at {@code start}, in UTC. */
  public TestClock(Instant start) {
    this(new Time(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private TestClock(Time time, ZoneId zone) {
    this.time = time;
    this.zone = zone;
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @return the new time
   * @throws IllegalArgumentException when {@code duration} is negative: time never goes back
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "a TestClock only moves forward, got advance(" + duration + ")");
    }
    synchronized (time) {
      time.now = time.now.plus(duration);
      return time.now;
    }
  }

  /**
   * Sets the clock to {@code instant}.
   *
   * @throws IllegalArgumentException when {@code instant} is before the clock's time
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    synchronized (time) {
      if (instant.isBefore(time.now)) {
        throw new IllegalArgumentException(
            "a TestClock only moves forward: it is " + time.now + ", asked for " + instant);
      }
      time.now = instant;
    }
  }

  @Override
  public Instant instant() {
    synchronized (time) {
      return time.now;
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in {@code zone}; it shares this clock's time. */
  @Override
  public TestClock withZone(ZoneId zone) {
    return new TestClock(time, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "TestClock[" + instant() + ", " + zone + "]";
  }

  /** The time, shared by the views of one clock. */
  private static final class Time {
    private Instant now;

    Time(Instant now) {
      this.now = now;
    }
  }
}
