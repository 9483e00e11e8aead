package dev.eventsourced.protocol;

import java.util.Optional;

/**
 * The kind of change an event records, named on the wire {@code insert}, {@code update} or {@code
 * delete}.
 */
public enum EventType {
  /** Sets the whole row, over an existing one too. */
  INSERT("insert"),
  /** Sets the fields the event lists (all when it lists none); does nothing to a missing row. */
  UPDATE("update"),
  /** Removes the row. */
  DELETE("delete");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used on the wire and in event logs. */
  public String wireName() {
    return wireName;
  }

  /**
   * The constant whose {@link #wireName()} is exactly {@code name} (case-sensitive).
   *
   * @throws IllegalArgumentException when there is none
   */
  public static EventType fromWireName(String name) {
    return findByWireName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown event type '" + name + "', expected insert, update or delete"));
  }

  /** The constant whose {@link #wireName()} is exactly {@code name}, or empty (case-sensitive). */
  public static Optional<EventType> findByWireName(String name) {
    if (name == null) return Optional.empty();
    switch (name) {
      case "insert":
        return Optional.of(INSERT);
      case "update":
        return Optional.of(UPDATE);
      case "delete":
        return Optional.of(DELETE);
      default:
        return Optional.empty();
    }
  }
}
