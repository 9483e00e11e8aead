package dev.eventsourced.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SyncHttpHandler} answers: a status, a JSON body and extra headers to send as they
 * are.
 *
 * @param status the HTTP status code
 * @param body the UTF-8 JSON body
 * @param headers extra headers, e.g. {@code WWW-Authenticate} on a 401
 */
public record SyncHttpResponse(int status, byte[] body, Map<String, String> headers) {

  /** The content type of every response body. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  public SyncHttpResponse {
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SyncHttpResponse[" + status + " " + bodyText() + "]";
  }
}
