package dev.eventsourced.db.event;

import dev.eventsourced.protocol.EventType;
import java.util.List;
import java.util.UUID;

/**
 * One entry of the database's global event log.
 *
 * @param localSeq the position in this database's log (local order), from 1
 * @param eventId the event's globally unique id
 * @param collectionId the collection it changes
 * @param type insert, update or delete
 * @param key the row's key in canonical text form (numbers in decimal)
 * @param payload the row as a JSON object (for a delete, the row as it was)
 * @param fields for an update, the components it changed; empty when it sets the whole row
 * @param timestamp when it was written, epoch milliseconds
 * @param origin written here ({@code LOCAL}) or pulled ({@code REMOTE})
 * @param globalSeq the server-assigned global order, or {@code null} until confirmed
 * @param syncStatus pending, synced or rejected (the events of a local-only collection are synced
 *     at once, without a {@code globalSeq})
 * @param schemaVersion the collection's schema version when it was written
 * @param error why the event is set aside: the server's reason when {@code syncStatus} is {@code
 *     REJECTED}; for a pulled event, why this version of the app could not read it (then {@code
 *     REJECTED}), or that it was written by a newer schema version than this app's (then {@code
 *     SYNCED}: applied as far as known); else {@code null}
 */
public record Event(
    long localSeq,
    UUID eventId,
    String collectionId,
    EventType type,
    String key,
    String payload,
    List<String> fields,
    long timestamp,
    Origin origin,
    Long globalSeq,
    SyncStatus syncStatus,
    int schemaVersion,
    String error) {

  public Event {
    fields = List.copyOf(fields);
  }
}
