package dev.eventsourced.db.event;

/** Where an event stands with the sync server. */
public enum SyncStatus {
  /** Written locally and not yet confirmed by the server: it stays in the outbox. */
  PENDING("pending"),
  /** Confirmed by the server, or pulled from it: it has a global sequence number. */
  SYNCED("synced"),
  /** Refused by the server as invalid; kept with the server's reason, never retried. */
  REJECTED("rejected");

  private final String wireName;

  SyncStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name stored in the event log. */
  public String wireName() {
    return wireName;
  }

  /** The constant whose {@link #wireName()} is {@code name}. */
  public static SyncStatus fromWireName(String name) {
    switch (name) {
      case "pending":
        return PENDING;
      case "synced":
        return SYNCED;
      case "rejected":
        return REJECTED;
      default:
        throw new IllegalArgumentException("unknown sync status '" + name + "'");
    }
  }
}
