package dev.eventsourced.db.testing;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.BooleanSupplier;

/** Garbage collection for tests, waited for by signal rather than by sleeping. */
public final class Gc {

  private Gc() {}

  /**
   * Runs collections until {@code condition} holds or {@code attempts} collections ran. Each
   * attempt waits for the collection to finish: a sentinel object, unreachable from the start, is
   * weakly referenced with a queue, and the attempt blocks until it is enqueued, so that every weak
   * reference the same collection cleared is cleared by then. The wait on the queue is bounded (ten
   * seconds) so that a JVM ignoring {@code System.gc()} fails the test instead of hanging.
   *
   * @return whether {@code condition} holds
   */
  public static boolean collectUntil(BooleanSupplier condition, int attempts)
      throws InterruptedException {
    for (int attempt = 0; attempt < attempts && !condition.getAsBoolean(); attempt++) {
      ReferenceQueue<Object> queue = new ReferenceQueue<>();
      WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
      System.gc();
      if (queue.remove(10_000) == null) return condition.getAsBoolean();
      sentinel.clear();
    }
    return condition.getAsBoolean();
  }
}
