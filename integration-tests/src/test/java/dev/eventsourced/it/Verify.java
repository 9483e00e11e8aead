package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import java.lang.reflect.Method;

/** The one place the tests call {@code EventSourcedDb.verify()}. */
public final class Verify {

  private static volatile boolean missingReported;

  private Verify() {}

  /**
   * Fails when {@code db.verify()} is not healthy (some state row differs from the fold of its
   * events). Called reflectively until {@code verify()} exists on this branch (then it is skipped,
   * once announced); when it lands, the body becomes {@code Verification v = db.verify(); if
   * (!v.isHealthy()) throw new AssertionError(context + " verify(): " + v.differences());}.
   */
  public static void healthy(EventSourcedDb db, String context) {
    Method verify;
    try {
      verify = EventSourcedDb.class.getMethod("verify");
    } catch (NoSuchMethodException e) {
      if (!missingReported) {
        missingReported = true;
        System.out.println("EventSourcedDb.verify() does not exist yet: only the tests' own fold checks run");
      }
      return;
    }
    try {
      Object verification = verify.invoke(db);
      boolean healthy = (boolean) verification.getClass().getMethod("isHealthy").invoke(verification);
      if (!healthy) {
        Object differences = verification.getClass().getMethod("differences").invoke(verification);
        throw new AssertionError(context + " verify() is not healthy: " + differences);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(context + " verify() failed", e.getCause() != null ? e.getCause() : e);
    }
  }
}
