package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.exception.LiveQueryException;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One live query's result across commits: updates, deltas, fallbacks after failures, staleness. */
class LiveNodeTest {

  private EventSourcedDb db;
  private LiveRegistry registry;
  private final TestNode node = new TestNode("todos");
  private final List<LiveUpdate<String>> updates = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    registry = TestAccess.engine(db).attachment(LiveRegistry.class, LiveRegistry::new);
    node.next = List.of("a", "b");
    node.load();
    new ConsumerMailbox<String>(Runnable::run, updates::add).attach(node, registry);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private boolean commit() {
    boolean queued = node.commitAndQueue(Map.of("todos", List.of()), failures);
    node.scheduleAll();
    return queued;
  }

  @Test
  void subscriber_getsTheCurrentResultFirst_thenOneUpdatePerChangingCommit() {
    assertThat(updates)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.initial()).isTrue();
              assertThat(u.rows()).containsExactly("a", "b");
            });
    node.next = List.of("b", "c");
    assertThat(commit()).isTrue();
    assertThat(commit()).as("an unchanged result queues nothing").isFalse();
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).delta().applyTo(updates.get(0).rows())).containsExactly("b", "c");
    assertThat(node.current()).containsExactly("b", "c");
    assertThat(failures).isEmpty();
  }

  @Test
  void failedInMemoryUpdate_reloadsInTheSameCommit_andReportsAnExactResult() {
    node.applyFailure = new IllegalStateException("evaluator bug");
    node.next = List.of("a", "b", "c");
    commit();
    assertThat(node.current()).containsExactly("a", "b", "c");
    assertThat(updates).hasSize(2);
    assertThat(failures)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> {
              assertThat(e.isStale()).isFalse();
              assertThat(e).hasMessageContaining("test node").hasCauseReference(node.applyFailure);
            });

    node.applyFailure = null;
    node.next = List.of("a");
    commit();
    assertThat(node.loads).as("back to in-memory updates").isEqualTo(2);
    assertThat(node.current()).containsExactly("a");
  }

  @Test
  void failedReloadToo_leavesTheNodeStale_untilAReloadSucceeds() {
    node.applyFailure = new IllegalStateException("evaluator bug");
    node.loadFailure = new IllegalStateException("sql failed");
    node.next = List.of("x");
    commit();
    assertThat(node.current()).containsExactly("a", "b");
    assertThat(failures)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> {
              assertThat(e.isStale()).isTrue();
              assertThat(e)
                  .hasCauseReference(node.loadFailure)
                  .hasMessageContaining("re-runs at the next commit that changes todos");
              assertThat(e.getSuppressed()).containsExactly(node.applyFailure);
            });

    node.applyFailure = null;
    commit();
    assertThat(node.applies).as("a stale node reloads instead of applying").isEqualTo(1);
    assertThat(failures).hasSize(2);

    node.loadFailure = null;
    commit();
    assertThat(node.current()).containsExactly("x");
    assertThat(updates).hasSize(2);
    commit();
    assertThat(node.applies).as("no longer stale").isEqualTo(2);
  }

  @Test
  void failedExternalReload_marksTheNodeStale() {
    node.loadFailure = new IllegalStateException("busy");
    assertThat(node.reloadAndQueue(failures)).isFalse();
    assertThat(failures)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> assertThat(e).hasMessageContaining("outside this database"));
    node.loadFailure = null;
    node.next = List.of("new");
    commit();
    assertThat(node.applies).isZero();
    assertThat(node.current()).containsExactly("new");
  }

  @Test
  void rerunNode_runsItsQueryPerCommit_identifiesRowsByKeyOrNull_andFailsOnceWhenItFails() {
    List<String> rows = new ArrayList<>(List.of("a", "b"));
    int[] runs = {0};
    RerunNode<String> rerun =
        new RerunNode<>(
            null,
            java.util.Set.of("todos"),
            () -> {
              runs[0]++;
              if (rows.contains("boom")) throw new IllegalStateException("sql failed");
              return rows;
            },
            row -> row.startsWith("n") ? null : row,
            String::equals,
            "SELECT raw");
    rerun.load();
    rows.add("n1");
    rows.add("n2"); // two rows without a key: matched by occurrence
    assertThat(rerun.commitAndQueue(Map.of(), failures)).isFalse(); // no subscriber to queue for
    assertThat(rerun.current()).containsExactly("a", "b", "n1", "n2");
    assertThat(runs[0]).isEqualTo(2);

    rows.add("boom");
    rerun.commitAndQueue(Map.of(), failures);
    assertThat(runs[0]).as("a re-run query is not re-run again in the same commit").isEqualTo(3);
    assertThat(failures)
        .singleElement()
        .isInstanceOfSatisfying(
            LiveQueryException.class,
            e -> {
              assertThat(e.isStale()).isTrue();
              assertThat(e).hasMessageContaining("SELECT raw");
            });
    rows.remove("boom");
    rerun.commitAndQueue(Map.of(), failures);
    assertThat(rerun.current()).containsExactly("a", "b", "n1", "n2");
  }

  @Test
  void close_completesSubscribers_andIgnoresLaterCommits() {
    node.close(registry);
    node.next = List.of("z");
    assertThat(commit()).isFalse();
    assertThat(node.isClosed()).isTrue();
    assertThat(node.current()).containsExactly("a", "b");
    List<LiveUpdate<String>> late = new ArrayList<>();
    ConsumerMailbox<String> mailbox = new ConsumerMailbox<>(Runnable::run, late::add);
    mailbox.attach(node, registry);
    assertThat(late).isEmpty();
    assertThat(mailbox.isActive()).isFalse();
  }
}
