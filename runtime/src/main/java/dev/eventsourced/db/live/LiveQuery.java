package dev.eventsourced.db.live;

import dev.eventsourced.db.IncludeQuery;
import dev.eventsourced.db.SqlQuery;
import dev.eventsourced.db.exception.LiveQueryException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A query result that keeps itself up to date: after every commit that changes it, {@link
 * #current()} equals what running the query afresh returns, and each subscriber is told once, with
 * the new result and the {@link Delta} from the previous one.
 *
 * <pre>{@code
 * LiveQuery<Todo> pending = todos.query()
 *     .where(Todo_.STATUS.eq(Status.PENDING))
 *     .orderBy(Todo_.CREATED_AT.desc())
 *     .limit(50)
 *     .live();
 * Subscription s = pending.subscribe(Platform::runLater, update -> render(update.rows()));
 * ...
 * pending.close();
 * }</pre>
 *
 * <p><b>How it is kept up to date.</b> A query on one collection whose filter and order can be
 * evaluated in memory (every column except JSON ones) is maintained from each commit's changed rows
 * without running SQL, with SQLite's own semantics for every value; only a limited window that lost
 * rows is refilled with one query. An {@link IncludeQuery} is maintained the same way (children of
 * parents entering the result load with one query), a collection including itself too. Raw SQL
 * ({@link SqlQuery}), queries on JSON columns and the rare conditions memory cannot reproduce (a
 * LIKE pattern SQLite refuses as too long) re-run once per commit that touches one of their tables.
 * Many mutations in one transaction give one notification; a commit that leaves the result as it
 * was gives none; a rollback gives none.
 *
 * <p><b>Threads.</b> The result is computed on the committing thread right after the commit; each
 * subscriber is called on the executor it chose (by default one notification thread per database),
 * never concurrently with itself, and in commit order. An exception thrown by a subscriber is
 * reported to the uncaught exception handler of the thread it ran on and affects neither other
 * subscribers nor the writer.
 *
 * <p><b>Failures.</b> A live query never fails a commit. When updating it in memory fails, it is
 * re-run in SQL instead, so its result stays exact; when that fails too, it keeps its last result
 * and re-runs at the next commit that touches it. Either way a {@link LiveQueryException} goes to
 * the committing thread's uncaught exception handler.
 *
 * <p><b>Lifetime.</b> A live query with active subscriptions stays alive while the database is
 * open, even when the application dropped its reference. Once it is {@linkplain #close() closed},
 * or has no subscription left and is no longer referenced, the database lets it be garbage
 * collected.
 *
 * @param <R> the row type
 */
public interface LiveQuery<R> extends AutoCloseable {

  /** The result after the last commit, as an unmodifiable list. */
  List<R> current();

  /**
   * Calls {@code subscriber} on the database's notification thread: first with the current result
   * ({@link LiveUpdate#initial()}, every row added), then once per commit that changes the result.
   *
   * @return the subscription; close it to stop
   */
  Subscription subscribe(Consumer<? super LiveUpdate<R>> subscriber);

  /**
   * Like {@link #subscribe(Consumer)}, calling {@code subscriber} on {@code executor}, e.g. a UI
   * toolkit's ({@code Platform::runLater}, {@code SwingUtilities::invokeLater}) or {@code
   * Runnable::run} to be called on the committing thread. Calls stay in commit order and never
   * overlap even when {@code executor} has several threads.
   */
  Subscription subscribe(Executor executor, Consumer<? super LiveUpdate<R>> subscriber);

  /**
   * Runs {@code effect}'s actions on the notification thread as rows enter the result, change in it
   * and leave it.
   */
  Subscription effect(Effect<? super R> effect);

  /** Like {@link #effect(Effect)}, running the actions on {@code executor}. */
  Subscription effect(Executor executor, Effect<? super R> effect);

  /**
   * A {@link Flow.Publisher} of results, for Reactive Streams libraries (Reactor's {@code
   * JdkFlowAdapter}, RxJava's {@code FlowAdapters}, Mutiny's {@code Multi.createFrom().publisher}).
   * Each subscriber receives the current result first, then newer ones as they come, honoring
   * {@code request(n)}; results are conflated: a subscriber that has no outstanding demand when
   * several commits happen receives only the latest result once it requests more. The publisher
   * completes its subscribers when the live query is closed. Signals are sent on the notification
   * thread.
   */
  Flow.Publisher<List<R>> publisher();

  /** Like {@link #publisher()}, signalling on {@code executor}. */
  Flow.Publisher<List<R>> publisher(Executor executor);

  /** Whether {@link #close()} was called. */
  boolean isClosed();

  /**
   * Stops maintaining the result: closes every subscription (publisher subscribers are completed)
   * and releases everything the database holds for this query. {@link #current()} keeps returning
   * the last result. Idempotent.
   */
  @Override
  void close();
}
