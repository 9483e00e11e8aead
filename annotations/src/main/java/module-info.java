/**
 * The annotations application code puts on records: {@code @Collection}, {@code @Key},
 * {@code @Index}, {@code @Default}, {@code @Upcast}, and {@code @EventSourcedGenerated} on
 * generated code. No dependencies. The runtime module {@code dev.eventsourced.db} requires it
 * transitively, so an app module needs only {@code requires dev.eventsourced.db;}.
 */
module dev.eventsourced.annotations {
  exports dev.eventsourced.annotations;
}
