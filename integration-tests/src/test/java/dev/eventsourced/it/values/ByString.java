package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.util.List;

/** A {@code String} key (the whole domain of strings, U+0000 and unpaired surrogates included). */
@Collection("by_string")
public record ByString(@Key String id, String text, List<String> texts) {}
