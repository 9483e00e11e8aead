package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.SyncEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The server's global event log. Implementations give every new event the next {@code globalSeq}
 * and make appends visible strictly in {@code globalSeq} order: a reader never sees {@code N + 1}
 * before {@code N}.
 *
 * <p>Two implementations come with the server: {@link #sqlite(Path)} (one file, zero set-up, one
 * server process per file) and {@link #postgres(PostgresOptions)} (several server instances may
 * share one database). Methods throw {@link EventStoreException} when the database fails.
 */
public interface EventStore extends AutoCloseable {

  /**
   * Stores the events not stored yet, all in one transaction, and returns one confirmation per
   * given event, in the given order. An event whose id is already stored, or that repeats an id
   * earlier in the list, is not stored again and is confirmed with the {@code globalSeq} of the
   * stored one. The events must be valid ({@link SyncService#push} checks them); a {@code
   * globalSeq} they carry is ignored.
   */
  List<Confirmation> append(List<SyncEvent> events);

  /**
   * Up to {@code limit} events with {@code globalSeq > after}, in {@code globalSeq} order, each
   * with its {@code globalSeq}; only events of the given collections when {@code collections} is
   * not empty.
   */
  List<SyncEvent> read(long after, int limit, Set<String> collections);

  /**
   * Like {@link #read(long, int, Set)}, but bounded by bytes too: stops after the first event with
   * which the payloads read so far (their UTF-8 text) reach {@code maxPayloadBytes}. The first
   * event is always returned, however large. The stores that come with the server apply the bound
   * while reading, so a page never holds more than the bound plus one event; this default reads the
   * whole page and cuts it.
   */
  default List<SyncEvent> read(
      long after, int limit, Set<String> collections, long maxPayloadBytes) {
    List<SyncEvent> events = read(after, limit, collections);
    long bytes = 0;
    for (int i = 0; i < events.size(); i++) {
      bytes += payloadBytes(events.get(i).payload());
      if (bytes >= maxPayloadBytes) {
        return events.subList(0, i + 1);
      }
    }
    return events;
  }

  /** The length of {@code payload} in UTF-8, without encoding it. */
  static long payloadBytes(String payload) {
    long bytes = payload.length();
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c >= 0x80) {
        bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return bytes;
  }

  /**
   * The highest {@code globalSeq} this instance knows to be visible to readers; 0 for an empty log.
   */
  long lastSeq();

  /**
   * Calls {@code listener} with the new {@link #lastSeq()} after events are committed, by this
   * instance or (PostgreSQL) by any instance on the same database. The call happens on a store
   * thread: the listener must return quickly and not throw. A listener that is a {@link
   * CommitListener} is told the collections of the commit too, when the store knows them.
   */
  void addAppendListener(LongConsumer listener);

  /**
   * An append listener that also hears which collections a commit touched, so that it can wake only
   * the long-polls those concern. A store that does not know them calls {@link #accept(long)}.
   */
  interface CommitListener extends LongConsumer {

    /**
     * Events up to {@code lastSeq} are visible.
     *
     * @param collections the collections of the events committed since the previous call, or {@code
     *     null} when they are not known (a commit by another instance): any collection
     */
    void committed(long lastSeq, Set<String> collections);

    @Override
    default void accept(long lastSeq) {
      committed(lastSeq, null);
    }
  }

  /** Removes a listener added with {@link #addAppendListener}. */
  void removeAppendListener(LongConsumer listener);

  /** Throws {@link EventStoreException} when the store cannot serve requests right now. */
  void checkHealth();

  /**
   * Where the events live, for logs and the health endpoint, without secrets: {@code
   * sqlite:/data/events.db}.
   */
  String describe();

  /** Stops the store's threads and closes its connections. Pending appends fail. */
  @Override
  void close();

  /** Opens (creating if needed) the SQLite event store in {@code file}, in WAL mode. */
  static EventStore sqlite(Path file) {
    return SqliteEventStore.open(file);
  }

  /** Connects to PostgreSQL and creates the schema, table and indexes if they are missing. */
  static EventStore postgres(PostgresOptions options) {
    return PostgresEventStore.open(options);
  }

  /**
   * Opens a store from a location string, as given to {@code --store}: {@code sqlite:PATH}, {@code
   * postgresql://[user[:password]@]host[:port]/database[?schema=NAME&poolSize=N&...]} or {@code
   * jdbc:postgresql://...}.
   *
   * @throws ServerConfigException when the location is not one of these forms
   */
  static EventStore open(String location) {
    return StoreLocation.parse(location).open();
  }
}
