package dev.eventsourced.server;

import java.util.Objects;
import java.util.UUID;

/**
 * The server's answer for one pushed event: the {@code globalSeq} it has in the log. A retried
 * event gets the {@code globalSeq} it was given the first time.
 */
public record Confirmation(UUID eventId, long globalSeq) {
    public Confirmation {
        Objects.requireNonNull(eventId, "eventId");
    }
}
