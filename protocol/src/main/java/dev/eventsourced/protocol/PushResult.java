package dev.eventsourced.protocol;

import java.util.List;

/**
 * The answer to a push: either every event {@code confirmed}, or {@code rejected} non-empty and
 * nothing stored.
 *
 * @param confirmed the global sequence number of each event, in the pushed order
 * @param rejected why the batch was refused; {@link Rejection#index()} points into the batch
 */
public record PushResult(List<Confirmation> confirmed, List<Rejection> rejected) {
  public PushResult {
    confirmed = List.copyOf(confirmed);
    rejected = List.copyOf(rejected);
  }

  /** Every event stored, with these numbers. */
  public static PushResult confirmed(List<Confirmation> confirmations) {
    return new PushResult(confirmations, List.of());
  }

  /** The batch refused as invalid; nothing stored. */
  public static PushResult rejected(List<Rejection> rejections) {
    if (rejections.isEmpty())
      throw new IllegalArgumentException("a rejection needs at least one reason");
    return new PushResult(List.of(), rejections);
  }
}
