package dev.eventsourced.db.exception;

/**
 * A live query could not be brought up to date after a commit. Reported to the committing thread's
 * uncaught-exception handler (a commit never fails because of a live query), with the failure as
 * its cause.
 *
 * <p>When {@link #isStale()} is false, only the in-memory maintenance failed and the query was
 * re-run in SQL instead: its result is exact, and the failure is reported because it is a bug (or a
 * record accessor or metamodel getter that threw). When it is true, re-running failed too: the
 * result and the subscribers stay at the last good result until a later commit touching the query's
 * collections re-runs it successfully.
 */
public final class LiveQueryException extends EventSourcedException {

  private static final long serialVersionUID = 1L;

  private final boolean stale;

  /** Used by the runtime. */
  public LiveQueryException(String message, Throwable cause, boolean stale) {
    super(message, cause);
    this.stale = stale;
  }

  /**
   * Whether the live query's result is out of date (it will be re-run at the next commit that
   * touches it).
   */
  public boolean isStale() {
    return stale;
  }
}
