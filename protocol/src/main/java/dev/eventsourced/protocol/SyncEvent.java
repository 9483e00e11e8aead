package dev.eventsourced.protocol;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it travels between a database and its sync backend (docs/architecture.md, "The sync
 * protocol"): in a push, without {@code globalSeq}; in a pull page, with the {@code globalSeq} the
 * backend gave it. {@link EventRules} says which values are valid; {@link SyncJson} reads and
 * writes them.
 *
 * <p>On the wire the key is a JSON string or a JSON number. Here it is its text: the string itself,
 * or the number exactly as written ({@code 42}, {@code 1.50}, {@code 6.02e23}), with {@code
 * numericKey} telling which. The payload is the JSON text of an object, kept as it was read.
 *
 * @param eventId the event's globally unique id
 * @param collectionId the collection it changes
 * @param type insert, update or delete
 * @param key the row's key as text (see above)
 * @param numericKey whether the key travels as a JSON number
 * @param payload the row, or the changed members of it, as the JSON text of an object
 * @param fields for an update, the components it changed; empty when it names none (a whole-row
 *     change); never {@code null}
 * @param timestamp when it was written, epoch milliseconds
 * @param clientId the writing client's id, or {@code null} when not given
 * @param schemaVersion the writer's schema version of the collection, or {@code null} when not
 *     given
 * @param globalSeq the backend's position of the event in its one global order; {@code null} in a
 *     push (a backend assigns it and ignores any value sent)
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

  /** This event with the given {@code globalSeq}, as a backend returns it on pull. */
  public SyncEvent withGlobalSeq(long globalSeq) {
    return new SyncEvent(
        eventId,
        collectionId,
        type,
        key,
        numericKey,
        payload,
        fields,
        timestamp,
        clientId,
        schemaVersion,
        globalSeq);
  }

  /**
   * This event with {@code key} as its key text (e.g. a receiver's canonical form of the same key).
   */
  public SyncEvent withKey(String key) {
    return new SyncEvent(
        eventId,
        collectionId,
        type,
        key,
        numericKey,
        payload,
        fields,
        timestamp,
        clientId,
        schemaVersion,
        globalSeq);
  }
}
