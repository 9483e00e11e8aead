package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Verification;

/** The one place the tests call {@code EventSourcedDb.verify()}. */
public final class Verify {

  private Verify() {}

  /** Fails when some state row of {@code db} differs from the fold of its events. */
  public static void healthy(EventSourcedDb db, String context) {
    Verification verification = db.verify();
    if (!verification.isHealthy()) {
      throw new AssertionError(context + " verify() is not healthy: " + verification.differences());
    }
  }
}
