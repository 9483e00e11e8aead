package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.util.List;
import java.util.UUID;

/** A {@code UUID} key. */
@Collection("by_uuid")
public record ByUuid(@Key UUID id, String text, List<String> texts) {}
