package dev.eventsourced.db.internal;

import dev.eventsourced.db.exception.EventSourcedException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The writer connection and its transactions: one writer at a time, each transaction on the calling
 * thread holding the write lock, nested ones in savepoints; after a commit, the listeners are told
 * the transaction's changes, on the committing thread (a rollback tells no one).
 */
final class WriteTransactions {

  private final Conn writer;
  private final Runnable ensureOpen;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean readingOnWriter;
  private volatile boolean writeWaitedForRead;
  private final List<Consumer<List<Change>>> commitListeners = new CopyOnWriteArrayList<>();

  /** Run after a commit that logged events to push (automatic sync); cheap, never throws. */
  private volatile Runnable pendingHook;

  private Tx tx;

  WriteTransactions(Conn writer, Runnable ensureOpen) {
    this.writer = writer;
    this.ensureOpen = ensureOpen;
    writer.countRollbacks();
  }

  /** Whether this thread holds the write lock (is inside a write). */
  boolean heldByCurrentThread() {
    return writeLock.isHeldByCurrentThread();
  }

  /** Runs {@code action} holding the write lock, once the write in progress ended (for close). */
  void locked(Runnable action) {
    writeLock.lock();
    try {
      action.run();
    } finally {
      writeLock.unlock();
    }
  }

  /** Whether anyone listens to commits (so that change records are worth reading rows for). */
  boolean hasCommitListeners() {
    return !commitListeners.isEmpty();
  }

  /** Listens to every committed transaction's changes; called on the committing thread. */
  void onPendingEvents(Runnable hook) {
    this.pendingHook = hook;
  }

  Runnable onCommit(Consumer<List<Change>> listener) {
    commitListeners.add(listener);
    return () -> commitListeners.remove(listener);
  }

