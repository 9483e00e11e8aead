package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static dev.eventsourced.db.fixtures.Todo_.SYNCED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.SyncSimulation;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.Effect;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Effects: onEnter/onUpdate/onExit exactly once per row event. */
class EffectTest {

  private EventSourcedDb db;
  private TodoRepository todos;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    todos = TodoRepository.of(db);
    todos.insert(new Todo("a", "first", Status.PENDING, 1, null));
    todos.insert(new Todo("b", "second", Status.COMPLETE, 2, null));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Effect<Todo> logging() {
    return Effect.<Todo>create()
        .onEnter(todo -> log.add("enter " + todo.id()))
        .onUpdate((before, after) -> log.add("update " + before.title() + "->" + after.title()))
        .onExit(todo -> log.add("exit " + todo.id()));
  }

  @Test
  void effect_firesOncePerEnterUpdateAndExit() {
    LiveQuery<Todo> pending = todos.query().where(STATUS.eq(Status.PENDING)).live();
    pending.effect(Runnable::run, logging());
    assertThat(log).containsExactly("enter a");

    todos.update("a", draft -> draft.title("renamed"));
    todos.update("b", draft -> draft.status(Status.PENDING));
    todos.update("a", draft -> draft.status(Status.COMPLETE));
    todos.update("b", draft -> draft.createdAt(10)); // changes the row: an update
    todos.update("a", draft -> draft.title("not in the result")); // nothing
    todos.delete("b");
    assertThat(log)
        .containsExactly(
            "enter a",
            "update first->renamed",
            "enter b",
            "exit a",
            "update second->second",
            "exit b");
  }

  @Test
  void skipInitial_ignoresRowsAlreadyThere() {
    LiveQuery<Todo> pending = todos.query().where(STATUS.eq(Status.PENDING)).live();
    pending.effect(Runnable::run, logging().skipInitial());
    assertThat(log).isEmpty();
    todos.insert(new Todo("c", "third", Status.PENDING, 3, null));
    assertThat(log).containsExactly("enter c");
  }

  @Test
  void effectOnPendingEvents_firesWheneverAnotherPendingRowComesUp() {
    // "Sync whenever there are pending events", without a server: confirmations are simulated.
    List<String> syncs = new ArrayList<>();
    LiveQuery<Todo> nextUnsynced = todos.query().where(SYNCED.isFalse()).limit(1).live();
    nextUnsynced.effect(
        Runnable::run,
        Effect.<Todo>create().onEnter(t -> syncs.add("sync " + t.id())).skipInitial());
    SyncSimulation.confirm(db, TodoRepository.COLLECTION, "a");
    assertThat(syncs).containsExactly("sync b");
    SyncSimulation.confirm(db, TodoRepository.COLLECTION, "b");
    assertThat(syncs).containsExactly("sync b");
    todos.insert(new Todo("c", "third", Status.PENDING, 3, null));
    assertThat(syncs).containsExactly("sync b", "sync c");
  }

  @Test
  void closedEffect_firesNoMore() {
    LiveQuery<Todo> all = todos.query().live();
    Subscription effect = all.effect(Runnable::run, logging());
    effect.close();
    todos.delete("a");
    assertThat(log).containsExactly("enter a", "enter b");
  }
}
