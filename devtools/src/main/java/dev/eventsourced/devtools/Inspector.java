package dev.eventsourced.devtools;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.internal.inspect.Inspection;
import dev.eventsourced.devtools.inspector.InspectorHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A web inspector for an open database, served from the app's own process: its collections and rows
 * (with the {@code SYNCED} and {@code ORIGIN} columns), the event log with filters and each row's
 * history, the outbox and rejected events with their reasons, the open live queries, sync status
 * and recent rounds, and {@code verify()}. Pages are rendered on the server and update live while
 * the app writes; they need no network access beyond the inspector itself.
 *
 * <pre>{@code
 * try (InspectorServer inspector = Inspector.of(db).port(7070).start()) {
 *   System.out.println("Inspector: " + inspector.uri());
 *   ...
 * }
 * }</pre>
 *
 * <p>By default it listens on 127.0.0.1 only and is read-only. {@link #allowActions(boolean)}
 * enables the two repairs (retry rejected events, rebuild a collection). Binding to another address
 * requires a {@link #token(String) token}, which every request must then carry.
 */
public final class Inspector {

  private final EventSourcedDb db;
  private String host = "127.0.0.1";
  private int port = 0;
  private String token;
  private boolean allowActions;

  private Inspector(EventSourcedDb db) {
    this.db = db;
  }

  /** An inspector for {@code db}; configure it, then {@link #start()}. */
  public static Inspector of(EventSourcedDb db) {
    return new Inspector(Objects.requireNonNull(db, "db"));
  }

  /**
   * The TCP port to listen on, 0 (the default) for any free one; see {@link InspectorServer#uri}.
   */
  public Inspector port(int port) {
    this.port = port;
    return this;
  }

  /**
   * The address to listen on; default {@code 127.0.0.1}, reachable from this machine only. Any
   * other address (e.g. {@code 0.0.0.0}) exposes the database to the network and requires a {@link
   * #token(String)}.
   */
  public Inspector bindAddress(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /**
   * A secret every request must carry: once as {@code ?token=} in the address (the inspector then
   * keeps it in an HTTP-only cookie), or as an {@code Authorization: Bearer} header. At least 16
   * characters; {@link InspectorServer#uri()} includes it.
   */
  public Inspector token(String token) {
    this.token = Objects.requireNonNull(token, "token");
    return this;
  }

  /**
   * Whether the pages offer "retry rejected events" and "rebuild collection" (default {@code
   * false}: read-only, and those requests are answered 403).
   */
  public Inspector allowActions(boolean allow) {
    this.allowActions = allow;
    return this;
  }

  /**
   * Validates the settings and starts serving on daemon threads.
   *
   * @throws IllegalStateException when the settings are inconsistent (the message names the fix)
   * @throws UncheckedIOException when the port cannot be bound
   */
  public InspectorServer start() {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65535) problems.add("port must be between 0 and 65535, got " + port);
    InetAddress address = null;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      problems.add("bindAddress " + host + " is not an address of this machine: " + e.getMessage());
    }
    if (token != null && token.strip().length() < 16) {
      problems.add("the token must have at least 16 characters (e.g. a random UUID)");
    }
    if (address != null && !address.isLoopbackAddress() && token == null) {
      problems.add(
          "binding the inspector to "
              + host
              + " exposes the database to the network without protection: set a token with "
              + "Inspector.token(...) or keep the default bindAddress 127.0.0.1");
    }
    if (db.isClosed()) problems.add("the database is closed");
    if (!problems.isEmpty()) {
      throw new IllegalStateException("cannot start the inspector: " + String.join("; ", problems));
    }
    try {
      return new InspectorServer(
          InspectorHttp.start(db.unwrap(Inspection.class), address, port, token, allowActions));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the inspector on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }
}
