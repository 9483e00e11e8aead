package dev.eventsourced.server;

import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.protocol.SyncJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pull page's JSON, produced while it is read: the same bytes as {@link SyncJson#writePullPage},
 * written a chunk of events at a time (about {@value #CHUNK_BYTES} bytes of payload), so that a
 * pull holds its page's events and one chunk, never the whole body as well.
 *
 * <p>Each chunk is written by {@link SyncJson#writePullPage} itself, as a page of those events, and
 * the events are cut out of it: {@code {"events":[} before them, {@code ],"cursor":...} after. So
 * the wire format has one writer.
 */
final class PageStream extends InputStream {

  static final int CHUNK_BYTES = 64 * 1024;

  private static final byte[] PREFIX = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);

  /** The tail of a chunk page, {@code ],"cursor":"0","hasMore":false}}, which is cut off. */
  private static final int CHUNK_SUFFIX =
      SyncJson.writePullPage(new PullResult(List.of(), 0, false)).length - PREFIX.length;

  private final PullResult page;
  private int next; // index of the next event to write
  private byte[] buffer;
  private int position;
  private boolean finished;

  PageStream(PullResult page) {
    this.page = page;
    this.buffer = PREFIX;
  }

  /** The events of one page, as the comma-separated members of its {@code events} array. */
  static byte[] eventsJson(List<SyncEvent> events) {
    byte[] chunk = SyncJson.writePullPage(new PullResult(events, 0, false));
    return Arrays.copyOfRange(chunk, PREFIX.length, chunk.length - CHUNK_SUFFIX);
  }

  /** Fills the buffer with the next part; false at the end. */
  private boolean refill() {
    if (finished) {
      return false;
    }
    List<SyncEvent> events = page.events();
    if (next < events.size()) {
      List<SyncEvent> chunk = new ArrayList<>();
      long bytes = 0;
      while (next < events.size() && (chunk.isEmpty() || bytes < CHUNK_BYTES)) {
        SyncEvent event = events.get(next++);
        chunk.add(event);
        bytes += event.payload().length() + 200;
      }
      byte[] json = eventsJson(chunk);
      if (next - chunk.size() > 0) {
        buffer = new byte[json.length + 1];
        buffer[0] = ',';
        System.arraycopy(json, 0, buffer, 1, json.length);
      } else {
        buffer = json;
      }
    } else {
      PullResult end = new PullResult(List.of(), page.cursor(), page.hasMore());
      if (page.head() != null) {
        end = end.withHead(page.head());
      }
      byte[] tail = SyncJson.writePullPage(end);
      buffer = Arrays.copyOfRange(tail, PREFIX.length, tail.length);
      finished = true;
    }
    position = 0;
    return true;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    while (position >= buffer.length) {
      if (!refill()) {
        return -1;
      }
    }
    int count = Math.min(length, buffer.length - position);
    System.arraycopy(buffer, position, target, offset, count);
    position += count;
    return count;
  }

  @Override
  public void close() {
    buffer = new byte[0];
    position = 0;
    finished = true;
  }
}
