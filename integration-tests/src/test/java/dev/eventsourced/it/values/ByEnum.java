package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.util.List;

/** An enum key. */
@Collection("by_enum")
public record ByEnum(@Key AllTypes.Kind id, String text, List<String> texts) {}