  /**
   * Runs {@code body} in a write transaction on the writer connection. Nested calls on the same
   * thread run in a savepoint of the outer transaction: a failure undoes only the nested part.
   */
  <R> R write(Engine.TxBody<R> body) {
    ensureOpen.run();
    lockForWrite();
    try {
      if (tx != null) {
        return nested(body);
      }
      ensureOpen.run();
      return topLevel(body);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs a single mutation: in this thread's transaction when there is one, without a savepoint (a
   * mutation that fails before writing leaves nothing behind, one that fails after writing marks
   * the transaction rollback-only), else in a transaction of its own.
   */
  <R> R join(Engine.TxBody<R> body) {
    ensureOpen.run();
    lockForWrite();
    try {
      if (tx != null) {
        int before = tx.changes.size();
        try {
          return body.run(tx);
        } catch (Throwable e) {
          if (tx.changes.size() > before) {
            // e.g. an update's draft callback wrote through another repository, then threw.
            tx.markRollbackOnly("a mutation failed after other writes it made: " + e);
          }
          throw propagate(e, "writing");
        }
      }
      ensureOpen.run();
      return topLevel(body);
    } finally {
      writeLock.unlock();
    }
  }

  private <R> R topLevel(Engine.TxBody<R> body) {
    Tx current = new Tx();
    try {
      writer.run("BEGIN IMMEDIATE");
      writer.ownTransaction(true);
    } catch (SQLException e) {
      throw SqlErrors.wrap("starting a write transaction", e);
    }
    long rollbacksBefore = writer.rollbacks();
    tx = current;
    R result;
    try {
      result = body.run(current);
      if (current.rollbackOnlyReason != null) {
        throw new EventSourcedException(
            "transaction rolled back: "
                + current.rollbackOnlyReason
                + " (a mutation failed after writing part of itself and the exception was caught)");
      }
      writer.run("COMMIT");
      writer.ownTransaction(false);
    } catch (Throwable e) {
      tx = null;
      rollbackQuietly(e, rollbacksBefore);
      current.runRollbackHooks(0);
      throw propagate(e, "committing a transaction");
    }
    tx = null;
    notifyCommitted(current.changes);
    Runnable hook = pendingHook;
    if (current.loggedPending && hook != null) hook.run();
    return result;
  }

  private <R> R nested(Engine.TxBody<R> body) {
    Tx current = tx;
    String savepoint = "sp" + (++current.savepoints);
    int mark = current.changes.size();
    int rollbackHooks = current.onRollback.size();
    String rollbackOnlyBefore = current.rollbackOnlyReason;
    try {
      writer.execute("SAVEPOINT " + savepoint);
      R result = body.run(current);
      writer.execute("RELEASE " + savepoint);
      return result;
    } catch (Throwable e) {
      try {
        writer.execute("ROLLBACK TO " + savepoint);
        writer.execute("RELEASE " + savepoint);
        current.changes.subList(mark, current.changes.size()).clear();
        // What the savepoint undid can no longer leave the transaction half-written.
        current.rollbackOnlyReason = rollbackOnlyBefore;
        current.runRollbackHooks(rollbackHooks);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
        current.markRollbackOnly(
            "rolling back to a savepoint failed: " + rollbackFailure.getMessage());
      }
      throw propagate(e, "writing in a nested transaction");
    } finally {
      current.savepoints--;
    }
  }

  private void rollbackQuietly(Throwable cause, long rollbacksBefore) {
    try {
      if (writer.rollbacks() == rollbacksBefore) {
        // Unless SQLite rolled the transaction back by itself (e.g. after SQLITE_FULL).
        writer.run("ROLLBACK");
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    } finally {
      writer.ownTransaction(false);
    }
  }

  private void notifyCommitted(List<Change> changes) {
    if (changes.isEmpty() || commitListeners.isEmpty()) return;
    List<Change> committed = List.copyOf(changes);
    for (Consumer<List<Change>> listener : commitListeners) {
      try {
        listener.accept(committed);
      } catch (RuntimeException e) {
        // A listener's failure must not turn a committed write into an exception for the writer.
        Thread.currentThread()
            .getUncaughtExceptionHandler()
            .uncaughtException(Thread.currentThread(), e);
      }
    }
  }

  private static RuntimeException propagate(Throwable e, String what) {
    if (e instanceof RuntimeException) return (RuntimeException) e;
    if (e instanceof Error) throw (Error) e;
    if (e instanceof SQLException) return SqlErrors.wrap(what, (SQLException) e);
    return new EventSourcedException(what + " failed: " + e, e);
  }

  /**
   * Runs {@code body} on the writer connection with the write lock held, outside any transaction
   * (for pragmas and checks that must not interleave with a write).
   */
  <R> R withWriter(Engine.ConnBody<R> body) {
    ensureOpen.run();
    writeLock.lock();
    try {
      ensureOpen.run();
      return Engine.runRead(body, writer);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code body} on the writer connection if no write holds it at this moment, without
   * waiting; returns false (and runs nothing) when one does.
   */
  <R> boolean readIfIdle(Engine.ConnBody<R> body, Consumer<R> result) {
    ensureOpen.run();
    if (!writeLock.tryLock()) return false;
    try {
      ensureOpen.run();
      readingOnWriter = true;
      result.accept(Engine.runRead(body, writer));
      return true;
    } finally {
      readingOnWriter = false;
      writeLock.unlock();
    }
  }

  /** Whether a write ever had to wait for a read running on the writer ({@link #readIfIdle}). */
  boolean writeWaitedForRead() {
    return writeWaitedForRead;
  }

  private void lockForWrite() {
    if (writeLock.tryLock()) return;
    if (readingOnWriter) writeWaitedForRead = true;
    writeLock.lock();
  }

  /** The writer connection; only valid inside {@link #write}. */
  Conn writer() {
    if (!writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("the writer connection is only available inside write()");
    }
    return writer;
  }

  /** The transaction open on this thread, or {@code null}. */
  Tx currentTx() {
    return writeLock.isHeldByCurrentThread() ? tx : null;
  }
}
