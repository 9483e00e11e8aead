package dev.eventsourced.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventsourced.server.SyncServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a random port over a fresh store of the kind the test class is parameterized
 * with, and a client for it. Subclasses are
 * {@code @ParameterizedClass @EnumSource(StoreKind.class)}.
 */
public abstract class ServerTestBase {

  protected final StoreKind storeKind;
  protected StoreKind.StoreFixture fixture;
  protected SyncServer server;
  protected Http http;
  private final List<SyncServer> extraServers = new ArrayList<>();

  @TempDir protected Path tempDir;

  protected ServerTestBase(StoreKind storeKind) {
    this.storeKind = storeKind;
  }

  @BeforeEach
  void startServer() {
    fixture = storeKind.fixture(tempDir);
    server = startServer(UnaryOperator.identity());
    http = new Http(server.eventsUri());
  }

  @AfterEach
  void stopServer() {
    for (SyncServer extra : extraServers) {
      extra.close();
    }
    if (server != null) {
      server.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /**
   * Another server over the same store place (a second instance, or the same one after a restart).
   */
  protected SyncServer startServer(UnaryOperator<SyncServer.Builder> settings) {
    SyncServer started =
        settings
            .apply(SyncServer.builder().store(fixture.open()).host("127.0.0.1").port(0))
            .start();
    if (server != null) {
      extraServers.add(started);
    }
    return started;
  }

  /** Stops the server and starts a new one over the same store. */
  protected void restartServer() {
    server.close();
    server = null;
    server = startServer(UnaryOperator.identity());
    http = new Http(server.eventsUri());
  }

  /** Pushes and expects 200; returns the globalSeqs confirmed, in order. */
  protected List<Long> pushOk(ArrayNode batch) {
    Http.Response response = http.push(Events.json(batch));
    assertThat(response.status()).as("push response %s", response).isEqualTo(200);
    List<Long> seqs = new ArrayList<>();
    for (JsonNode confirmation : response.json().get("confirmed")) {
      seqs.add(confirmation.get("globalSeq").asLong());
    }
    return seqs;
  }

  /** Follows cursors from {@code since} until hasMore is false; returns every event pulled. */
  protected List<JsonNode> pullAll(String extraQuery, int limit) {
    List<JsonNode> events = new ArrayList<>();
    String cursor = "0";
    while (true) {
      Http.Response response = http.pull("since=" + cursor + "&limit=" + limit + extraQuery);
      assertThat(response.status()).as("pull response %s", response).isEqualTo(200);
      JsonNode page = response.json();
      page.get("events").forEach(events::add);
      cursor = page.get("cursor").asText();
      if (!page.get("hasMore").asBoolean()) {
        return events;
      }
    }
  }
}
