package dev.eventsourced.test.app;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.util.List;

/** A note an app syncs between a user's devices; updates merge field by field. */
@Collection("notes")
public record Note(
    @Key String id, String title, String body, boolean pinned, List<String> tags, long updatedAt) {}
