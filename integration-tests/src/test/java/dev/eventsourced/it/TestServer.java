package dev.eventsourced.it;

import dev.eventsourced.server.EventStore;
import dev.eventsourced.server.SyncServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The real sync server on its embedded SQLite store, on a free port, restartable on the same port.
 */
final class TestServer implements AutoCloseable {

  private final Path store;
  private SyncServer server;
  private int port;

  TestServer(Path store) {
    this.store = store;
    this.server =
        SyncServer.builder().store(EventStore.sqlite(store)).host("127.0.0.1").port(0).start();
    this.port = server.port();
  }

  URI events() {
    return URI.create("http://127.0.0.1:" + port + SyncServer.DEFAULT_BASE_PATH);
  }

  /** Stops the server and starts a new one on the same store file and port. */
  void restart() {
    server.close();
    server =
        SyncServer.builder().store(EventStore.sqlite(store)).host("127.0.0.1").port(port).start();
  }

  SyncServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
