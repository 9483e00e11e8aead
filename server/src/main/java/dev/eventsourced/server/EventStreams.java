package dev.eventsourced.server;

import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.SyncEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events on the pull endpoint ({@code Accept: text/event-stream}): each stream follows
 * the log from its start with long-polls of the {@link SyncService} (so it holds no thread while it
 * waits, and is woken only by commits of its collections), and writes each event as {@code id:
 * <globalSeq>} and {@code data: <the event's JSON, as in a pull page>}, with a comment line as a
 * heartbeat when nothing came for a while. Writes run on a few threads of their own.
 */
final class EventStreams implements AutoCloseable {

  /**
   * Where a stream starts and what it filters on; filled by {@link SyncHttpHandler#checkStream}.
   */
  static final class Start {
    long since;
    Set<String> collections = Set.of();
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
  private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

  private final SyncService service;
  private final Duration heartbeat;
  private final ExecutorService writers;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  EventStreams(SyncService service, Duration heartbeat) {
    this.service = service;
    this.heartbeat = heartbeat;
    AtomicInteger count = new AtomicInteger();
    this.writers =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "eventsourced-sse-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Streams the events after {@code start.since} to {@code out} until the client goes away, the
   * service closes or this closes; the future completes then.
   */
  CompletableFuture<Void> open(Start start, OutputStream out) {
    Stream stream = new Stream(start, out);
    open.add(stream);
    stream.write(
        ("retry: 1000\n: events after " + start.since + "\n\n").getBytes(StandardCharsets.UTF_8));
    return stream.done;
  }

  /** Streams open now. */
  int openStreams() {
    return open.size();
  }

  /** Ends every stream (their responses end cleanly) and stops the writer threads. */
  @Override
  public void close() {
    closed = true;
    for (Stream stream : open) {
      stream.finish();
    }
    writers.shutdown();
  }

  private final class Stream {
    final Set<String> collections;
    final OutputStream out;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    long cursor;

    Stream(Start start, OutputStream out) {
      this.cursor = start.since;
      this.collections = start.collections;
      this.out = out;
    }

    /** Writes the opening lines, then waits for events. */
    void write(byte[] opening) {
      execute(
          () -> {
            if (send(opening)) {
              next();
            }
          });
    }

    void next() {
      if (closed || service.isClosed() || done.isDone()) {
        finish();
        return;
      }
      service
          .pull(cursor, SyncService.MAX_LIMIT, collections, heartbeat)
          .whenComplete((page, error) -> execute(() -> deliver(page, error)));
    }

    void deliver(PullResult page, Throwable error) {
      if (error != null || done.isDone()) {
        finish();
        return;
      }
      if (page.events().isEmpty()) {
        if (!send(HEARTBEAT)) {
          return;
        }
      } else {
        for (SyncEvent event : page.events()) {
          byte[] json = PageStream.eventsJson(List.of(event));
          byte[] id = ("id: " + event.globalSeq() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
          byte[] frame = new byte[id.length + json.length + 2];
          System.arraycopy(id, 0, frame, 0, id.length);
          System.arraycopy(json, 0, frame, id.length, json.length);
          frame[frame.length - 2] = '\n';
          frame[frame.length - 1] = '\n';
          if (!write(frame, false)) {
            return;
          }
        }
        if (!send(new byte[0])) {
          return;
        }
        cursor = page.cursor();
      }
      next();
    }

    /** Writes and flushes; false (and the stream ended) when the client is gone. */
    boolean send(byte[] bytes) {
      return write(bytes, true);
    }

    boolean write(byte[] bytes, boolean flush) {
      try {
        out.write(bytes);
        if (flush) {
          out.flush();
        }
        return true;
      } catch (IOException | RuntimeException gone) {
        finish();
        return false;
      }
    }

    void finish() {
      open.remove(this);
      done.complete(null);
    }

    void execute(Runnable task) {
      try {
        writers.execute(
            () -> {
              try {
                task.run();
              } catch (RuntimeException | Error e) {
                LOG.error("A server-sent-events stream failed; it is closed", e);
                finish();
              }
            });
      } catch (RejectedExecutionException closing) {
        finish();
      }
    }
  }
}
