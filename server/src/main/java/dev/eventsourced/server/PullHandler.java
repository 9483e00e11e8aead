package dev.eventsourced.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.InputStreamContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers pulls ({@code GET {base}}, long-polls included) on Jetty's core API, in front of the
 * servlet layer: a waiting pull holds no thread and no servlet async context, and its answer is
 * written from the thread that completes it, in one non-blocking write when the page is small. Ten
 * thousand long-polls woken by one commit are answered this way several times faster than through
 * Javalin's async completion. Server-sent-events requests and everything else go on to the routes.
 */
final class PullHandler extends Handler.Wrapper {

  /** A body up to this size goes out in one write with a {@code Content-Length}. */
  static final int SINGLE_WRITE_BYTES = 64 * 1024;

  private final String basePath;
  private final SyncHttpHandler handler;

  PullHandler(String basePath, SyncHttpHandler handler) {
    this.basePath = basePath;
    this.handler = handler;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!isPull(request)) {
      return super.handle(request, response, callback);
    }
    handler
        .pullStreamed(new CoreRequest(request))
        .whenComplete(
            (answer, error) -> {
              if (error != null) {
                callback.failed(error);
              } else {
                send(answer, response, callback);
              }
            });
    return true;
  }

  private boolean isPull(Request request) {
    if (!HttpMethod.GET.is(request.getMethod())) {
      return false;
    }
    String path = Request.getPathInContext(request);
    if (!path.equals(basePath) && !path.equals(basePath + "/")) {
      return false;
    }
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return accept == null || !accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
  }

  private static void send(
      SyncHttpHandler.StreamedResponse answer, Response response, Callback callback) {
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, SyncHttpResponse.CONTENT_TYPE);
    answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    InputStream body = answer.body();
    if (body instanceof SyncHttpHandler.PageBytes shared) {
      // the page every woken waiter of a group gets: one write of the shared bytes, no copy
      byte[] json = shared.json();
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
      response.write(true, ByteBuffer.wrap(json), callback);
      return;
    }
    try {
      byte[] first = readUpTo(body, SINGLE_WRITE_BYTES + 1);
      if (first.length <= SINGLE_WRITE_BYTES) {
        body.close();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, first.length);
        response.write(true, ByteBuffer.wrap(first), callback);
        return;
      }
      // a large page: its first part, then the rest as it is produced, chunked
      response.write(
          false,
          ByteBuffer.wrap(first),
          Callback.from(
              () -> Content.copy(new InputStreamContentSource(body), response, callback),
              failure -> {
                close(body);
                callback.failed(failure);
              }));
    } catch (IOException | RuntimeException e) {
      close(body);
      callback.failed(e);
    }
  }

  /** Reads until {@code limit} bytes or the end, whichever comes first. */
  private static byte[] readUpTo(InputStream body, int limit) throws IOException {
    int available = body.available();
    byte[] buffer = new byte[Math.min(limit, available > 0 ? available + 1 : 8 * 1024)];
    int length = 0;
    while (length < limit) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(limit, buffer.length * 2));
      }
      int read = body.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      length += read;
    }
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // a page in memory: nothing to release
    }
  }

  /** The core request as the handler reads it. */
  private record CoreRequest(Request request) implements SyncHttpRequest {
    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    public String path() {
      return Request.getPathInContext(request);
    }

    @Override
    public String header(String name) {
      return request.getHeaders().get(name);
    }

    @Override
    public String rawQuery() {
      return request.getHttpURI().getQuery();
    }

    @Override
    public InputStream body() {
      return Content.Source.asInputStream(request);
    }

    @Override
    public void attribute(String name, Object value) {
      request.setAttribute(name, value);
    }
  }
}
