package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link Flow.Publisher} view of a live query: demand, conflation, cancel, completion. */
class LivePublisherTest {

  private EventSourcedDb db;
  private TodoRepository todos;
  private LiveQuery<Todo> live;

  /** Records signals; requests only when told. */
  private static final class Recorder implements Flow.Subscriber<List<Todo>> {
    final List<Integer> sizes = new ArrayList<>();
    final List<String> signals = new ArrayList<>();
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      signals.add("subscribe");
    }

    @Override
    public void onNext(List<Todo> rows) {
      sizes.add(rows.size());
    }

    @Override
    public void onError(Throwable e) {
      signals.add("error " + e.getMessage());
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    todos = TodoRepository.of(db);
    todos.insert(new Todo("a", "a", Status.PENDING, 1, null));
    live = todos.query().where(STATUS.eq(Status.PENDING)).live();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void insert(String id) {
    todos.insert(new Todo(id, id, Status.PENDING, 1, null));
  }

  @Test
  void subscriber_getsNothingBeforeRequestThenTheLatestResultConflated() {
    Recorder recorder = new Recorder();
    live.publisher(Runnable::run).subscribe(recorder);
    assertThat(recorder.signals).containsExactly("subscribe");
    assertThat(recorder.sizes).isEmpty();
    recorder.subscription.request(1);
    assertThat(recorder.sizes).containsExactly(1);
    insert("b");
    insert("c");
    assertThat(recorder.sizes).containsExactly(1);
    recorder.subscription.request(5);
    assertThat(recorder.sizes).containsExactly(1, 3);
    insert("d");
    assertThat(recorder.sizes).containsExactly(1, 3, 4);
  }

  @Test
  void cancel_stopsSignals() {
    Recorder recorder = new Recorder();
    live.publisher(Runnable::run).subscribe(recorder);
    recorder.subscription.request(Long.MAX_VALUE);
    recorder.subscription.cancel();
    insert("b");
    assertThat(recorder.sizes).containsExactly(1);
  }

  @Test
  void closingTheLiveQuery_completesSubscribers() {
    Recorder recorder = new Recorder();
    live.publisher(Runnable::run).subscribe(recorder);
    live.close();
    assertThat(recorder.signals).containsExactly("subscribe", "complete");
  }

  @Test
  void nonPositiveRequest_signalsErrorPerRule39() {
    Recorder recorder = new Recorder();
    live.publisher(Runnable::run).subscribe(recorder);
    recorder.subscription.request(0);
    assertThat(recorder.signals).hasSize(2);
    assertThat(recorder.signals.get(1)).startsWith("error request(0)");
    insert("b");
    assertThat(recorder.sizes).isEmpty();
  }
}
