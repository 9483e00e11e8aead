package dev.eventsourced.db.internal;

import dev.eventsourced.db.exception.EventSourcedException;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The read connections of a file database: opened on demand up to a maximum, reused, and closed
 * with the database. In WAL mode each reads the last committed state while a write is under way.
 */
final class ReaderPool {

  /** Opens a connection. */
  @FunctionalInterface
  interface Connector {
    Conn connect() throws SQLException;
  }

  private final int max;
  private final Connector connector;
  private final BooleanSupplier closed;
  private final ArrayBlockingQueue<Conn> idle;
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean used;

  ReaderPool(int max, Connector connector, BooleanSupplier closed) {
    this.max = max;
    this.connector = connector;
    this.closed = closed;
    this.idle = new ArrayBlockingQueue<>(Math.max(1, max));
  }

  /**
   * An idle connection, a new one while fewer than the maximum are open, or the next one returned.
   */
  Conn borrow(Runnable ensureOpen) {
    used = true;
    Conn reader = idle.poll();
    if (reader != null) return reader;
    if (open.incrementAndGet() <= max) {
      try {
        return connector.connect();
      } catch (SQLException e) {
        open.decrementAndGet();
        throw SqlErrors.wrap("opening a read connection", e);
      }
    }
    open.decrementAndGet();
    try {
      while (true) {
        ensureOpen.run();
        reader = idle.poll(100, TimeUnit.MILLISECONDS);
        if (reader != null) return reader;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventSourcedException("interrupted while waiting for a read connection", e);
    }
  }

  /** Whether a read connection was ever needed (one is open now, or was until close). */
  boolean used() {
    return used;
  }

  /** Gives a borrowed connection back; closes it when the database closed meanwhile. */
  void giveBack(Conn reader) {
    if (closed.getAsBoolean() || !idle.offer(reader)) {
      closeQuietly(reader);
      open.decrementAndGet();
    } else if (closed.getAsBoolean() && idle.remove(reader)) {
      // close() emptied the pool between the check and the offer.
      closeQuietly(reader);
      open.decrementAndGet();
    }
  }

  /** Closes the idle connections; borrowed ones are closed when given back. */
  void closeIdle() {
    Conn reader;
    while ((reader = idle.poll()) != null) {
      closeQuietly(reader);
    }
  }

  static void closeQuietly(Conn conn) {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // Closing; nothing useful to do with the failure.
    }
  }
}
