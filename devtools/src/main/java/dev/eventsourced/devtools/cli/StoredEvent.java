package dev.eventsourced.devtools.cli;

import java.util.List;

/**
 * One row of the file's {@code _events} log, as stored (see docs/architecture.md, "Storage").
 *
 * @param localSeq the position in this file's log
 * @param eventId the event id, in canonical UUID form when it is a UUID
 * @param collectionId the collection
 * @param type {@code insert}, {@code update} or {@code delete}
 * @param key the row's key in canonical text
 * @param payload the JSON text of the payload
 * @param fields for an update, the components it changed; empty when it names none
 * @param timestamp epoch milliseconds
 * @param origin {@code local} or {@code remote}
 * @param globalSeq the server's order, or {@code null}
 * @param status {@code pending}, {@code synced} or {@code rejected}
 * @param schemaVersion the collection's schema version the payload was written with
 * @param clientId the writing client, or {@code null} (a local event: this file's client)
 * @param error why the event was set aside, or {@code null}
 */
record StoredEvent(
    long localSeq,
    String eventId,
    String collectionId,
    String type,
    String key,
    String payload,
    List<String> fields,
    long timestamp,
    String origin,
    Long globalSeq,
    String status,
    int schemaVersion,
    String clientId,
    String error) {}
