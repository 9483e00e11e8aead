package dev.eventsourced.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * The backend's answer for one pushed event: the {@code globalSeq} it has in the global log. A
 * retried event gets the {@code globalSeq} it was given the first time.
 *
 * @param eventId the pushed event's id
 * @param globalSeq its position in the global order, from 1
 */
public record Confirmation(UUID eventId, long globalSeq) {
  public Confirmation {
    Objects.requireNonNull(eventId, "eventId");
  }
}
