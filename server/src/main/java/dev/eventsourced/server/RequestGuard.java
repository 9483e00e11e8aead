package dev.eventsourced.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads request bodies before the routes see them, without a thread: the body is taken from Jetty
 * as it arrives (demand and read callbacks) and buffered, and the request is handed on only once it
 * is complete. A client that sends slowly therefore holds a connection and its buffered bytes, not
 * one of the server's threads, and is cut off with {@code 408} when its body takes longer than the
 * request timeout or, after its first {@value #GRACE_SECONDS} seconds, arrives more slowly than the
 * minimum rate.
 *
 * <p>A body declared larger than the limit is handed on unread (the route answers 413, reading or
 * not as it decides); one that turns out larger is handed on with what was buffered followed by the
 * rest of the stream.
 */
final class RequestGuard extends Handler.Wrapper {

  static final long GRACE_SECONDS = 2;

  private final long maxBodyBytes;
  private final long timeoutNanos;
  private final long minBytesPerSecond;
  private final long maxBufferedBytes;
  private final AtomicLong buffered = new AtomicLong();

  /**
   * @param maxBufferedBytes bytes of bodies held at once, over all requests; a request that would
   *     pass it gets 503 with {@code Retry-After}, so that many clients sending large bodies at
   *     once cannot exhaust the heap
   */
  RequestGuard(long maxBodyBytes, Duration timeout, long minBytesPerSecond, long maxBufferedBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutNanos = timeout.toNanos();
    this.minBytesPerSecond = minBytesPerSecond;
    this.maxBufferedBytes = maxBufferedBytes;
  }

  /** The default bound of buffered bodies: a quarter of the heap, and at least 4 bodies. */
  static long defaultMaxBufferedBytes(long maxBodyBytes) {
    return Math.max(4 * maxBodyBytes, Runtime.getRuntime().maxMemory() / 4);
  }

  /** Bytes of request bodies buffered right now. */
  long bufferedBytes() {
    return buffered.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long length = request.getLength();
    boolean hasBody =
        length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    if (!hasBody || length > maxBodyBytes) {
      return super.handle(request, response, callback);
    }
    BodyReader reader = new BodyReader(request, response, callback);
    if (length > 0 && !reader.reserve(length)) {
      reader.busy();
      return true;
    }
    reader.start();
    return true;
  }

  private final class BodyReader implements Runnable {
    final Request request;
    final Response response;
    final Callback callback;
    final Deque<Content.Chunk> chunks = new ArrayDeque<>();
    final AtomicBoolean settled = new AtomicBoolean();
    final long started = NanoTime.now();
    volatile long received;
    long reserved;
    Scheduler.Task check;

    BodyReader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = Callback.from(callback, this::release);
    }

    /** Counts {@code bytes} more as buffered, unless that passes the bound. */
    boolean reserve(long bytes) {
      long total = buffered.addAndGet(bytes);
      if (total > maxBufferedBytes) {
        buffered.addAndGet(-bytes);
        return false;
      }
      synchronized (this) {
        reserved += bytes;
      }
      return true;
    }

    /** Gives back what this request reserved, once its response is done. */
    void release() {
      long bytes;
      synchronized (this) {
        bytes = reserved;
        reserved = 0;
      }
      buffered.addAndGet(-bytes);
    }

    void busy() {
      if (settle()) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        Response.writeError(
            request,
            response,
            callback,
            503,
            "the server is holding "
                + maxBufferedBytes
                + " bytes of request bodies already; retry in a second");
      }
    }

    void start() {
      scheduleCheck();
      run();
    }

    void scheduleCheck() {
      check = request.getComponents().getScheduler().schedule(this::check, 1, TimeUnit.SECONDS);
    }

    /** Reads what has arrived; asks to be called again when more arrives. */
    @Override
    public void run() {
      while (!settled.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          if (settle()) {
            Response.writeError(request, response, callback, chunk.getFailure());
          }
          return;
        }
        ByteBuffer buffer = chunk.getByteBuffer();
        int size = buffer.remaining();
        if (size > 0) {
          long beyondReserved;
          synchronized (this) {
            beyondReserved = received + size - reserved;
          }
          if (beyondReserved > 0 && !reserve(beyondReserved)) {
            chunk.release();
            busy();
            return;
          }
          byte[] copy = new byte[size];
          buffer.get(copy);
          chunks.add(Content.Chunk.from(ByteBuffer.wrap(copy), false));
          received += size;
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (received > maxBodyBytes) {
          dispatch(false);
          return;
        }
        if (last) {
          dispatch(true);
          return;
        }
      }
    }

    void check() {
      if (settled.get()) {
        return;
      }
      long elapsed = NanoTime.since(started);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(elapsed);
      String problem = null;
      if (elapsed > timeoutNanos) {
        problem =
            "the request body was not received within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms (got "
                + received
                + " bytes); send the request again";
      } else if (seconds >= GRACE_SECONDS
          && received * 1_000_000_000L / elapsed < minBytesPerSecond) {
        problem =
            "the request body arrived at "
                + received * 1_000_000_000L / elapsed
                + " bytes/s, below the minimum of "
                + minBytesPerSecond
                + " bytes/s; send the request again, faster";
      }
      if (problem == null) {
        scheduleCheck();
      } else if (settle()) {
        Response.writeError(request, response, callback, 408, problem);
      }
    }

    boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      if (check != null) {
        check.cancel();
      }
      return true;
    }

    void dispatch(boolean complete) {
      if (!settle()) {
        return;
      }
      Request buffered = new BufferedRequest(request, chunks, complete);
      Runnable handle =
          () -> {
            try {
              if (!RequestGuard.super.handle(buffered, response, callback)) {
                Response.writeError(buffered, response, callback, 404);
              }
            } catch (Throwable failure) {
              Response.writeError(buffered, response, callback, failure);
            }
          };
      // Not on this thread: it may be running Jetty's content-demand callback, and a route that
      // then reads more of the body (the rest of one over the limit) would wait for a callback
      // that cannot run until this one returns.
      try {
        request.getComponents().getThreadPool().execute(handle);
      } catch (RejectedExecutionException stopping) {
        handle.run();
      }
    }
  }

  /** The request with the buffered body, then EOF (or, over the limit, the rest of the stream). */
  private static final class BufferedRequest extends Request.Wrapper {
    private final Deque<Content.Chunk> chunks;
    private final boolean complete;

    BufferedRequest(Request request, Deque<Content.Chunk> chunks, boolean complete) {
      super(request);
      this.chunks = chunks;
      this.complete = complete;
    }

    @Override
    public Content.Chunk read() {
      synchronized (chunks) {
        Content.Chunk chunk = chunks.poll();
        if (chunk != null) {
          return chunk;
        }
      }
      return complete ? Content.Chunk.EOF : super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      boolean ready;
      synchronized (chunks) {
        ready = complete || !chunks.isEmpty();
      }
      if (ready) {
        demandCallback.run();
      } else {
        super.demand(demandCallback);
      }
    }
  }
}
