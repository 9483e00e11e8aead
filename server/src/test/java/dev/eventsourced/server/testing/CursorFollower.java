package dev.eventsourced.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A client that follows cursors the way a device does, long-polling while the log is quiet, and
 * records every globalSeq it sees. It flags a gap the moment it sees seq N+2 right after N.
 */
public final class CursorFollower implements Callable<CursorFollower> {

  private final Http http;
  private final int limit;
  private final BooleanSupplier writersDone;
  private final List<Long> seen = new ArrayList<>();
  private final List<String> eventIds = new ArrayList<>();
  private final List<String> gaps = new ArrayList<>();
  private long cursor;
  private int pulls;

  /** Follows until {@code writersDone} is true and a pull after that returned nothing new. */
  public CursorFollower(Http http, int limit, BooleanSupplier writersDone) {
    this.http = http;
    this.limit = limit;
    this.writersDone = writersDone;
  }

  @Override
  public CursorFollower call() {
    while (true) {
      boolean finalRound = writersDone.getAsBoolean();
      Http.Response response =
          http.pull("since=" + cursor + "&limit=" + limit + (finalRound ? "" : "&wait=1"));
      if (response.status() != 200) {
        throw new AssertionError("pull since " + cursor + " failed: " + response);
      }
      pulls++;
      JsonNode page = response.json();
      for (JsonNode event : page.get("events")) {
        long seq = event.get("globalSeq").asLong();
        long expected = seen.isEmpty() ? cursor + 1 : seen.get(seen.size() - 1) + 1;
        if (seq != expected) {
          gaps.add("expected " + expected + " but saw " + seq + " (page since " + cursor + ")");
        }
        seen.add(seq);
        eventIds.add(event.get("eventId").asText());
      }
      long next = Long.parseLong(page.get("cursor").asText());
      boolean progressed = next != cursor;
      cursor = next;
      if (finalRound && !progressed && !page.get("hasMore").asBoolean()) {
        return this;
      }
    }
  }

  /** Every globalSeq seen, in the order seen. */
  public List<Long> seen() {
    return seen;
  }

  /** The eventIds seen, in the same order as {@link #seen()}. */
  public List<String> eventIds() {
    return eventIds;
  }

  /** Descriptions of every gap noticed while following. */
  public List<String> gaps() {
    return gaps;
  }

  public int pulls() {
    return pulls;
  }
}
