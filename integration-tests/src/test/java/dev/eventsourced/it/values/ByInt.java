package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.util.List;

/** An {@code int} key. */
@Collection("by_int")
public record ByInt(@Key int id, String text, List<String> texts) {}
