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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteErrorCode;

/**
 * A database's live queries, indexed by the collections they read and by what their filters require
 * of the rows ({@link LiveIndex}), and the commit listener that keeps them up to date.
 *
 * <p>After each commit, on the committing thread, every live query a changed row can concern
 * computes its new result and delta (the others are not visited, so a commit costs the same with
 * one or a thousand idle live queries open); then, once all of them have queued their updates, the
 * subscribers' executors are asked to run them. A live query that fails to update is re-run or left
 * stale by {@link LiveNode#commitAndQueue}; its failure is reported to the committing thread's
 * uncaught-exception handler once all of them are done, and never reaches the writer. Live queries
 * are held weakly, except while they have subscribers, so that one the application no longer
 * references is garbage collected.
 */
public final class LiveRegistry {

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The index of each collection some live query reads; only used with the write lock held. */
  private final Map<String, LiveIndex> indexes = new HashMap<>();

  /** Live queries that must see every change of their collections until they reload. */
  private final Set<NodeRef> stale = new HashSet<>();

  /** Every registered live query (for reloads, counts, listings: read on any thread). */
  private final Set<NodeRef> all = ConcurrentHashMap.newKeySet();

  /** Closed or collected live queries, removed from {@link #indexes} under the write lock. */
  private final Queue<NodeRef> released = new ConcurrentLinkedQueue<>();

