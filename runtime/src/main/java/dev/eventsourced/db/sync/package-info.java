/**
 * Sync with a backend: the {@link dev.eventsourced.db.sync.SyncTransport} extension point, the
 * reference protocol over HTTP ({@link dev.eventsourced.db.sync.HttpSyncTransport}) and the result
 * of a round ({@link dev.eventsourced.db.sync.SyncResult}). The wire types are those of {@code
 * dev.eventsourced.protocol}.
 */
package dev.eventsourced.db.sync;
