package dev.eventsourced.db.internal.live;

import java.time.Instant;
import java.util.Set;

/**
 * An open live query as a tool shows it.
 *
 * @param description the query, in words (its SQL or its collection and conditions)
 * @param collections the collections it reads
 * @param subscribers how many subscribers it has now
 * @param rows how many rows its current result has
 * @param lastUpdate when its result last changed (or was first loaded), or {@code null} when it is
 *     empty and never changed
 */
public record OpenLiveQuery(
    String description, Set<String> collections, int subscribers, int rows, Instant lastUpdate) {}
