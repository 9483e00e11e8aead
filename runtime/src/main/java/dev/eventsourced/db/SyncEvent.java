package dev.eventsourced.db;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it travels between a database and its sync backend (the wire format of DESIGN.md).
 *
 * @param eventId the event's globally unique id
 * @param collectionId the collection it changes
 * @param type insert, update or delete
 * @param key the row's key in canonical text form
 * @param numericKey whether the key travels as a JSON number
 * @param payload the row as JSON object text
 * @param fields for an update, the components it changed; empty for a whole-row change
 * @param timestamp when it was written, epoch milliseconds
 * @param clientId the writing client's id, or {@code null} when unknown
 * @param schemaVersion the collection's schema version of the writer, or {@code null}
 * @param globalSeq the backend's order; {@code null} on push
 */
public record SyncEvent(
    UUID eventId,
    String collectionId,
    EventType type,
    String key,
    boolean numericKey,
    String payload,
    List<String> fields,
    long timestamp,
    String clientId,
    Integer schemaVersion,
    Long globalSeq) {

  public SyncEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
