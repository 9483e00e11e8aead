package dev.eventsourced.server;

import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncJson;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty sends outside the routes (a request line or header it cannot parse, a
 * URI or headers over the size limit, a body read that timed out) as {@code {"error","details"}}
 * JSON like every other error of the server, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int code = response.getStatus();
    String message = (String) request.getAttribute(ERROR_MESSAGE);
    Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
    if (cause instanceof HttpException) {
      code = ((HttpException) cause).getCode();
      response.setStatus(code);
      if (message == null) {
        message = ((HttpException) cause).getReason();
      }
    }
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    if (HttpStatus.hasNoBody(code) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    byte[] body = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, SyncHttpResponse.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** {@code {"error": the status's reason in lower case, "details": [what and how to fix it]}}. */
  static byte[] body(int code, String message) {
    String reason = HttpStatus.getMessage(code);
    String error = reason == null ? "error " + code : reason.toLowerCase(Locale.ROOT);
    String said = message == null || message.isBlank() || message.equals(reason) ? "" : message;
    String detail =
        switch (code) {
          case 400 ->
              "the request is not valid HTTP/1.1"
                  + (said.isEmpty() ? "" : " (" + said + ")")
                  + "; check the request line, Content-Length and the headers";
          case 408 ->
              said.isEmpty() ? "the request was not received in time; send it again, faster" : said;
          case 413 ->
              "the request is larger than the server accepts"
                  + (said.isEmpty() ? "" : " (" + said + ")")
                  + "; push fewer or smaller events per request";
          case 414 ->
              "the request URI is longer than the server accepts; send fewer or shorter query"
                  + " parameters";
          case 431 ->
              "the request headers are larger than the server accepts; send fewer or smaller"
                  + " headers";
          case 505 -> "only HTTP/1.0 and HTTP/1.1 are served";
          default -> said.isEmpty() ? "the request failed with status " + code : said;
        };
    return SyncJson.writeError(error, List.of(Rejection.ofRequest("request", detail)));
  }
}
