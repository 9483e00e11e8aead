package dev.eventsourced.db.internal;

import java.time.Duration;

/**
 * The settings of automatic sync.
 *
 * @param enabled whether the database syncs by itself
 * @param debounce how long after a local commit the push starts (commits meanwhile join it)
 * @param interval the periodic round when nothing else triggers one
 * @param longPoll how long one wait for the server's new events lasts
 * @param backoffBase the first retry delay after a failure (the cap of the first full-jitter draw)
 * @param backoffCap the longest retry delay
 */
public record AutoSyncConfig(
    boolean enabled,
    Duration debounce,
    Duration interval,
    Duration longPoll,
    Duration backoffBase,
    Duration backoffCap) {

  public static final AutoSyncConfig DEFAULT =
      new AutoSyncConfig(
          true,
          Duration.ofMillis(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(25),
          Duration.ofMillis(250),
          Duration.ofSeconds(60));
}
