package dev.eventsourced.db;

import dev.eventsourced.db.internal.Engine;

/** What the benchmarks reach inside a database to time its commits (not part of the library). */
public final class BenchAccess {

  private BenchAccess() {}

  public static Engine engine(EventSourcedDb db) {
    return db.engine();
  }
}
