package dev.eventsourced.server;

import java.util.List;

/**
 * One page of a pull.
 *
 * @param events  the events after the cursor the client sent, in {@code globalSeq} order
 * @param cursor  the {@code globalSeq} of the last event in this page, or the client's {@code since}
 *                when the page is empty; send it as {@code since} to get the next page
 * @param hasMore whether more matching events were already there when this page was read
 */
public record EventPage(List<SequencedEvent> events, long cursor, boolean hasMore) {
    public EventPage {
        events = List.copyOf(events);
    }
}
