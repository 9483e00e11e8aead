package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.util.List;

/** A boxed {@code Long} key. */
@Collection("by_long")
public record ByLong(@Key Long id, String text, List<String> texts) {}
