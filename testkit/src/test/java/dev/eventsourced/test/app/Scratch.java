package dev.eventsourced.test.app;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A local-only collection: each device has its own rows, never synced. */
@Collection(value = "scratch", sync = false)
public record Scratch(@Key String id, String text) {}
