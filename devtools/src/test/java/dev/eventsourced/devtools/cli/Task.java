package dev.eventsourced.devtools.cli;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A collection whose table is not named after it, with a UUID key. */
@Collection(value = "tasks", table = "task_rows")
public record Task(@Key UUID id, String title, Optional<Instant> due, Set<String> labels) {}
