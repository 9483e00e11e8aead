package dev.eventsourced.server;

import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import java.util.List;

/**
 * The facts {@link SyncHttpHandler} notes on a request ({@link SyncHttpRequest#attribute}) for the
 * request log and the metrics, which only see HTTP: what the request was, how many events it
 * carried, who sent it.
 */
final class RequestFacts {

  static final String OPERATION = "eventsourced.operation";
  static final String EVENTS = "eventsourced.events";
  static final String SUBJECT = "eventsourced.subject";
  static final String CLIENT = "eventsourced.client";

  private RequestFacts() {}

  /** The authenticated client, when the authenticator knows who it is. */
  static void subject(SyncHttpRequest request, Access access) {
    if (access.subject() != null) {
      request.attribute(SUBJECT, access.subject());
    }
  }

  /** A parsed push: its size and the first {@code clientId} in it. */
  static void pushed(SyncHttpRequest request, List<SyncEvent> events) {
    request.attribute(OPERATION, "push");
    request.attribute(EVENTS, events.size());
    for (SyncEvent event : events) {
      if (event.clientId() != null) {
        request.attribute(CLIENT, event.clientId());
        break;
      }
    }
  }

  /** A pull page about to be sent; returns {@code body}. */
  static PullResult pulled(SyncHttpRequest request, PullResult page) {
    request.attribute(OPERATION, "pull");
    request.attribute(EVENTS, page.events().size());
    return page;
  }
}
