package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.protocol.EventType;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions on the writer connection: savepoints, rollback-only, commit listeners. */
class WriteTransactionsTest {

  private Conn writer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private WriteTransactions transactions;
  private final List<List<Change>> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws SQLException {
    writer = new Conn(DriverManager.getConnection("jdbc:sqlite::memory:"));
    writer.execute("CREATE TABLE t (v TEXT NOT NULL)");
    transactions =
        new WriteTransactions(
            writer,
            () -> {
              if (closed.get()) throw new DatabaseClosedException("closed");
            });
    transactions.onCommit(told::add);
  }

  @AfterEach
  void close() throws SQLException {
    writer.close();
  }

  private static Change change(String key) {
    return new Change("t", key, EventType.INSERT, null, null, false);
  }

  /** Inserts {@code v} and records a change for it, as a mutation does. */
  private void insert(Tx tx, String v) throws SQLException {
    var insert = writer.prepare("INSERT INTO t (v) VALUES (?)");
    insert.setString(1, v);
    insert.executeUpdate();
    tx.changed(change(v));
  }

  private List<String> rows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = writer.prepare("SELECT v FROM t ORDER BY rowid").executeQuery()) {
      while (rs.next()) rows.add(rs.getString(1));
    }
    return rows;
  }

  private static List<Object> keys(List<Change> changes) {
    return changes.stream().map(Change::key).map(Object.class::cast).toList();
  }

  @Test
  void theDriverIsToldOfOurTransaction_whileItIsOpen_andOnlyThen() throws SQLException {
    assertThat(writer.connection().getAutoCommit()).isTrue();
    transactions.write(
        tx -> {
          assertThat(writer.connection().getAutoCommit()).as("inside").isFalse();
          insert(tx, "a");
          return null;
        });
    assertThat(writer.connection().getAutoCommit()).as("after a commit").isTrue();
    assertThatThrownBy(
            () ->
                transactions.write(
                    tx -> {
                      insert(tx, "b");
                      throw new IllegalStateException("boom");
                    }))
        .hasMessageContaining("boom");
    assertThat(writer.connection().getAutoCommit()).as("after a rollback").isTrue();
    // Outside our transactions each statement commits by itself, as the driver expects.
    writer.execute("INSERT INTO t (v) VALUES ('c')");
    assertThat(rows()).containsExactly("a", "c");
    assertThatThrownBy(() -> writer.execute("COMMIT")).hasMessageContaining("no transaction");
  }

  @Test
  void write_commits_andTellsListenersOnceWithItsChanges() throws SQLException {
    String result =
        transactions.write(
            tx -> {
              insert(tx, "a");
              insert(tx, "b");
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(rows()).containsExactly("a", "b");
    assertThat(told).hasSize(1);
    assertThat(keys(told.get(0))).containsExactly("a", "b");
  }

  @Test
  void write_withoutChanges_tellsNoOne() {
    transactions.write(tx -> null);
    assertThat(told).isEmpty();
  }

  @Test
  void write_bodyThrows_rollsBack_tellsNoOne_andRunsRollbackHooksInReverse() throws SQLException {
    List<String> hooks = new ArrayList<>();

    assertThatThrownBy(
            () ->
                transactions.write(
                    tx -> {
                      insert(tx, "a");
                      tx.onRollback(() -> hooks.add("first"));
                      tx.onRollback(() -> hooks.add("second"));
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");

    assertThat(rows()).isEmpty();
    assertThat(told).isEmpty();
    assertThat(hooks).containsExactly("second", "first");
    String again = transactions.write(tx -> "usable again");
    assertThat(again).isEqualTo("usable again");
  }

  @Test
  void write_checkedSqlException_isWrapped() {
    assertThatThrownBy(
            () ->
                transactions.write(
                    tx -> {
                      writer.execute("INSERT INTO t (v) VALUES (NULL)");
                      return null;
                    }))
        .isInstanceOf(EventSourcedException.class)
        .hasCauseInstanceOf(SQLException.class);
  }

  @Test
  void nestedWrite_thatFails_isUndone_whileTheOuterWorkCommits() throws SQLException {
    List<String> hooks = new ArrayList<>();
    transactions.write(
        outer -> {
          insert(outer, "outer-before");
          outer.onRollback(() -> hooks.add("outer"));
          assertThatThrownBy(
                  () ->
                      transactions.write(
                          inner -> {
                            insert(inner, "inner");
                            inner.onRollback(() -> hooks.add("inner"));
                            throw new IllegalArgumentException("inner fails");
                          }))
              .hasMessage("inner fails");
          insert(outer, "outer-after");
          return null;
        });

    assertThat(rows()).containsExactly("outer-before", "outer-after");
    assertThat(hooks).containsExactly("inner");
    assertThat(told).hasSize(1);
    assertThat(keys(told.get(0))).containsExactly("outer-before", "outer-after");
  }

  @Test
  void nestedWrite_thatSucceeds_isPartOfTheOuterTransaction() throws SQLException {
    assertThatThrownBy(
            () ->
                transactions.write(
                    outer -> {
                      transactions.write(
                          inner -> {
                            insert(inner, "inner");
                            return null;
                          });
                      throw new IllegalStateException("outer fails");
                    }))
        .hasMessage("outer fails");

    assertThat(rows()).isEmpty();
    assertThat(told).isEmpty();
  }

  @Test
  void deeplyNestedWrites_useDistinctSavepoints() throws SQLException {
    transactions.write(
        a -> {
          insert(a, "1");
          transactions.write(
              b -> {
                insert(b, "2");
                try {
                  transactions.write(
                      c -> {
                        insert(c, "3");
                        throw new IllegalStateException("level 3");
                      });
                } catch (IllegalStateException expected) {
                  // only level 3 is undone
                }
                insert(b, "2b");
                return null;
              });
          return null;
        });

    assertThat(rows()).containsExactly("1", "2", "2b");
    assertThat(keys(told.get(0))).containsExactly("1", "2", "2b");
  }

  @Test
  void join_mutationFailingAfterItWrote_makesTheTransactionRollbackOnly_evenIfCaught()
      throws SQLException {
    assertThatThrownBy(
            () ->
                transactions.write(
                    tx -> {
                      insert(tx, "kept?");
                      try {
                        transactions.join(
                            inner -> {
                              insert(inner, "half");
                              throw new IllegalStateException("after writing");
                            });
                      } catch (IllegalStateException caught) {
                        // the app swallows it
                      }
                      return null;
                    }))
        .isInstanceOf(EventSourcedException.class)
        .hasMessageContaining("transaction rolled back")
        .hasMessageContaining("after writing");

    assertThat(rows()).isEmpty();
    assertThat(told).isEmpty();
  }

  @Test
  void join_mutationFailingBeforeItWrote_leavesTheTransactionUsable() throws SQLException {
    transactions.write(
        tx -> {
          insert(tx, "a");
          try {
            transactions.join(
                inner -> {
                  throw new IllegalArgumentException("refused before writing");
                });
          } catch (IllegalArgumentException caught) {
            // nothing was written
          }
          return null;
        });

    assertThat(rows()).containsExactly("a");
  }

  @Test
  void join_outsideATransaction_runsInOneOfItsOwn() throws SQLException {
    transactions.join(
        tx -> {
          insert(tx, "a");
          return null;
        });
    assertThat(rows()).containsExactly("a");
    assertThat(told).hasSize(1);
  }

  @Test
  void nestedWrite_thatUndoesAHalfWrittenMutation_clearsRollbackOnly() throws SQLException {
    transactions.write(
        outer -> {
          insert(outer, "a");
          try {
            transactions.write(
                inner -> {
                  try {
                    transactions.join(
                        m -> {
                          insert(m, "half");
                          throw new IllegalStateException("half-written");
                        });
                  } catch (IllegalStateException caught) {
                    // marks rollback-only...
                  }
                  throw new IllegalStateException("...but the savepoint undoes it all");
                });
          } catch (IllegalStateException expected) {
            // fine
          }
          return null;
        });

    assertThat(rows()).containsExactly("a");
  }

  @Test
  void sqliteRollingBackByItself_isNotRolledBackAgain_andTheWriterStaysUsable()
      throws SQLException {
    writer.execute(
        "CREATE TRIGGER doom BEFORE INSERT ON t WHEN new.v = 'doom' "
            + "BEGIN SELECT RAISE(ROLLBACK, 'rolled back by SQLite'); END");

    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                transactions.write(
                    tx -> {
                      insert(tx, "a");
                      insert(tx, "doom");
                      return null;
                    }));

    assertThat(failure).hasMessageContaining("rolled back by SQLite");
    assertThat(failure.getSuppressed())
        .isEmpty(); // no "cannot rollback - no transaction is active"
    assertThat(rows()).isEmpty();
    assertThat(told).isEmpty();
    transactions.write(
        tx -> {
          insert(tx, "b");
          return null;
        });
    assertThat(rows()).containsExactly("b");
  }

  @Test
  void listenerThatThrows_doesNotFailTheWriter_norKeepOthersFromBeingTold() throws Exception {
    List<Throwable> uncaught = new ArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    try {
      List<List<Change>> later = new ArrayList<>();
      transactions.onCommit(
          changes -> {
            throw new IllegalStateException("listener bug");
          });
      transactions.onCommit(later::add);

      String result =
          transactions.write(
              tx -> {
                insert(tx, "a");
                return "committed";
              });

      assertThat(result).isEqualTo("committed");
      assertThat(rows()).containsExactly("a");
      assertThat(told).hasSize(1);
      assertThat(later).hasSize(1);
      assertThat(uncaught).singleElement().satisfies(e -> assertThat(e).hasMessage("listener bug"));
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(before);
    }
  }

  @Test
  void listener_removed_isToldNoMore() {
    List<List<Change>> mine = new ArrayList<>();
    Runnable remove = transactions.onCommit(mine::add);
    assertThat(transactions.hasCommitListeners()).isTrue();
    remove.run();

    transactions.write(
        tx -> {
          insert(tx, "a");
          return null;
        });

    assertThat(mine).isEmpty();
    assertThat(told).hasSize(1);
  }

  @Test
  void listener_isToldOnTheCommittingThread_afterTheTransactionEnded() {
    List<String> seen = new ArrayList<>();
    Thread committing = Thread.currentThread();
    transactions.onCommit(
        changes -> {
          seen.add("same thread: " + (Thread.currentThread() == committing));
          seen.add("in a transaction: " + (transactions.currentTx() != null));
        });

    transactions.write(
        tx -> {
          insert(tx, "a");
          return null;
        });

    assertThat(seen).containsExactly("same thread: true", "in a transaction: false");
  }

  @Test
  void writer_outsideAWrite_isRefused_andCurrentTxIsNull() {
    assertThatThrownBy(() -> transactions.writer()).isInstanceOf(IllegalStateException.class);
    assertThat(transactions.currentTx()).isNull();
    transactions.write(
        tx -> {
          assertThat(transactions.currentTx()).isSameAs(tx);
          assertThat(transactions.writer()).isSameAs(writer);
          assertThat(transactions.heldByCurrentThread()).isTrue();
          return null;
        });
  }

  @Test
  void write_onAClosedDatabase_isRefusedBeforeAnythingRuns() {
    closed.set(true);
    AtomicBoolean ran = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                transactions.write(
                    tx -> {
                      ran.set(true);
                      return null;
                    }))
        .isInstanceOf(DatabaseClosedException.class);
    assertThat(ran).isFalse();
  }

  @Test
  void writes_fromTwoThreads_runOneAtATime() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Future<?> first =
          executor.submit(
              () ->
                  transactions.write(
                      tx -> {
                        insert(tx, "first");
                        inside.countDown();
                        release.await(5, TimeUnit.SECONDS);
                        return null;
                      }));
      inside.await(5, TimeUnit.SECONDS);
      Future<?> second =
          executor.submit(
              () ->
                  transactions.write(
                      tx -> {
                        insert(tx, "second");
                        return null;
                      }));
      Thread.sleep(100);
      assertThat(second).isNotDone();
      assertThat(transactions.currentTx()).isNull(); // another thread's transaction

      release.countDown();
      first.get(5, TimeUnit.SECONDS);
      second.get(5, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
    assertThat(rows()).containsExactly("first", "second");
  }
}
