package dev.eventsourced.protocol;

import java.util.List;

/**
 * A push body as {@link SyncJson#readPushRequest} read it: valid events, and each event's id
 * exactly as the client wrote it, so that confirmations can echo it.
 *
 * @param events the events, in the order sent
 * @param eventIdsAsSent {@code eventIdsAsSent.get(i)} is the text of {@code
 *     events.get(i).eventId()} as sent (a client may write a UUID in upper case)
 */
public record PushRequest(List<SyncEvent> events, List<String> eventIdsAsSent) {
  public PushRequest {
    events = List.copyOf(events);
    eventIdsAsSent = List.copyOf(eventIdsAsSent);
    if (events.size() != eventIdsAsSent.size()) {
      throw new IllegalArgumentException(
          events.size() + " events but " + eventIdsAsSent.size() + " ids");
    }
  }
}
