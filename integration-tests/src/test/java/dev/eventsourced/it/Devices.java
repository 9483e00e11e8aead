package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.sync.SyncTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens database files as app versions do, remembers what it opened to close it after the test, and
 * collects the rebuild reports.
 */
final class Devices implements AutoCloseable {

  private final List<EventSourcedDb> open = new ArrayList<>();
  final List<RebuildProgress> rebuilds = new CopyOnWriteArrayList<>();

  /** Opens {@code file} with the given collections, without sync. */
  EventSourcedDb open(Path file, CollectionDefinition<?, ?>... definitions) {
    return open(file, null, definitions);
  }

  /** Opens {@code file} with the given collections, syncing through {@code transport}. */
  EventSourcedDb open(
      Path file, SyncTransport transport, CollectionDefinition<?, ?>... definitions) {
    EventSourcedDb.Builder builder =
        EventSourcedDb.builder().path(file).collections(definitions).onRebuild(rebuilds::add);
    if (transport != null) builder.sync(transport).autoSync(false); // these tests sync in turns
    EventSourcedDb db = builder.open();
    open.add(db);
    return db;
  }

  /** The reports of rebuilds that completed. */
  List<RebuildProgress> completed() {
    return rebuilds.stream().filter(RebuildProgress::done).toList();
  }

  @Override
  public void close() {
    for (EventSourcedDb db : open) if (!db.isClosed()) db.close();
    open.clear();
  }
}
