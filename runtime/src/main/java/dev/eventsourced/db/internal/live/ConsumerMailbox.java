package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.live.LiveUpdate;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A subscriber given as a {@code Consumer} of updates (effects are such consumers too). */
final class ConsumerMailbox<R> extends Mailbox<R> {

  private final Consumer<? super LiveUpdate<R>> subscriber;

  ConsumerMailbox(Executor executor, Consumer<? super LiveUpdate<R>> subscriber) {
    super(executor);
    this.subscriber = subscriber;
  }

  @Override
  @SuppressWarnings("unchecked")
  void deliver(Object signal) {
    if (isActive()) subscriber.accept((LiveUpdate<R>) signal);
  }
}
