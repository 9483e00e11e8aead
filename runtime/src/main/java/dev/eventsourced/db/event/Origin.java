package dev.eventsourced.db.event;

/**
 * Who wrote a row's visible value, or an event: this database ({@code local}) or a pulled event
 * ({@code remote}).
 */
public enum Origin {
  /** Written through a repository of this database. */
  LOCAL("local"),
  /** Written by replaying an event pulled from the sync server. */
  REMOTE("remote");

  private final String wireName;

  Origin(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name stored in the database: {@code local} or {@code remote}. */
  public String wireName() {
    return wireName;
  }

  /** The constant whose {@link #wireName()} is {@code name}. */
  public static Origin fromWireName(String name) {
    switch (name) {
      case "local":
        return LOCAL;
      case "remote":
        return REMOTE;
      default:
        throw new IllegalArgumentException(
            "unknown origin '" + name + "', expected local or remote");
    }
  }
}
