package dev.eventsourced.devtools;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;

/** A card, the inspector tests' records (compiled by the project's annotation processor). */
@Collection("cards")
public record Card(@Key String id, String title, int priority, boolean done) {}
