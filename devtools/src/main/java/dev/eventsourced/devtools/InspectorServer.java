package dev.eventsourced.devtools;

import dev.eventsourced.devtools.inspector.InspectorHttp;
import java.net.URI;

/** A running {@link Inspector}: its address, and {@link #close()} to stop it. */
public final class InspectorServer implements AutoCloseable {

  private final InspectorHttp http;

  InspectorServer(InspectorHttp http) {
    this.http = http;
  }

  /**
   * The address of the overview page, e.g. {@code http://127.0.0.1:7070/}; with a token, it ends
   * with {@code ?token=...} so that opening it once is enough.
   */
  public URI uri() {
    return http.uri();
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return http.port();
  }

  /** Stops serving and releases the port; the database stays open. Idempotent. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "InspectorServer[" + http.uri().resolve("/") + "]";
  }
}
