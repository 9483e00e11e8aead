package dev.eventsourced.devtools.cli;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A local-only collection: its events are logged synced, without a global sequence number. */
@Collection(value = "memos", sync = false)
public record Memo(@Key int id, String text) {}
