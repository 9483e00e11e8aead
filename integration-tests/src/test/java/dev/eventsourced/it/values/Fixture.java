package dev.eventsourced.it.values;

import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.RepositoryBase;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.db.testing.Fold;
import dev.eventsourced.db.testing.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One database on a real SQLite file with the value collections, and optionally a second one that
 * pulls the first one's events through an in-memory backend. Also the checks every property shares:
 * "the state is the fold of the log" and {@code verify()}.
 */
final class Fixture implements AutoCloseable {

  static final List<CollectionDefinition<?, ?>> COLLECTIONS =
      List.of(
          AllTypesRepository.COLLECTION,
          ByStringRepository.COLLECTION,
          ByIntRepository.COLLECTION,
          ByLongRepository.COLLECTION,
          ByEnumRepository.COLLECTION,
          ByUuidRepository.COLLECTION);

  private static final AtomicInteger FILES = new AtomicInteger();

  private final Path file;
  private final MemoryBackend backend;
  private final Path replicaFile;
  private EventSourcedDb db;
  private EventSourcedDb replica;

  private Fixture(Path dir, boolean withReplica) {
    int n = FILES.incrementAndGet();
    this.file = dir.resolve("values-" + n + ".sqlite");
    this.backend = withReplica ? new MemoryBackend() : null;
    this.replicaFile = withReplica ? dir.resolve("replica-" + n + ".sqlite") : null;
    this.db = open(file);
    this.replica = withReplica ? open(replicaFile) : null;
  }

  static Fixture on(Path dir) {
    return new Fixture(dir, false);
  }

  static Fixture withReplica(Path dir) {
    return new Fixture(dir, true);
  }

  private EventSourcedDb open(Path path) {
    EventSourcedDb.Builder builder = EventSourcedDb.builder().path(path).collections(COLLECTIONS);
    if (backend != null) builder.sync(backend).autoSync(false);
    return builder.open();
  }

  EventSourcedDb db() {
    return db;
  }

  EventSourcedDb replica() {
    return replica;
  }

  /** Closes the database and opens its file again. */
  void reopen() {
    db.close();
    db = open(file);
  }

  @Override
  public void close() {
    db.close();
    if (replica != null) replica.close();
  }

  // ---- checks shared by the properties ---------------------------------------------------------

  /** {@code db.verify()} is healthy; see {@link dev.eventsourced.it.Verify}. */
  static void assertVerifyHealthy(EventSourcedDb db, String tag) {
    dev.eventsourced.it.Verify.healthy(db, tag);
  }

  /**
   * The state of {@code repository}'s collection equals the fold of the database's own log (a
   * database that never pulled: local order), compared value by value.
   */
  static <T extends Record, K> void assertStateIsFoldOfLog(
      EventSourcedDb db, RepositoryBase<T, K> repository, String tag) {
    CollectionDefinition<T, K> definition = repository.definition();
    Map<String, T> folded =
        Fold.replayLog(
            definition,
            db.eventLog().all(),
            Fold.byComponents(definition, (values, type) -> definition.newRow(values)));
    Map<String, T> stored = new TreeMap<>();
    for (T row : repository.all()) stored.put(definition.keyToString(definition.keyOf(row)), row);
    List<String> keys = new ArrayList<>(folded.keySet());
    for (String key : stored.keySet()) if (!folded.containsKey(key)) keys.add(key);
    for (String key : keys) {
      String difference = Canonical.difference(folded.get(key), stored.get(key));
      if (difference != null) {
        throw new AssertionError(
            tag
                + " key "
                + Canonical.show(key)
                + " state differs from the fold of the log at "
                + difference);
      }
    }
  }

  /** Decodes an event's payload with the generated codec. */
  static <T extends Record> T decode(CollectionDefinition<T, ?> definition, Event event)
      throws Exception {
    try (JsonParser json = JsonValues.FACTORY.createParser(event.payload())) {
      json.nextToken();
      return definition.readPayload(json);
    }
  }

  /**
   * Whether {@code failure} is the runtime's {@code InvalidValueException} (or a subclass). By
   * name, so that this compiles before the class lands; then it becomes an {@code instanceof}.
   */
  static boolean isInvalidValue(Throwable failure) {
    return failure instanceof dev.eventsourced.db.exception.InvalidValueException;
  }
}
