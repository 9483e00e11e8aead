package dev.eventsourced.db.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.TestAccess;
import dev.eventsourced.db.exception.LiveQueryException;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.testing.Gc;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit listener: which live queries a commit reaches, how failures are reported, lifetimes.
 */
class LiveRegistryTest {

  private EventSourcedDb db;
  private LiveRegistry registry;
  private TodoRepository todos;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previousHandler;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .inMemory()
            .collections(TodoRepository.COLLECTION, ProjectRepository.COLLECTION)
            .open();
    registry = TestAccess.engine(db).attachment(LiveRegistry.class, LiveRegistry::new);
    todos = TodoRepository.of(db);
    previousHandler = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread()
        .setUncaughtExceptionHandler(
            (thread, e) -> events.add("reported " + e.getClass().getSimpleName()));
  }

  @AfterEach
  void close() {
    Thread.currentThread().setUncaughtExceptionHandler(previousHandler);
    db.close();
  }

  private TestNode node(String name, String... collections) {
    TestNode node = new TestNode(collections);
    node.load();
    registry.register(node);
    new ConsumerMailbox<String>(
            Runnable::run,
            update -> {
              if (!update.initial()) events.add(name + " " + update.rows());
            })
        .attach(node, registry);
    return node;
  }

  private void insertTodo(String id) {
    todos.insert(new Todo(id, id, Todo.Status.PENDING, 1, null));
  }

  @Test
  void commit_reachesOnlyTheLiveQueriesReadingAChangedCollection_onceEach() {
    TestNode todosOnly = node("todos", "todos");
    TestNode projectsOnly = node("projects", "projects");
    TestNode both = node("both", "todos", "projects");
    todosOnly.next = List.of("t");
    both.next = List.of("b");
    TestAccess.engine(db)
        .write(
            tx -> {
              insertTodo("a");
              ProjectRepository.of(db).insert(new Project("p", null, null, false, null, null));
              insertTodo("b");
              return null;
            });
    assertThat(todosOnly.applied)
        .singleElement()
        .satisfies(changes -> assertThat(changes.get("todos")).hasSize(2));
    assertThat(both.applied)
        .singleElement()
        .satisfies(changes -> assertThat(changes).containsOnlyKeys("todos", "projects"));
    assertThat(projectsOnly.applied).singleElement();
    assertThat(events).containsExactlyInAnyOrder("todos [t]", "both [b]");

    insertTodo("c");
    assertThat(projectsOnly.applied).hasSize(1);
    assertThat(todosOnly.applied).hasSize(2);
  }

  @Test
  void failingLiveQuery_isReportedAfterTheOthersWereUpdated_andNeverReachesTheWriter() {
    TestNode failing = node("failing", "todos");
    failing.applyFailure = new IllegalStateException("apply");
    failing.loadFailure = new IllegalStateException("load");
    TestNode healthy = node("healthy", "todos");
    healthy.next = List.of("h");
    insertTodo("a");
    assertThat(todos.find("a")).isPresent();
    assertThat(events).containsExactly("healthy [h]", "reported LiveQueryException");
  }

  @Test
  void liveQueryWithoutSubscribersOrReferences_isCollected_butOneWithSubscribersIsNot()
      throws InterruptedException {
    TestNode subscribed = node("subscribed", "todos");
    WeakReference<TestNode> subscribedRef = new WeakReference<>(subscribed);
    TestNode unsubscribed = new TestNode("todos");
    registry.register(unsubscribed);
    WeakReference<TestNode> unsubscribedRef = new WeakReference<>(unsubscribed);
    subscribed = null;
    unsubscribed = null;
    assertThat(Gc.collectUntil(() -> unsubscribedRef.get() == null, 5)).isTrue();
    assertThat(registry.size()).isEqualTo(1);
    assertThat(subscribedRef.get()).isNotNull();
    subscribedRef.get().next = List.of("still live");
    insertTodo("a");
    assertThat(events).containsExactly("subscribed [still live]");
  }

  @Test
  void closedLiveQuery_isUnregistered() {
    TestNode node = node("closed", "todos");
    node.close(registry);
    insertTodo("a");
    assertThat(node.applied).isEmpty();
    assertThat(registry.size()).isZero();
  }

  @Test
  void liveQueryException_saysWhetherTheResultIsStale() {
    assertThat(new LiveQueryException("m", null, true).isStale()).isTrue();
    assertThat(new LiveQueryException("m", null, false).isStale()).isFalse();
  }
}
