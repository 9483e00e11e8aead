package dev.eventsourced.server;

import java.util.Optional;

/** The kind of change an event records, as named on the wire. */
public enum EventType {
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON: {@code insert}, {@code update} or {@code delete}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this exact wire name, or empty (the match is case-sensitive). */
    public static Optional<EventType> fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
