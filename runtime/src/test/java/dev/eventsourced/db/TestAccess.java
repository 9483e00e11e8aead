package dev.eventsourced.db;

import dev.eventsourced.db.internal.Engine;

/** What tests in other packages may reach inside a database. */
public final class TestAccess {

  private TestAccess() {}

  public static Engine engine(EventSourcedDb db) {
    return db.engine();
  }
}
