package dev.eventsourced.server;

import java.util.Objects;

/**
 * An event as the server stored it: its place in the one global order, and the event.
 *
 * @param globalSeq position in the global log, from 1, strictly increasing and without gaps
 * @param event     the event as it was first pushed
 */
public record SequencedEvent(long globalSeq, Event event) {
    public SequencedEvent {
        Objects.requireNonNull(event, "event");
        if (globalSeq < 1) {
            throw new IllegalArgumentException("globalSeq must be positive, got " + globalSeq);
        }
    }
}
