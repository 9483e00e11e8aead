package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.exception.DatabaseClosedException;
import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.internal.DaemonThreads;
import dev.eventsourced.db.internal.Engine;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteErrorCode;

/**
 * A database's live queries, indexed by the collections they read, and the commit listener that
 * keeps them up to date.
 *
 * <p>After each commit, on the committing thread, every live query reading a changed collection
 * computes its new result and delta; then, once all of them have queued their updates, the
 * subscribers' executors are asked to run them. A live query that fails to update is re-run or left
 * stale by {@link LiveNode#commitAndQueue}; its failure is reported to the committing thread's
 * uncaught-exception handler once all of them are done, and never reaches the writer. Live queries
 * are held weakly, except while they have subscribers, so that one the application no longer
 * references is garbage collected.
 */
public final class LiveRegistry {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Map<String, Set<NodeRef>> byCollection = new ConcurrentHashMap<>();
  private final Set<LiveNode<?>> pinned = ConcurrentHashMap.newKeySet();
  private final ReferenceQueue<LiveNode<?>> collected = new ReferenceQueue<>();
  private volatile ThreadPoolExecutor notifier;
  private final Engine engine;
  private volatile ScheduledExecutorService watcher;
  private long dataVersion = -1;

  public LiveRegistry(Engine engine) {
    this.engine = engine;
    engine.onCommit(this::onCommit);
  }

  /**
   * Starts watching the file for commits made by other connections (another process, or another
   * {@code EventSourcedDb} on the same file): SQLite's {@code PRAGMA data_version} changes when one
   * happened. Such a commit carries no change set, so every live query reloads from SQL once.
   */
  private void watchExternalChanges() {
    if (watcher != null
        || engine.config().path() == null
        || engine.config().externalChangePollMillis() <= 0) {
      return;
    }
    synchronized (this) {
      if (watcher != null) return;
      ScheduledExecutorService executor =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "eventsourced-watch-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      long period = engine.config().externalChangePollMillis();
      checkExternalChange(); // the baseline
      executor.scheduleWithFixedDelay(
          this::checkExternalChange, period, period, TimeUnit.MILLISECONDS);
      watcher = executor;
    }
  }

  /**
   * Checks now, on the calling thread, what the watcher checks every poll period: whether another
   * connection committed since the last check, and if so reloads every live query. For tests, which
   * must not wait for a tick to prove that nothing happens.
   */
  public void checkExternalChanges() {
    checkExternalChange();
  }

  private void checkExternalChange() {
    if (engine.isClosed()) {
      ScheduledExecutorService executor = watcher;
      if (executor != null) executor.shutdown();
      return;
    }
    List<Throwable> failures = new ArrayList<>();
    try {
      engine.withWriter(
          conn -> {
            long version;
            try (var rs = conn.prepare("PRAGMA data_version").executeQuery()) {
              version = rs.next() ? rs.getLong(1) : -1;
            }
            if (dataVersion != -1 && version != dataVersion) reloadAll(failures);
            dataVersion = version;
            return null;
          });
    } catch (DatabaseClosedException e) {
      // Closed meanwhile: the next tick shuts the watcher down.
    } catch (RuntimeException e) {
      // The file is busy (another process writes): try again at the next tick. Anything else is
      // reported.
      if (!isBusy(e)) failures.add(e);
    }
    for (Throwable failure : failures) Mailbox.report(failure);
  }

