package dev.eventsourced.db.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The database's helper threads: daemons, so that they never keep an application alive. */
public final class DaemonThreads {

  private static final AtomicInteger COUNT = new AtomicInteger();

  private DaemonThreads() {}

  /**
   * One daemon thread named {@code name-N}, started on demand and stopped after 10 s without work;
   * tasks run in order.
   */
  public static ThreadPoolExecutor single(String name) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, name + "-" + COUNT.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
