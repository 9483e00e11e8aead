package dev.eventsourced.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * A pulled event that {@link SyncJson#readPullPage} could not turn into a {@link SyncEvent}: it has
 * a readable {@code eventId} and {@code globalSeq}, so the page around it can still be trusted, but
 * a required member is missing or breaks a rule (an unknown {@code type}, a {@code key} that is
 * {@code null}, a missing {@code timestamp}, ...). A server that validates every push never serves
 * one; an older or third-party server may. The page's other events are read as usual and its cursor
 * moves past this one, so the client reports it rather than stalling on the page.
 *
 * @param eventId the event's id
 * @param globalSeq the event's position in the backend's global order (positive); it is the only
 *     link between a skipped event and the page's {@link PullResult#events() events}
 * @param reason every broken rule, each as {@code member: message} in the words push validation
 *     uses (e.g. {@code type: must be one of "insert", "update", "delete", got "upsert"}),
 *     separated by {@code "; "}
 * @param json the event's exact JSON text as it was served, so that it can be kept and reported, or
 *     read again by a later version that understands it
 */
public record SkippedEvent(UUID eventId, long globalSeq, String reason, String json) {

  public SkippedEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(json, "json");
    if (globalSeq <= 0)
      throw new IllegalArgumentException("globalSeq must be positive, got " + globalSeq);
  }
}
