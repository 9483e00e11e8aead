package dev.eventsourced.protocol;

import java.util.List;

/**
 * A body that breaks the wire format: malformed JSON, a missing or ill-typed member, a value that
 * breaks a rule of {@link EventRules}. It names every problem found, each with its event index (if
 * any) and member, the way a backend's 400 answer does.
 */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_IN_MESSAGE = 5;

  private final String error;
  private final transient List<Rejection> details;

  public WireFormatException(String error, List<Rejection> details) {
    super(describe(error, details));
    this.error = error;
    this.details = List.copyOf(details);
  }

  /** A short summary such as {@code invalid events} or {@code malformed JSON}. */
  public String error() {
    return error;
  }

  /** Every problem found (up to 100, then one that counts the rest). */
  public List<Rejection> details() {
    return details;
  }

  private static String describe(String error, List<Rejection> details) {
    StringBuilder text = new StringBuilder(error);
    int shown = Math.min(details.size(), SHOWN_IN_MESSAGE);
    for (int i = 0; i < shown; i++) {
      text.append(i == 0 ? ": " : "; ").append(details.get(i));
    }
    if (details.size() > shown) {
      text.append("; and ").append(details.size() - shown).append(" more");
    }
    return text.toString();
  }
}