  private final Set<LiveNode<?>> pinned = ConcurrentHashMap.newKeySet();
  private final ReferenceQueue<LiveNode<?>> collected = new ReferenceQueue<>();
  private int commits; // stamps the live queries found for a commit
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
    drain();
    List<LiveNode<?>> notify = new ArrayList<>();
    for (NodeRef ref : all) {
      LiveNode<?> node = ref.get();
      if (node == null) continue;
      if (node.reloadAndQueue(failures)) notify.add(node);
      noteStale(ref, node);
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

  /**
   * A weak reference to a node, remembering where it is registered, and the node's bookkeeping for
   * the commit being dispatched.
   */
  static final class NodeRef extends WeakReference<LiveNode<?>> implements Window.Holders {
    final Set<String> collections;

    /** The collection where the node is found by {@link #restriction}, or null. */
    final String indexedCollection;

    final Restriction<?> restriction;

    /** The window whose rows the index tracks; kept to release them once the node is collected. */
    Window<?> window;

    LiveIndex index; // of indexedCollection
    boolean removed;
    boolean stale;

    // For the commit being dispatched: its stamp, whether the node sees every change, and else the
    // keys of the rows whose changes of indexedCollection it must see (when there are several).
    int stamp;
    boolean every;
    Set<Object> keys;

    NodeRef(LiveNode<?> node, ReferenceQueue<LiveNode<?>> queue) {
      super(node, queue);
      this.collections = node.collections;
      Window<?> window = node.indexedWindow();
      Restriction<?> restriction = window == null ? null : window.model().restriction();
      this.restriction = restriction;
      this.indexedCollection =
          restriction == null ? null : window.model().store().definition().collectionId();
      this.window = restriction == null ? null : window;
    }

    @Override
    public void hold(Object key) {
      index.hold(key, this);
    }

    @Override
    public void release(Object key) {
      index.release(key, this);
    }
  }

  /** Registers a loaded node; its results must be those of the last commit. */
  void register(LiveNode<?> node) {
    watchExternalChanges();
    engine.withWriter(
        conn -> {
          drain();
          NodeRef ref = new NodeRef(node, collected);
          node.ref = ref;
          all.add(ref);
          for (String collection : node.collections) {
            LiveIndex index = indexes.computeIfAbsent(collection, c -> new LiveIndex());
            if (collection.equals(ref.indexedCollection)) {
              index.add(ref, ref.restriction);
              ref.index = index;
              ref.window.track(ref);
            } else {
              index.addScanned(ref);
            }
          }
          return null;
        });
  }

  /** Unregisters a closed node: at once from listings, from the index at the next commit. */
  void unregister(LiveNode<?> node) {
    pinned.remove(node);
    NodeRef ref = node.ref;
    if (ref != null && all.remove(ref)) released.add(ref);
  }

  void pin(LiveNode<?> node) {
    pinned.add(node);
  }

  void unpin(LiveNode<?> node) {
    pinned.remove(node);
  }

  /** How many live queries are registered and not yet collected (for tests). */
  public int size() {
    pollCollected();
    int n = 0;
    for (NodeRef ref : all) {
      if (ref.get() != null) n++;
    }
    return n;
  }

  /** The live queries that are open and not yet collected, for tools (the inspector). */
  public List<OpenLiveQuery> openQueries() {
    pollCollected();
    List<OpenLiveQuery> open = new ArrayList<>();
    for (NodeRef ref : all) {
      LiveNode<?> node = ref.get();
      if (node != null && !node.isClosed()) {
        open.add(node.snapshot());
      }
    }
    return open;
  }

  private void pollCollected() {
    Reference<? extends LiveNode<?>> ref;
    while ((ref = collected.poll()) != null) {
      if (all.remove(ref)) released.add((NodeRef) ref);
    }
  }

  /** Removes closed and collected nodes from the index; with the write lock held. */
  private void drain() {
    pollCollected();
    NodeRef ref;
    while ((ref = released.poll()) != null) remove(ref);
  }

  private void remove(NodeRef ref) {
    if (ref.removed) return;
    ref.removed = true;
    stale.remove(ref);
    for (String collection : ref.collections) {
      LiveIndex index = indexes.get(collection);
      if (index == null) continue;
      if (collection.equals(ref.indexedCollection)) {
        index.remove(ref, ref.restriction);
        Window<?> window = ref.window;
        window.track(Window.Holders.NONE);
        for (Object key : window.heldKeys()) index.release(key, ref);
        ref.window = null;
      } else {
        index.removeScanned(ref);
      }
      if (index.isEmpty()) indexes.remove(collection);
    }
  }

  /** Keeps {@link #stale} up to date after the node was updated or reloaded. */
  private void noteStale(NodeRef ref, LiveNode<?> node) {
    boolean isStale = node.isStale();
    if (isStale == ref.stale) return;
    ref.stale = isStale;
    if (isStale) stale.add(ref);
    else stale.remove(ref);
  }

  private void onCommit(List<Change> changes) {
    if (changes.isEmpty()) return;
    drain();
    if (indexes.isEmpty()) return;
    Map<String, List<Change>> byId = group(changes);
    int stamp = ++commits;
    List<NodeRef> found = new ArrayList<>();
    Candidates candidates = new Candidates(stamp, found);
    for (Map.Entry<String, List<Change>> entry : byId.entrySet()) {
      String collection = entry.getKey();
      List<Change> collectionChanges = entry.getValue();
      for (NodeRef ref : stale) {
        if (ref.collections.contains(collection)) candidates.every(ref);
      }
      LiveIndex index = indexes.get(collection);
      if (index == null) continue;
      index.collectScanned(candidates);
      candidates.several = collectionChanges.size() > 1;
      for (Change change : collectionChanges) index.collect(change, candidates);
    }
    List<LiveNode<?>> notify = new ArrayList<>(found.size());
    List<Throwable> failures = new ArrayList<>(0);
    for (NodeRef ref : found) {
      LiveNode<?> node = ref.get();
      if (node == null) continue;
      if (node.commitAndQueue(changesFor(ref, byId), failures)) notify.add(node);
      noteStale(ref, node);
      ref.keys = null;
    }
    for (LiveNode<?> node : notify) node.scheduleAll();
    // A failing live query harms neither the writer nor the other live queries: it is reported.
    for (Throwable failure : failures) Mailbox.report(failure);
  }

  /** Collects the nodes a commit's changes may concern, once each. */
  private static final class Candidates implements LiveIndex.Sink {
    final int stamp;
    final List<NodeRef> found;
    boolean several; // the collection being collected has more than one change

    Candidates(int stamp, List<NodeRef> found) {
      this.stamp = stamp;
      this.found = found;
    }

    private void mark(NodeRef ref) {
      if (ref.stamp != stamp) {
        ref.stamp = stamp;
        ref.every = false;
        ref.keys = null;
        found.add(ref);
      }
    }

    @Override
    public void every(NodeRef ref) {
      mark(ref);
      ref.every = true;
    }

    @Override
    public void row(NodeRef ref, Object key) {
      mark(ref);
      if (several && !ref.every) {
        if (ref.keys == null) ref.keys = new HashSet<>();
        ref.keys.add(key);
      }
    }
  }

  /**
   * The changes a found node is given: all of them, except that of its indexed collection it gets
   * only the changes of the rows it was found for (every change of such a row, in order; the
   * changes of other rows would leave it as it is).
   */
  private static Map<String, List<Change>> changesFor(NodeRef ref, Map<String, List<Change>> byId) {
    if (ref.every || ref.indexedCollection == null) return byId;
    List<Change> indexed = byId.get(ref.indexedCollection);
    if (indexed == null || indexed.size() == 1) return byId;
    List<Change> mine = new ArrayList<>();
    if (ref.keys != null) {
      for (Change change : indexed) {
        if (ref.keys.contains(change.key())) mine.add(change);
      }
    }
    Map<String, List<Change>> filtered = new HashMap<>(byId);
    filtered.put(ref.indexedCollection, mine);
    return filtered;
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
