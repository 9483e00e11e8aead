package dev.eventsourced.server;

import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.WireFormatException;
import java.util.List;

/**
 * A request that breaks the sync protocol. Nothing from it was stored. Over HTTP it becomes the
 * response {@code status} with the body {@code {"error": error, "details": [...]}}.
 */
public final class InvalidRequestException extends SyncServerException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final transient List<Rejection> details;

  public InvalidRequestException(int status, String error, List<Rejection> details) {
    super(describe(status, error, details));
    this.status = status;
    this.error = error;
    this.details = List.copyOf(details);
  }

  /** A 400 with the given problems. */
  public static InvalidRequestException badRequest(String error, List<Rejection> details) {
    return new InvalidRequestException(400, error, details);
  }

  /**
   * A 400 for a body the protocol's reader refused, with its summary and every problem it named.
   */
  public static InvalidRequestException badRequest(WireFormatException refused) {
    return new InvalidRequestException(400, refused.error(), refused.details());
  }

  /** The HTTP status: 400 (invalid content), 413 (body too large) or 415 (not JSON). */
  public int status() {
    return status;
  }

  /** A short summary such as {@code invalid events}. */
  public String error() {
    return error;
  }

  /** Every problem found, each naming the event index (if any) and the field. */
  public List<Rejection> details() {
    return details;
  }

  private static String describe(int status, String error, List<Rejection> details) {
    StringBuilder text = new StringBuilder(error).append(" (HTTP ").append(status).append(')');
    int shown = Math.min(details.size(), 5);
    for (int i = 0; i < shown; i++) {
      text.append(i == 0 ? ": " : "; ").append(details.get(i));
    }
    if (details.size() > shown) {
      text.append("; and ").append(details.size() - shown).append(" more");
    }
    return text.toString();
  }
}
