package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.live.Effect;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import dev.eventsourced.db.live.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** The {@link LiveQuery} handed to applications: a strong reference to its node. */
final class LiveQueryImpl<R> implements LiveQuery<R> {

  private final LiveNode<R> node;
  private final LiveRegistry registry;

  private LiveQueryImpl(LiveNode<R> node, LiveRegistry registry) {
    this.node = node;
    this.registry = registry;
  }

  /**
   * Loads the node's result and registers it, both under the write lock so that no commit falls
   * between.
   */
  static <R> LiveQuery<R> open(LiveNode<R> node) {
    Engine engine = node.engine;
    if (engine.currentTx() != null) {
      throw new IllegalStateException(
          "live() was called inside a transaction, whose rows are not committed yet; "
              + "create the live query outside db.transaction(...)");
    }
    LiveRegistry registry = engine.attachment(LiveRegistry.class, LiveRegistry::new);
    engine.write(
        tx -> {
          node.load();
          registry.register(node);
          return null;
        });
    return new LiveQueryImpl<>(node, registry);
  }

  @Override
  public List<R> current() {
    return node.current();
  }

  @Override
  public Subscription subscribe(Consumer<? super LiveUpdate<R>> subscriber) {
    return subscribe(registry.notifier(), subscriber);
  }

  @Override
  public Subscription subscribe(Executor executor, Consumer<? super LiveUpdate<R>> subscriber) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(subscriber, "subscriber");
    ConsumerMailbox<R> mailbox = new ConsumerMailbox<>(executor, subscriber);
    mailbox.attach(node, registry);
    return mailbox;
  }

  @Override
  public Subscription effect(Effect<? super R> effect) {
    return subscribe(registry.notifier(), effect);
  }

  @Override
  public Subscription effect(Executor executor, Effect<? super R> effect) {
    return subscribe(executor, effect);
  }

  @Override
  public Flow.Publisher<List<R>> publisher() {
    return publisher(registry.notifier());
  }

  @Override
  public Flow.Publisher<List<R>> publisher(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber"); // Reactive Streams rule 1.9
      new FlowMailbox<R>(executor, subscriber).attach(node, registry);
    };
  }

  @Override
  public boolean isClosed() {
    return node.isClosed();
  }

  @Override
  public void close() {
    node.close(registry);
  }

  @Override
  public String toString() {
    return "LiveQuery["
        + String.join(", ", node.collections)
        + ", "
        + node.current().size()
        + " rows"
        + (isClosed() ? ", closed" : "")
        + "]";
  }
}
