/**
 * Live queries: results kept equal to a fresh query after every commit, told to subscribers with
 * their delta ({@link dev.eventsourced.db.live.LiveQuery}, {@link dev.eventsourced.db.live.Delta},
 * {@link dev.eventsourced.db.live.Effect}).
 */
package dev.eventsourced.db.live;
