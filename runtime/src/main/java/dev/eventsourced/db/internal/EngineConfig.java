package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.sync.SyncTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The validated, frozen configuration of an open database.
 *
 * @param path the SQLite file, or {@code null} for an in-memory database
 * @param collections the collections whose tables are created when the database opens
 * @param busyTimeoutMillis how long a write waits for another process's lock
 * @param synchronous the SQLite {@code synchronous} pragma value (NORMAL or FULL)
 * @param readers the maximum number of pooled read connections (file databases)
 * @param clock the source of event timestamps
 * @param resolvers custom conflict resolution by collection id
 * @param transport the sync transport, or {@code null} when the database does not sync
 * @param pullLimit the page size asked for on pull
 * @param externalChangePollMillis how often live queries check for commits by other connections to
 *     the file (0: never)
 * @param rebuildListener told how rebuilds of collection tables from the log progress
 * @param autoSync the settings of automatic sync (used when {@code transport} is set)
 */
public record EngineConfig(
    Path path,
    List<CollectionDefinition<?, ?>> collections,
    int busyTimeoutMillis,
    String synchronous,
    int readers,
    Clock clock,
    Map<String, ConflictResolver<?>> resolvers,
    SyncTransport transport,
    int pullLimit,
    long externalChangePollMillis,
    Consumer<RebuildProgress> rebuildListener,
    AutoSyncConfig autoSync) {}
