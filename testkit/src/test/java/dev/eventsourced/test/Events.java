package dev.eventsourced.test;

import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Wire events for tests that call a transport directly. */
final class Events {

  private Events() {}

  static SyncEvent insert(String key) {
    return new SyncEvent(
        UUID.randomUUID(),
        "notes",
        EventType.INSERT,
        key,
        false,
        "{\"id\":\"" + key + "\",\"title\":\"t\"}",
        List.of(),
        1_700_000_000_000L,
        "client-1",
        1,
        null);
  }

  static SyncEvent update(String key, String title) {
    return new SyncEvent(
        UUID.randomUUID(),
        "notes",
        EventType.UPDATE,
        key,
        false,
        "{\"title\":\"" + title + "\"}",
        List.of("title"),
        1_700_000_000_000L,
        "client-1",
        2,
        null);
  }

  /** Every event after {@code since}, pulled {@code limit} at a time, checking each page. */
  static List<SyncEvent> pullAll(TestTransport transport, long since, int limit) {
    List<SyncEvent> all = new ArrayList<>();
    long cursor = since;
    while (true) {
      PullResult page = transport.pull(cursor, limit);
      all.addAll(page.events());
      cursor = page.cursor();
      if (!page.hasMore()) return all;
    }
  }
}
