package dev.eventsourced.server;

import java.util.Objects;

/**
 * One reason a request was refused, as sent in the {@code details} of an error response.
 *
 * @param index   the index of the event in the pushed array, or {@code null} when the problem is
 *                not about one event (the body, a query parameter, a header)
 * @param field   the member, parameter or header at fault, e.g. {@code eventId}, {@code since}, {@code body}
 * @param message what is wrong and what was received, e.g. {@code must be a UUID, got "abc"}
 */
public record Problem(Integer index, String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** A problem with one event of a push. */
    public static Problem atEvent(int index, String field, String message) {
        return new Problem(index, field, message);
    }

    /** A problem with the request as a whole. */
    public static Problem of(String field, String message) {
        return new Problem(null, field, message);
    }

    @Override
    public String toString() {
        return (index == null ? "" : "events[" + index + "].") + field + ": " + message;
    }
}
