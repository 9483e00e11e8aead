package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.event.Origin;

/**
 * A row held by a live query, with the metadata its filter may read and its precomputed sort key.
 */
record LiveRow<T>(Object key, T row, Origin origin, boolean synced, Object[] sortKey) {}
