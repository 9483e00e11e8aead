package dev.eventsourced.it;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;

/** The todo of the sync story. */
@Collection("tasks")
@Index({"done", "createdAt"})
public record Task(@Key String id, String title, boolean done, long createdAt, Integer priority) {}
