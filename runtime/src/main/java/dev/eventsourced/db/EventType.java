package dev.eventsourced.db;

/** The kind of change an event records. */
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

  /** The lower-case name used in the event log and on the wire. */
  public String wireName() {
    return wireName;
  }

  /** The constant whose {@link #wireName()} is {@code name}. */
  public static EventType fromWireName(String name) {
    switch (name) {
      case "insert":
        return INSERT;
      case "update":
        return UPDATE;
      case "delete":
        return DELETE;
      default:
        throw new IllegalArgumentException(
            "unknown event type '" + name + "', expected insert, update or delete");
    }
  }
}
