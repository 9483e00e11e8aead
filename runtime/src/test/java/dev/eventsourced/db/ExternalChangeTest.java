package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.internal.live.LiveRegistry;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit made through another connection to the same file (another process) reaches live queries.
 */
class ExternalChangeTest {

  @TempDir Path dir;

  @Test
  void commitByAnotherConnection_reloadsLiveQuery() throws Exception {
    Path file = dir.resolve("shared.sqlite");
    try (EventSourcedDb watching =
            EventSourcedDb.builder()
                .path(file)
                .collections(TodoRepository.COLLECTION)
                .externalChangePoll(Duration.ofMillis(20))
                .open();
        EventSourcedDb other =
            EventSourcedDb.builder().path(file).collections(TodoRepository.COLLECTION).open()) {
      TodoRepository.of(watching).insert(new Todo("mine", "x", Status.PENDING, 1, null));
      LiveQuery<Todo> live =
          TodoRepository.of(watching)
              .query()
              .where(STATUS.eq(Status.PENDING))
              .orderBy(CREATED_AT.asc())
              .live();
      BlockingQueue<LiveUpdate<Todo>> updates = new LinkedBlockingQueue<>();
      live.subscribe(Runnable::run, updates::add);
      assertThat(updates.poll(5, TimeUnit.SECONDS).initial()).isTrue();

      TodoRepository.of(other).insert(new Todo("theirs", "y", Status.PENDING, 2, null));

      LiveUpdate<Todo> update = updates.poll(10, TimeUnit.SECONDS);
      assertThat(update).as("no update after another connection's commit").isNotNull();
      assertThat(update.rows()).extracting(Todo::id).containsExactly("mine", "theirs");
      assertThat(update.delta().applyTo(List.of(new Todo("mine", "x", Status.PENDING, 1, null))))
          .isEqualTo(update.rows());
      var registry = TestAccess.engine(watching).attachment(LiveRegistry.class, LiveRegistry::new);
      registry.checkExternalChanges(); // waits for the tick that delivered the update, then finds
      // nothing new
      assertThat(updates).as("one update per external commit").isEmpty();

      TodoRepository.of(watching).insert(new Todo("again", "z", Status.PENDING, 3, null));
      assertThat(updates.poll())
          .as("own commits reach the live query through the commit")
          .isNotNull();
      registry.checkExternalChanges();
      assertThat(updates).as("own commits are not external").isEmpty();
    }
  }
}
