package dev.eventsourced.protocol;

import java.util.Objects;

/**
 * One reason a request was refused, as listed in the {@code details} of an error response ({@code
 * {"error": ..., "details": [{"index"?, "field", "message"}]}}).
 *
 * @param index the position of the event at fault in the pushed batch (or in a pulled page), or
 *     {@link #NO_INDEX} when the fault is not one event's (the body, a query parameter, a header)
 * @param field the member, parameter or header at fault, e.g. {@code eventId}, {@code since},
 *     {@code body}; {@code null} when the backend named none
 * @param message what is wrong and what was received, e.g. {@code must be a UUID, got "abc"}
 */
public record Rejection(int index, String field, String message) {

  /** The {@link #index()} of a rejection that is not about one event. */
  public static final int NO_INDEX = -1;

  public Rejection {
    Objects.requireNonNull(message, "message");
    if (index < NO_INDEX)
      throw new IllegalArgumentException("index must be -1 or more, got " + index);
  }

  /** A problem with the event at {@code index}. */
  public static Rejection atEvent(int index, String field, String message) {
    if (index < 0) throw new IllegalArgumentException("an event index is 0 or more, got " + index);
    return new Rejection(index, field, message);
  }

  /** A problem with the request as a whole: the body, a query parameter, a header. */
  public static Rejection ofRequest(String field, String message) {
    return new Rejection(NO_INDEX, field, message);
  }

  /** Whether this rejection names one event. */
  public boolean hasIndex() {
    return index != NO_INDEX;
  }

  /** {@code events[3].key: must be ...}, {@code since: must be ...} or just the message. */
  @Override
  public String toString() {
    String where =
        (hasIndex() ? "events[" + index + "]" + (field == null ? "" : ".") : "")
            + (field == null ? "" : field);
    return where.isEmpty() ? message : where + ": " + message;
  }
}
