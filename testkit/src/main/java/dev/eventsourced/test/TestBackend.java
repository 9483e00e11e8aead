package dev.eventsourced.test;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventRules;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An in-memory sync backend for tests, with a simulated network between it and each device that
 * loses, duplicates, delays and reorders deliveries, and restarts the backend, all drawn from one
 * seed.
 *
 * <pre>{@code
 * TestBackend backend = new TestBackend(42);            // or injected by EventSourcedExtension
 * EventSourcedDb phone = backend.open("phone", b -> b.collections(TodoRepository.COLLECTION));
 * EventSourcedDb laptop = backend.open("laptop", b -> b.collections(TodoRepository.COLLECTION));
 * backend.faults(Faults.builder().lostResponses(0.2).reorders(0.2).build());
 * ... write on both, phone.sync(), laptop.sync(), ...
 * backend.settle();                                     // heal the network, sync until quiet
 * backend.assertConverged();                            // every device holds the backend's log
 * }</pre>
 *
 * <p>The backend keeps the protocol's contract (docs/architecture.md, "The sync protocol", and
 * {@link dev.eventsourced.db.sync.SyncTransport}): it checks every push with {@link
 * EventRules#validatePush} and refuses an invalid batch whole; it gives every event id one global
 * sequence number, the same however often the event is pushed; a pull returns the events after the
 * cursor in global order, never skipping one. It stores the optional members {@code fields}, {@code
 * clientId} and {@code schemaVersion} as pushed, unless told to {@linkplain #dropOptionalMembers()
 * drop them} like a minimal server.
 *
 * <p><b>Determinism.</b> Every random choice (which {@link Fault} strikes a call, its latency)
 * comes from one {@link Random} seeded with {@link #seed()}, drawn in the order the calls arrive;
 * latency advances the {@link #clock()} instead of sleeping. When the test drives its devices from
 * one thread (each {@code db.sync()} returns before the next starts), the same seed gives the same
 * run: the same faults on the same calls, the same backend log. {@link #random()} is a second
 * source from the same seed for the test's own choices.
 *
 * <p>Thread-safe: calls are handled one at a time. Closing the backend closes every database opened
 * with {@link #open} and deletes their files.
 */
public final class TestBackend implements AutoCloseable {

  /** The system property {@link EventSourcedExtension} reads the seed from. */
  public static final String SEED_PROPERTY = "eventsourced.seed";

  private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_PULL_LIMIT = 1000;
  private static final int FAULT_LOG_LIMIT = 10_000;

  private final long seed;
  private final TestClock clock;
  private final Random network;
  private final Random random;

  private final List<SyncEvent> log = new ArrayList<>();
  private final Map<UUID, Long> seqById = new HashMap<>();
  private final Map<String, TestTransport> transports = new LinkedHashMap<>();
  private final List<Held> held = new ArrayList<>();
  private final List<String> faultLog = new ArrayList<>();
  private Faults faults = Faults.none();
  private boolean dropOptionalMembers;
  private Predicate<SyncEvent> rejecting = event -> false;
  private int maxPage = MAX_PULL_LIMIT;
  private long calls;
  private long injected;
  private int restarts;

  private final Map<String, EventSourcedDb> devices = new LinkedHashMap<>();
  private final Map<EventSourcedDb, String> deviceNames = new IdentityHashMap<>();
  private Path directory;
  private boolean closed;

  /** A backend whose randomness comes from {@code seed}, with a new {@link TestClock}. */
  public TestBackend(long seed) {
    this(seed, new TestClock());
  }

  /**
   * A backend whose randomness comes from {@code seed} and whose latency advances {@code clock}.
   */
  public TestBackend(long seed, TestClock clock) {
    this.seed = seed;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.network = new Random(seed);
    this.random = new Random(seed ^ 0x5DEECE66DL * 31);
  }

  /** The seed every random choice of this backend comes from. */
  public long seed() {
    return seed;
  }

  /** The clock latency advances, and that {@link #open} gives each database. */
  public TestClock clock() {
    return clock;
  }

  /**
   * A random source for the test's own choices (which device writes what), seeded from {@link
   * #seed()} but separate from the network's, so that the test's draws do not shift the faults. Not
   * thread-safe in the sense of determinism: draw from one thread.
   */
  public Random random() {
    return random;
  }

  // ---------------------------------------------------------------- configuration

  /** Makes every later call suffer faults and latency as {@code faults} says. */
  public synchronized TestBackend faults(Faults faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
    return this;
  }

  /** The faults calls suffer now. */
  public synchronized Faults faults() {
    return faults;
  }

  /**
   * Stores only the protocol's core members of each pushed event, as a minimal server does: {@code
   * fields}, {@code clientId} and {@code schemaVersion} are dropped, and pulls return the events
   * without them. Devices must then fold the backend's copy (invariant 4).
   */
  public synchronized TestBackend dropOptionalMembers() {
    this.dropOptionalMembers = true;
    return this;
  }

  /**
   * Refuses, as invalid, every push holding an event that matches {@code predicate}: the answer
   * names the event's index, and nothing of the batch is stored. For testing how an app shows
   * rejected events.
   */
  public synchronized TestBackend rejecting(Predicate<SyncEvent> predicate) {
    this.rejecting = Objects.requireNonNull(predicate, "predicate");
    return this;
  }

  /**
   * Answers pulls with at most {@code maxPage} events (1..1000) whatever the device asks for, so
   * that a small log is still pulled in several pages.
   */
  public synchronized TestBackend maxPage(int maxPage) {
    if (maxPage < 1 || maxPage > MAX_PULL_LIMIT) {
      throw new IllegalArgumentException("maxPage must be 1..1000, got " + maxPage);
    }
    this.maxPage = maxPage;
    return this;
  }

  // ---------------------------------------------------------------- devices and network

  /**
   * The link of the device named {@code device} to this backend, the same object for the same name.
   * Pass it to {@code EventSourcedDb.builder().sync(...)}, or let {@link #open} do so.
   *
   * @param device letters, digits, {@code .}, {@code _} or {@code -}, used in file names and
   *     messages
   */
  public synchronized TestTransport transport(String device) {
    checkName(device);
    return transports.computeIfAbsent(device, name -> new TestTransport(this, name));
  }

  /** Takes {@code device} off the network or back on; see {@link TestTransport#offline}. */
  public TestBackend offline(String device, boolean offline) {
    transport(device).offline(offline);
    return this;
  }

  /**
   * Ends every fault: all devices back online, scheduled faults dropped, {@link Faults#none()} from
   * now on, and the pushes held for reordering delivered.
   */
  public synchronized TestBackend heal() {
    transports.values().forEach(TestTransport::heal);
    faults = Faults.none();
    deliverHeld();
    note("heal: every device online, no more faults");
    return this;
  }

  /**
   * Restarts the backend now: nothing stored is lost, and pushes held in the network stay there.
   * Calls are handled one at a time, so a restart asked for here falls between two calls; {@link
   * Fault#RESTART} is the restart that fails the call in flight.
   */
  public synchronized TestBackend restart() {
    restarts++;
    note("restart #" + restarts + " (asked by the test)");
    return this;
  }

  /** How many times the backend restarted, by {@link #restart()} or by {@link Fault#RESTART}. */
  public synchronized int restarts() {
    return restarts;
  }

  /** Delivers now every push held for reordering, in the order they were sent. */
  public synchronized TestBackend deliverHeld() {
    releaseHeld(null);
    return this;
  }

  /** How many pushes are held in the network for reordering. */
  public synchronized int heldCount() {
    return held.size();
  }

  /** How many pushes and pulls reached the network so far (offline calls included). */
  public synchronized long calls() {
    return calls;
  }

  /**
   * What the network did, one line per fault, offline call, late delivery, restart and heal, in
   * order, e.g. {@code #12 phone push 3 events: LOST_RESPONSE (stored, answer lost)}. The same seed
   * gives the same lines when the test drives devices from one thread.
   */
  public synchronized List<String> faultLog() {
    return List.copyOf(faultLog);
  }

  // ---------------------------------------------------------------- the log

  /** Every event stored, in global order, each with its {@code globalSeq}. */
  public synchronized List<SyncEvent> log() {
    return List.copyOf(log);
  }

  /** How many events are stored; also the last global sequence number. */
  public synchronized int size() {
    return log.size();
  }

  // ---------------------------------------------------------------- databases

  /**
   * Opens the device {@code name}: see {@link #open(String, Consumer)}, with no further settings.
   */
  public EventSourcedDb open(String name) {
    return open(name, builder -> {});
  }

  /**
   * Opens a database for the device {@code name} in a file of this backend's temporary directory,
   * syncing through {@link #transport(String) transport(name)} and stamping events with {@link
   * #clock()}; {@code settings} may change any setting (collections, resolvers, pull limit...).
   * Automatic sync is off, so that the test decides when each device syncs and a seed replays the
   * same run; {@code b -> b.autoSync(true)} turns it on to test auto-sync flows (then the devices
   * call the backend from their own threads, {@link TestTransport#poll long-polls} included, and
   * the order of the calls is up to the scheduler). The database is closed with the backend (or
   * after the test, with {@link EventSourcedExtension}). Closing it and opening the same name again
   * reopens the same file, as an app restart does.
   *
   * @throws IllegalStateException when the device is open already
   */
  public EventSourcedDb open(String name, Consumer<EventSourcedDb.Builder> settings) {
    Objects.requireNonNull(settings, "settings");
    Path file;
    TestTransport transport;
    synchronized (this) {
      checkOpen();
      transport = transport(name);
      EventSourcedDb previous = devices.get(name);
      if (previous != null && !previous.isClosed()) {
        throw new IllegalStateException(
            "device " + name + " is open already; close it before opening it again");
      }
      file = directory().resolve(name + ".sqlite");
    }
    EventSourcedDb.Builder builder =
        EventSourcedDb.builder().path(file).sync(transport).autoSync(false).clock(clock);
    settings.accept(builder);
    EventSourcedDb db = builder.open();
    synchronized (this) {
      devices.put(name, db);
      deviceNames.put(db, name);
    }
    return db;
  }

  /** The databases opened with {@link #open} and still open, by device name, in opening order. */
  public synchronized Map<String, EventSourcedDb> devices() {
    Map<String, EventSourcedDb> open = new LinkedHashMap<>();
    devices.forEach(
        (name, db) -> {
          if (!db.isClosed()) open.put(name, db);
        });
    return open;
  }

  /** The device name of {@code db}: its name given to {@link #open}, else its file. */
  public synchronized String nameOf(EventSourcedDb db) {
    String name = deviceNames.get(db);
    return name != null ? name : String.valueOf(db.path() != null ? db.path() : db);
  }

  // ---------------------------------------------------------------- syncing and asserting

  /** Syncs each device once, in the order given; returns their results in that order. */
  public List<SyncResult> syncAll(EventSourcedDb... devices) {
    List<SyncResult> results = new ArrayList<>();
    for (EventSourcedDb db : chosen(devices)) results.add(db.sync());
    return results;
  }

  /**
   * {@link #heal() Heals} the network, then syncs the devices (every open device when none is
   * given), one after another, round after round, until a round in which none of them pushed,
   * pulled or met an error. Afterwards every device has pushed what it could and pulled everything.
   *
   * @throws AssertionError when they are not quiet after 10 rounds; the message names the devices,
   *     their last errors and the seed
   */
  public void settle(EventSourcedDb... devices) {
    List<EventSourcedDb> chosen = chosen(devices);
    heal();
    List<String> problems = new ArrayList<>();
    for (int round = 1; round <= 10; round++) {
      problems.clear();
      boolean quiet = true;
      for (EventSourcedDb db : chosen) {
        SyncResult result = db.sync();
        if (result.pushed() > 0 || result.pulled() > 0 || !result.ok()) quiet = false;
        for (SyncResult.SyncError error : result.errors()) {
          problems.add(nameOf(db) + ": " + error.phase() + " " + error.message());
        }
      }
      if (quiet) return;
    }
    throw new AssertionError(
        "devices still push, pull or fail after 10 sync rounds on a healed network ("
            + seedText()
            + "); last errors:\n  "
            + String.join("\n  ", problems));
  }

  /**
   * Asserts that the devices (every open device when none is given) converged with this backend:
   * each has no pending event; its log holds exactly the backend's events (the same event ids with
   * the same global sequence numbers; its rejected events and those of local-only collections
   * aside); {@link EventSourcedDb#verify()} finds its state equal to the fold of its log
   * (invariants 4 and 7); and all devices hold the same rows, column by column, in every synced
   * collection's table. Call it after {@link #settle}, or after syncing the devices yourself.
   *
   * @throws AssertionError naming each device, collection, key and column that differs, the values,
   *     and the seed to rerun with
   */
  public void assertConverged(EventSourcedDb... devices) {
    List<EventSourcedDb> chosen = chosen(devices);
    List<SyncEvent> snapshot;
    Map<EventSourcedDb, String> names = new LinkedHashMap<>();
    synchronized (this) {
      snapshot = List.copyOf(log);
      for (EventSourcedDb db : chosen) names.put(db, nameOf(db));
    }
    List<String> problems = new Convergence(snapshot, names).problems();
    if (!problems.isEmpty()) {
      throw new AssertionError(failure("devices did not converge", problems));
    }
  }

  /** {@code seed 42 (rerun with -Deventsourced.seed=42)}. */
  public String seedText() {
    return "seed " + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")";
  }

  private synchronized String failure(String headline, List<String> problems) {
    StringBuilder text = new StringBuilder(headline);
    text.append(" (").append(seedText()).append(", ").append(faultSummary()).append("):");
    int shown = Math.min(problems.size(), 40);
    for (int i = 0; i < shown; i++) text.append("\n  ").append(problems.get(i));
    if (problems.size() > shown) {
      text.append("\n  ... and ").append(problems.size() - shown).append(" more");
    }
    if (!faultLog.isEmpty()) {
      int from = Math.max(0, faultLog.size() - 10);
      text.append("\nlast of ").append(faultLog.size()).append(" lines of the fault log:");
      for (String line : faultLog.subList(from, faultLog.size())) text.append("\n  ").append(line);
    }
    return text.toString();
  }

  private String faultSummary() {
    return plural(log.size(), "event")
        + ", "
        + plural(calls, "call")
        + ", "
        + plural(injected, "fault")
        + " injected, "
        + plural(restarts, "restart")
        + (faults.isNone() ? "" : ", now " + faults);
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private List<EventSourcedDb> chosen(EventSourcedDb[] given) {
    List<EventSourcedDb> chosen =
        given.length > 0 ? List.of(given) : List.copyOf(devices().values());
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "no devices: pass the databases, or open them with backend.open(name, ...)");
    }
    for (EventSourcedDb db : chosen) {
      if (db.isClosed()) {
        throw new IllegalArgumentException("device " + nameOf(db) + " is closed");
      }
    }
    return chosen;
  }

  // ---------------------------------------------------------------- the network

  synchronized PushResult push(TestTransport link, List<SyncEvent> events) {
    long call = ++calls;
    String what = "#" + call + " " + link.device() + " push " + events.size() + " events";
    if (link.offlineNow()) {
      note(what + ": device offline");
      throw new SyncException(link.device() + " is offline (" + what + ")", null);
    }
    Fault fault = link.pollPush();
    if (fault == null && !faults.isNone()) fault = faults.pick(network.nextDouble(), true);
    if (fault != null) injected++;
    latency();
    if (fault == null) {
      PushResult result = store(events);
      releaseHeld(link.device());
      return result;
    }
    switch (fault) {
      case LOST_REQUEST:
        note(what + ": LOST_REQUEST (not stored)");
        throw lost(what, "request lost", 0);
      case LOST_RESPONSE:
        store(events);
        releaseHeld(link.device());
        note(what + ": LOST_RESPONSE (stored, answer lost)");
        throw lost(what, "response lost", 0);
      case DUPLICATE:
        store(events);
        PushResult second = store(events);
        releaseHeld(link.device());
        note(what + ": DUPLICATE (stored twice, second answer returned)");
        return second;
      case REORDER:
        held.add(new Held(link.device(), List.copyOf(events), what));
        note(what + ": REORDER (held in the network, delivered after another device's push)");
        throw lost(what, "timed out, the request is still in the network", 0);
      case RESTART:
        restarts++;
        note(what + ": RESTART #" + restarts + " (not stored)");
        throw lost(what, "backend restarted while handling the request", 503);
      default:
        throw new IllegalStateException("unknown fault " + fault);
    }
  }

  synchronized PullResult pull(TestTransport link, long since, int limit) {
    long call = ++calls;
    String what = "#" + call + " " + link.device() + " pull since " + since;
    if (link.offlineNow()) {
      note(what + ": device offline");
      throw new SyncException(link.device() + " is offline (" + what + ")", null);
    }
    if (since < 0 || limit < 1 || limit > MAX_PULL_LIMIT) {
      throw new SyncException(
          "400 Bad Request: since must be 0 or more and limit 1.."
              + MAX_PULL_LIMIT
              + ", got since "
              + since
              + ", limit "
              + limit,
          400,
          null);
    }
    Fault fault = link.pollPull();
    if (fault == null && !faults.isNone()) fault = faults.pick(network.nextDouble(), false);
    if (fault != null) injected++;
    latency();
    if (fault == null) return page(since, limit);
    switch (fault) {
      case LOST_REQUEST:
        note(what + ": LOST_REQUEST");
        throw lost(what, "request lost", 0);
      case LOST_RESPONSE:
      case REORDER:
        page(since, limit);
        note(what + ": " + fault + " (served, answer lost)");
        throw lost(what, "response lost", 0);
      case DUPLICATE:
        page(since, limit);
        note(what + ": DUPLICATE (served twice)");
        return page(since, limit);
      case RESTART:
        restarts++;
        note(what + ": RESTART #" + restarts);
        throw lost(what, "backend restarted while handling the request", 503);
      default:
        throw new IllegalStateException("unknown fault " + fault);
    }
  }

  synchronized PullResult poll(TestTransport link, long since, int limit, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (log.size() <= since && !link.offlineNow() && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(link.device() + "'s long-poll was interrupted", e);
    }
    return pull(link, since, limit);
  }

  private SyncException lost(String what, String why, int status) {
    return new SyncException(what + ": " + why + " (simulated, " + seedText() + ")", status, null);
  }

  private void latency() {
    Duration min = faults.minLatency();
    Duration max = faults.maxLatency();
    if (max.isZero()) return;
    long spread = max.toNanos() - min.toNanos();
    long nanos = min.toNanos() + (spread == 0 ? 0 : (long) (network.nextDouble() * (spread + 1)));
    clock.advance(Duration.ofNanos(nanos));
  }

  /** Applies a push as the backend's one transaction: all confirmed, or refused and none stored. */
  private PushResult store(List<SyncEvent> events) {
    List<Rejection> problems = new ArrayList<>(EventRules.validatePush(events));
    if (problems.isEmpty()) {
      for (int i = 0; i < events.size(); i++) {
        if (rejecting.test(events.get(i))) {
          problems.add(
              Rejection.atEvent(i, "payload", "refused by the test backend's rejecting()"));
        }
      }
    }
    if (!problems.isEmpty()) return PushResult.rejected(problems);
    List<Confirmation> confirmations = new ArrayList<>(events.size());
    for (SyncEvent event : events) {
      Long seq = seqById.get(event.eventId());
      if (seq == null) {
        seq = (long) log.size() + 1;
        seqById.put(event.eventId(), seq);
        log.add(stored(event, seq));
      }
      confirmations.add(new Confirmation(event.eventId(), seq));
    }
    notifyAll(); // wakes long-polls
    return PushResult.confirmed(confirmations);
  }

  private SyncEvent stored(SyncEvent event, long seq) {
    if (!dropOptionalMembers) return event.withGlobalSeq(seq);
    return new SyncEvent(
        event.eventId(),
        event.collectionId(),
        event.type(),
        event.key(),
        event.numericKey(),
        event.payload(),
        List.of(),
        event.timestamp(),
        null,
        null,
        seq);
  }

  private PullResult page(long since, int limit) {
    int from = (int) Math.min(since, log.size());
    int to = Math.min(log.size(), from + Math.min(limit, maxPage));
    List<SyncEvent> events = List.copyOf(log.subList(from, to));
    long cursor = events.isEmpty() ? since : events.get(events.size() - 1).globalSeq();
    return new PullResult(events, cursor, to < log.size());
  }

  /** Delivers the held pushes of devices other than {@code after} (all when {@code null}). */
  private void releaseHeld(String after) {
    List<Held> due = new ArrayList<>();
    held.removeIf(
        h -> {
          if (after != null && h.device().equals(after)) return false;
          due.add(h);
          return true;
        });
    for (Held h : due) {
      PushResult result = store(h.events());
      note(
          h.what()
              + ": delivered late"
              + (after != null ? " after " + after + "'s push" : "")
              + (result.rejected().isEmpty() ? "" : ", refused: " + result.rejected()));
    }
  }

  private void note(String line) {
    if (faultLog.size() < FAULT_LOG_LIMIT) faultLog.add(line);
  }

  // ---------------------------------------------------------------- files and closing

  private Path directory() {
    if (directory == null) {
      try {
        directory = Files.createTempDirectory("eventsourced-test-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the test databases", e);
      }
    }
    return directory;
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("this TestBackend is closed");
  }

  private static void checkName(String device) {
    Objects.requireNonNull(device, "device");
    if (!DEVICE_NAME.matcher(device).matches()) {
      throw new IllegalArgumentException(
          "a device name is 1..64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit, got \""
              + device
              + "\"");
    }
  }

  /** Closes every database opened with {@link #open} and deletes their files. Idempotent. */
  @Override
  public void close() {
    List<EventSourcedDb> open;
    Path dir;
    synchronized (this) {
      if (closed) return;
      closed = true;
      notifyAll(); // ends long-polls
      open = new ArrayList<>(devices.values());
      dir = directory;
    }
    RuntimeException failure = null;
    for (EventSourcedDb db : open) {
      try {
        db.close();
      } catch (RuntimeException e) {
        if (failure == null) failure = e;
        else failure.addSuppressed(e);
      }
    }
    if (dir != null) deleteTree(dir);
    if (failure != null) throw failure;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A file still in use (Windows) stays in the temporary directory; nothing to fail for.
    }
  }

  @Override
  public synchronized String toString() {
    return "TestBackend[" + seedText() + ", " + faultSummary() + "]";
  }

  /** A push held in the network for reordering. */
  private record Held(String device, List<SyncEvent> events, String what) {}
}
