package dev.eventsourced.test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often each {@link Fault} strikes a push or pull, and how much latency each call costs, for a
 * {@link TestBackend}. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * backend.faults(Faults.builder()
 *     .lostRequests(0.1).lostResponses(0.1).duplicates(0.05).reorders(0.1).restarts(0.02)
 *     .latency(Duration.ofMillis(5), Duration.ofMillis(300))
 *     .build());
 * }</pre>
 *
 * <p>For each call the backend draws one number from its seeded random source and picks at most one
 * fault, with these probabilities (their sum is at most 1); then, when latency is set, a latency
 * uniformly between the minimum and the maximum, by which it {@linkplain TestClock#advance
 * advances} its clock. Nothing sleeps. {@link Fault#DUPLICATE} and {@link Fault#REORDER} concern
 * pushes; a pull never draws them.
 */
public final class Faults {

  private static final Faults NONE = new Builder().build();

  private final Map<Fault, Double> probabilities;
  private final Duration minLatency;
  private final Duration maxLatency;

  private Faults(Builder builder) {
    this.probabilities = new EnumMap<>(builder.probabilities);
    this.minLatency = builder.minLatency;
    this.maxLatency = builder.maxLatency;
  }

  /** A perfect network: no faults, no latency. */
  public static Faults none() {
    return NONE;
  }

  /** A builder starting from a perfect network. */
  public static Builder builder() {
    return new Builder();
  }

  /** The probability that a call suffers {@code fault}, 0..1. */
  public double probability(Fault fault) {
    return probabilities.getOrDefault(Objects.requireNonNull(fault, "fault"), 0.0);
  }

  /** The smallest latency of a call. */
  public Duration minLatency() {
    return minLatency;
  }

  /** The largest latency of a call. */
  public Duration maxLatency() {
    return maxLatency;
  }

  /** Whether no fault can strike and calls take no time. */
  public boolean isNone() {
    return probabilities.values().stream().allMatch(p -> p == 0.0) && maxLatency.isZero();
  }

  /** The fault a call suffers for the uniform draw {@code u} in [0, 1), or {@code null}. */
  Fault pick(double u, boolean push) {
    double cumulative = 0;
    for (Fault fault : Fault.values()) {
      if (!push && (fault == Fault.DUPLICATE || fault == Fault.REORDER)) continue;
      cumulative += probability(fault);
      if (u < cumulative) return fault;
    }
    return null;
  }

  /** E.g. {@code Faults[LOST_REQUEST=0.1, RESTART=0.02, latency=5ms..300ms]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Faults[");
    String separator = "";
    for (Map.Entry<Fault, Double> entry : probabilities.entrySet()) {
      if (entry.getValue() == 0.0) continue;
      text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
      separator = ", ";
    }
    if (!maxLatency.isZero()) {
      text.append(separator)
          .append("latency=")
          .append(minLatency.toMillis())
          .append("ms..")
          .append(maxLatency.toMillis())
          .append("ms");
      separator = ", ";
    }
    if (separator.isEmpty()) text.append("none");
    return text.append(']').toString();
  }

  /** Collects probabilities and latency; {@link #build()} checks them. */
  public static final class Builder {

    private final Map<Fault, Double> probabilities = new EnumMap<>(Fault.class);
    private Duration minLatency = Duration.ZERO;
    private Duration maxLatency = Duration.ZERO;

    private Builder() {}

    /** The probability that {@code fault} strikes a call, 0..1. */
    public Builder probability(Fault fault, double probability) {
      Objects.requireNonNull(fault, "fault");
      if (!(probability >= 0.0 && probability <= 1.0)) {
        throw new IllegalArgumentException(
            "the probability of " + fault + " must be between 0 and 1, got " + probability);
      }
      probabilities.put(fault, probability);
      return this;
    }

    /** See {@link Fault#LOST_REQUEST}. */
    public Builder lostRequests(double probability) {
      return probability(Fault.LOST_REQUEST, probability);
    }

    /** See {@link Fault#LOST_RESPONSE}. */
    public Builder lostResponses(double probability) {
      return probability(Fault.LOST_RESPONSE, probability);
    }

    /** See {@link Fault#DUPLICATE}. */
    public Builder duplicates(double probability) {
      return probability(Fault.DUPLICATE, probability);
    }

    /** See {@link Fault#REORDER}. */
    public Builder reorders(double probability) {
      return probability(Fault.REORDER, probability);
    }

    /** See {@link Fault#RESTART}. */
    public Builder restarts(double probability) {
      return probability(Fault.RESTART, probability);
    }

    /** Every call takes exactly {@code latency} of the backend's clock. */
    public Builder latency(Duration latency) {
      return latency(latency, latency);
    }

    /** Every call takes between {@code min} and {@code max} of the backend's clock, uniformly. */
    public Builder latency(Duration min, Duration max) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "latency needs 0 <= min <= max, got min " + min + ", max " + max);
      }
      this.minLatency = min;
      this.maxLatency = max;
      return this;
    }

    /**
     * The faults.
     *
     * @throws IllegalArgumentException when the probabilities add up to more than 1 (a call suffers
     *     at most one fault)
     */
    public Faults build() {
      double total = 0;
      for (double probability : probabilities.values()) total += probability;
      if (total > 1.0 + 1e-9) {
        throw new IllegalArgumentException(
            "a call suffers at most one fault, so the probabilities must add up to at most 1, got "
                + total
                + " for "
                + probabilities);
      }
      return new Faults(this);
    }
  }
}
