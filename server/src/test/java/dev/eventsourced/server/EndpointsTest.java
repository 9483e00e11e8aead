package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes around the protocol: health, unknown paths and methods, a custom base path, mounting
 * elsewhere.
 */
class EndpointsTest {

  @TempDir Path tempDir;

  private SyncServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private SyncServer start(SyncServer.Builder settings) {
    server =
        settings
            .store(EventStore.sqlite(tempDir.resolve("events.db")))
            .host("127.0.0.1")
            .port(0)
            .start();
    return server;
  }

  @Test
  void health_reportsOkAndTheLastSeq() {
    start(SyncServer.builder());
    new Http(server.eventsUri()).push(Events.json(Events.inserts("todos", "t", 3)));

    Http.Response health = new Http(server.eventsUri()).get(server.baseUri().resolve("/health"));

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).isEqualTo("{\"status\":\"ok\",\"lastSeq\":3}");
  }

  @Test
  void unknownPath_gets404AsJson() {
    start(SyncServer.builder());

    Http.Response response =
        new Http(server.eventsUri()).get(server.baseUri().resolve("/api/nothing"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("error").asText()).isEqualTo("not found");
    assertThat(response.json().get("details").get(0).get("message").asText())
        .contains("the events endpoint is /api/events");
  }

  @Test
  void unsupportedMethod_gets405AsJson() {
    start(SyncServer.builder());

    Http.Response response =
        new Http(server.eventsUri())
            .send(
                HttpRequest.newBuilder(server.eventsUri())
                    .method("PUT", HttpRequest.BodyPublishers.ofString("[]")));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.json().get("details").get(0).get("message").asText())
        .contains("use GET (pull) or POST (push)");
  }

  @Test
  void customBasePath_servesTheProtocolThere() {
    start(SyncServer.builder().basePath("/sync/v1/events"));
    Http http = new Http(server.eventsUri());

    assertThat(server.eventsUri().getPath()).isEqualTo("/sync/v1/events");
    assertThat(http.push(Events.json(Events.inserts("todos", "t", 1))).status()).isEqualTo(200);
    assertThat(http.pull("").json().get("events")).hasSize(1);
  }

  @Test
  void invalidBasePath_isRefusedWithTheFix() {
    assertThatThrownBy(() -> start(SyncServer.builder().basePath("api/events/")))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("base path 'api/events/' is not allowed")
        .hasMessageContaining("e.g. /api/events");
  }

  @Test
  void portInUse_isReportedAsConfigurationError() {
    start(SyncServer.builder());
    int taken = server.port();

    assertThatThrownBy(
            () ->
                SyncServer.builder()
                    .store(EventStore.sqlite(tempDir.resolve("other.db")))
                    .host("127.0.0.1")
                    .port(taken)
                    .start())
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("could not start the sync server on 127.0.0.1:" + taken);
  }

  @Test
  void mountedInAnotherJavalinApp_servesTheProtocolBesideItsOwnRoutes() {
    EventStore store = EventStore.sqlite(tempDir.resolve("mounted.db"));
    SyncService service = new SyncService(store);
    SyncHttpHandler handler = new SyncHttpHandler(service, Authenticator.allowAll());
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/hello", ctx -> ctx.result("hi"));
                  SyncServer.mount(config, "/events", handler);
                })
            .start("127.0.0.1", 0);
    try {
      Http http = new Http(URI.create("http://127.0.0.1:" + app.port() + "/events"));

      assertThat(http.push(Events.json(Events.inserts("todos", "t", 2))).status()).isEqualTo(200);
      assertThat(http.pull("since=1").json().get("events")).hasSize(1);
      assertThat(http.get(URI.create("http://127.0.0.1:" + app.port() + "/hello")).text())
          .isEqualTo("hi");
    } finally {
      service.close();
      app.stop();
      store.close();
    }
  }

  @Test
  void handlerWithoutAnyFramework_answersThePushAndPull() throws Exception {
    try (EventStore store = EventStore.sqlite(tempDir.resolve("plain.db"));
        SyncService service = new SyncService(store)) {
      SyncHttpHandler handler =
          new SyncHttpHandler(service, Authenticator.allowAll(), 1024, Duration.ofSeconds(1));
      String body = Events.json(Events.inserts("todos", "t", 1));

      SyncHttpResponse pushed =
          handler.push(request("POST", null, body, Map.of("Content-Type", "application/json")));
      SyncHttpResponse pulled =
          handler.pull(request("GET", "since=0&limit=10", "", Map.of())).get();

      assertThat(pushed.status()).isEqualTo(200);
      assertThat(pushed.bodyText()).startsWith("{\"confirmed\":[{\"eventId\":");
      assertThat(pulled.status()).isEqualTo(200);
      assertThat(pulled.bodyText()).contains("\"cursor\":\"1\",\"hasMore\":false");
    }
  }

  private static SyncHttpRequest request(
      String method, String query, String body, Map<String, String> headers) {
    return new SyncHttpRequest() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String path() {
        return "/events";
      }

      @Override
      public String header(String name) {
        return headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
      }

      @Override
      public String rawQuery() {
        return query;
      }

      @Override
      public InputStream body() {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
      }
    };
  }
}
