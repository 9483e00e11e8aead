package dev.eventsourced.server;

import java.io.IOException;
import java.io.InputStream;

/**
 * The parts of an HTTP request that {@link SyncHttpHandler} and {@link Authenticator} read. Adapt
 * your framework's request to it to mount the protocol anywhere (Javalin, Spring, a plain servlet).
 */
public interface SyncHttpRequest {

  /** The method, upper case: {@code GET}, {@code POST}. */
  String method();

  /** The request path, e.g. {@code /api/events}. */
  String path();

  /** The first value of the header {@code name} (case-insensitive), or {@code null} when absent. */
  String header(String name);

  /**
   * The raw (still percent-encoded) query string without the {@code ?}, or {@code null} when there
   * is none.
   */
  String rawQuery();

  /** The request body, read once. */
  InputStream body() throws IOException;

  /**
   * Notes a fact about the request for the request log and the metrics (e.g. how many events it
   * carried, who sent it). Adapters without a request log may ignore it, as the default does.
   */
  default void attribute(String name, Object value) {}
}