  private static boolean isBusy(RuntimeException e) {
    int code =
        e instanceof EventSourcedException
            ? ((EventSourcedException) e).sqliteResultCode() & 0xFF
            : 0;
    return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  /** Reloads every live query from SQL; called with the write lock held. */
  private void reloadAll(List<Throwable> failures) {
    expunge();
    List<LiveNode<?>> notify = new ArrayList<>();
    Map<LiveNode<?>, Boolean> seen = new IdentityHashMap<>();
    for (Set<NodeRef> refs : byCollection.values()) {
      for (NodeRef ref : refs) {
        LiveNode<?> node = ref.get();
        if (node == null || seen.put(node, Boolean.TRUE) != null) continue;
        if (node.reloadAndQueue(failures)) notify.add(node);
      }
    }
    for (LiveNode<?> node : notify) node.scheduleAll();
  }

  /**
   * The default executor of subscribers: one daemon thread per database, started on demand and
   * stopped after a while without work.
   */
  Executor notifier() {
    ThreadPoolExecutor executor = notifier;
    if (executor == null) {
      synchronized (this) {
        executor = notifier;
        if (executor == null) {
          executor = DaemonThreads.single("eventsourced-live");
          notifier = executor;
        }
      }
    }
    return executor;
  }

  /** A weak reference to a node, remembering where it is registered. */
  static final class NodeRef extends WeakReference<LiveNode<?>> {
    final Set<String> collections;

    NodeRef(LiveNode<?> node, ReferenceQueue<LiveNode<?>> queue) {
      super(node, queue);
      this.collections = node.collections;
    }
  }

  void register(LiveNode<?> node) {
    expunge();
    watchExternalChanges();
    NodeRef ref = new NodeRef(node, collected);
    node.ref = ref;
    for (String collection : node.collections) {
      byCollection.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()).add(ref);
    }
  }

  void unregister(LiveNode<?> node) {
    pinned.remove(node);
    if (node.ref != null) remove(node.ref);
  }

  void pin(LiveNode<?> node) {
    pinned.add(node);
  }

  void unpin(LiveNode<?> node) {
    pinned.remove(node);
  }

  /** How many live queries are registered and not yet collected (for tests). */
  public int size() {
    expunge();
    int n = 0;
    for (Set<NodeRef> refs : byCollection.values()) {
      for (NodeRef ref : refs) {
        if (ref.get() != null) n++;
      }
    }
    return n;
  }

  /** The live queries that are open and not yet collected, for tools (the inspector). */
  public List<OpenLiveQuery> openQueries() {
    expunge();
    List<OpenLiveQuery> open = new ArrayList<>();
    Map<LiveNode<?>, Boolean> seen = new IdentityHashMap<>();
    for (Set<NodeRef> refs : byCollection.values()) {
      for (NodeRef ref : refs) {
        LiveNode<?> node = ref.get();
        if (node != null && !node.isClosed() && seen.put(node, Boolean.TRUE) == null) {
          open.add(node.snapshot());
        }
      }
    }
    return open;
  }

  private void remove(NodeRef ref) {
    for (String collection : ref.collections) {
      Set<NodeRef> refs = byCollection.get(collection);
      if (refs != null) refs.remove(ref);
    }
  }

  private void expunge() {
    Reference<? extends LiveNode<?>> ref;
    while ((ref = collected.poll()) != null) remove((NodeRef) ref);
  }

  private void onCommit(List<Change> changes) {
    if (changes.isEmpty()) return;
    expunge();
    Map<String, List<Change>> byId = group(changes);
    Map<LiveNode<?>, Boolean> touched = new IdentityHashMap<>();
    List<LiveNode<?>> nodes = new ArrayList<>();
    for (String collection : byId.keySet()) {
      Set<NodeRef> refs = byCollection.get(collection);
      if (refs == null) continue;
      for (NodeRef ref : refs) {
        LiveNode<?> node = ref.get();
        if (node != null && touched.put(node, Boolean.TRUE) == null) nodes.add(node);
      }
    }
    List<LiveNode<?>> notify = new ArrayList<>(nodes.size());
    List<Throwable> failures = new ArrayList<>(0);
    for (LiveNode<?> node : nodes) {
      if (node.commitAndQueue(byId, failures)) notify.add(node);
    }
    for (LiveNode<?> node : notify) node.scheduleAll();
    // A failing live query harms neither the writer nor the other live queries: it is reported.
    for (Throwable failure : failures) Mailbox.report(failure);
  }

  private static Map<String, List<Change>> group(List<Change> changes) {
    String first = changes.get(0).collectionId();
    boolean single = true;
    for (Change change : changes) {
      if (!change.collectionId().equals(first)) {
        single = false;
        break;
      }
    }
    if (single) {
      Map<String, List<Change>> one = new HashMap<>(2);
      one.put(first, changes);
      return one;
    }
    Map<String, List<Change>> byId = new LinkedHashMap<>();
    for (Change change : changes) {
      byId.computeIfAbsent(change.collectionId(), c -> new ArrayList<>()).add(change);
    }
    return byId;
  }
}
