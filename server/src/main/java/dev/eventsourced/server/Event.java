package dev.eventsourced.server;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as a client pushes it, before the server gives it a {@code globalSeq}.
 *
 * <p>The key and the payload are kept as the JSON text the client sent, so that they come back on
 * pull byte for byte: {@code keyJson} is a JSON string literal ({@code "todo-1"}) or a JSON number
 * ({@code 42}), {@code payloadJson} a JSON object. {@link SyncService#push} checks every rule of the
 * protocol before anything is stored.
 *
 * @param eventId       the client-chosen id; an event id is stored once
 * @param collectionId  the collection the event belongs to, non-empty
 * @param type          insert, update or delete
 * @param keyJson       JSON text of the key: a non-empty string literal or a number
 * @param payloadJson   JSON text of the payload object
 * @param timestamp     client time in epoch milliseconds, positive
 * @param fields        for an update, the components it changed; {@code null} when not given
 * @param clientId      the pushing client's id; {@code null} when not given
 * @param schemaVersion the client's schema version, positive; {@code null} when not given
 */
public record Event(
        UUID eventId,
        String collectionId,
        EventType type,
        String keyJson,
        String payloadJson,
        long timestamp,
        List<String> fields,
        String clientId,
        Integer schemaVersion) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(collectionId, "collectionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keyJson, "keyJson");
        Objects.requireNonNull(payloadJson, "payloadJson");
        fields = fields == null ? null : List.copyOf(fields);
    }

    /** An event with only the required members. */
    public static Event of(UUID eventId, String collectionId, EventType type, String keyJson,
                           String payloadJson, long timestamp) {
        return new Event(eventId, collectionId, type, keyJson, payloadJson, timestamp, null, null, null);
    }
}
