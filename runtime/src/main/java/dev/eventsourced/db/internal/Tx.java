package dev.eventsourced.db.internal;

import java.util.ArrayList;
import java.util.List;

/** The state of the transaction open on the writer connection. */
public final class Tx {

  final List<Change> changes = new ArrayList<>();
  final List<Runnable> onRollback = new ArrayList<>();
  int savepoints;

  /** Whether a local event to push was logged (automatic sync is told after the commit). */
  boolean loggedPending;

  /** Set when a mutation failed halfway: the transaction can only roll back. */
  String rollbackOnlyReason;

  /** Records a row change, told to listeners if the transaction commits. */
  public void changed(Change change) {
    changes.add(change);
  }

  /** Runs {@code hook} if this transaction, or the savepoint open now, rolls back. */
  public void onRollback(Runnable hook) {
    onRollback.add(hook);
  }

  /** Runs and forgets the rollback hooks registered after the first {@code from}. */
  void runRollbackHooks(int from) {
    List<Runnable> hooks = onRollback.subList(from, onRollback.size());
    for (int i = hooks.size() - 1; i >= 0; i--) hooks.get(i).run();
    hooks.clear();
  }

  /**
   * Marks the transaction as unable to commit because a mutation failed after writing part of
   * itself.
   */
  public void markRollbackOnly(String reason) {
    if (rollbackOnlyReason == null) rollbackOnlyReason = reason;
  }
}
