package dev.eventsourced.processor.model;

/**
 * An {@code @Upcast} method of the record.
 *
 * @param fromVersion the schema version of the payloads it rewrites
 * @param method the name of the static method
 */
public record UpcastModel(int fromVersion, String method) {}
