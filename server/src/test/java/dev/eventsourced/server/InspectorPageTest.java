package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /inspector}: the server's log as a read-only page, behind the server's token. */
class InspectorPageTest {

  @TempDir Path tempDir;
  private SyncServer server;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private void start(SyncServer.Builder settings) {
    server =
        settings
            .store(EventStore.sqlite(tempDir.resolve("events.db")))
            .host("127.0.0.1")
            .port(0)
            .start();
  }

  private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery)).GET();
    if (headers.length > 0) request.headers(headers);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void showsTheLogNewestFirst_withFilters_andEscapesValues() throws Exception {
    start(SyncServer.builder());
    Http events = new Http(server.eventsUri());
    ObjectNode hostile = Events.insert("todos", "<script>alert(1)</script>");
    assertThat(
            events
                .push(
                    Events.json(
                        Events.batch(
                            Events.insert("todos", "a"), Events.insert("notes", "b"), hostile)))
                .status())
        .isEqualTo(200);

    HttpResponse<String> page = get(SyncServer.INSPECTOR_PATH);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    String body = page.body();
    assertThat(body).contains("id=\"head\">3<", "&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(body).doesNotContain("<script>alert");
    assertThat(body.indexOf("notes")).isLessThan(body.lastIndexOf(">a<"));

    String notes = get(SyncServer.INSPECTOR_PATH + "?collection=notes").body();
    assertThat(notes).contains(">b<").doesNotContain(">a<");
    assertThat(get(SyncServer.INSPECTOR_PATH + "?key=a&type=insert").body())
        .contains(">a<")
        .doesNotContain(">b<");
    assertThat(get(SyncServer.INSPECTOR_PATH + "?type=upsert").statusCode()).isEqualTo(400);
  }

  @Test
  void pagesBackwards_throughALongLog() throws Exception {
    start(SyncServer.builder());
    Http events = new Http(server.eventsUri());
    for (int batch = 0; batch < 3; batch++) {
      events.push(Events.json(Events.inserts("todos", "k" + batch, 100)));
    }
    String first = get(SyncServer.INSPECTOR_PATH).body();
    assertThat(first).contains(">300<", ">201<").doesNotContain(">200<").contains("before=201");
    String older = get(SyncServer.INSPECTOR_PATH + "?before=201").body();
    assertThat(older).contains(">200<", ">101<").doesNotContain(">201<");
  }

  @Test
  void withTokens_needsOne_onceInTheAddressThenAsCookie() throws Exception {
    start(SyncServer.builder().bearerTokens(List.of("secret-token")));
    assertThat(get(SyncServer.INSPECTOR_PATH).statusCode()).isEqualTo(401);
    assertThat(get(SyncServer.INSPECTOR_PATH, "Authorization", "Bearer secret-token").statusCode())
        .isEqualTo(200);
    HttpResponse<String> first = get(SyncServer.INSPECTOR_PATH + "?token=secret-token&key=x");
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location"))
        .contains(SyncServer.INSPECTOR_PATH + "?key=x");
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
    assertThat(
            get(SyncServer.INSPECTOR_PATH, "Cookie", cookie.substring(0, cookie.indexOf(';')))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            get(SyncServer.INSPECTOR_PATH, "Cookie", InspectorPage.COOKIE + "=wrong").statusCode())
        .isEqualTo(401);
  }

  @Test
  void canBeTurnedOff() throws Exception {
    start(SyncServer.builder().inspector(false));
    assertThat(get(SyncServer.INSPECTOR_PATH).statusCode()).isEqualTo(404);
  }
}
