package dev.eventsourced.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.SyncStatus;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector over plain HTTP: access rules, actions, escaping, errors and the live stream. */
class InspectorHttpTest {

  @TempDir Path dir;
  private final TestBackend backend = new TestBackend();
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private EventSourcedDb db;
  private CardRepository cards;
  private InspectorServer inspector;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("app.sqlite"))
            .collections(CardRepository.COLLECTION, TagRepository.COLLECTION)
            .sync(backend)
            .autoSync(false)
            .open();
    cards = CardRepository.of(db);
  }

  @AfterEach
  void close() {
    if (inspector != null) inspector.close();
    db.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).GET();
    if (headers.length > 0) request.headers(headers);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base().resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) request.headers(headers);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + inspector.port() + "/");
  }

  private static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a form token").isTrue();
    return m.group(1);
  }

  @Test
  void defaults_loopbackAndReadOnly_overviewListsCollections() throws Exception {
    cards.insert(new Card("n1", "Buy milk", 1, false));
    inspector = Inspector.of(db).start();

    assertThat(inspector.uri().getHost()).isEqualTo("127.0.0.1");
    HttpResponse<String> overview = get("/");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("script-src 'self'");
    assertThat(overview.body())
        .contains("cards", "tags", "read-only")
        .doesNotContain("name=\"csrf\"");
    assertThat(get("/static/inspector.js").body()).contains("EventSource");
    assertThat(get("/static/inspector.css").statusCode()).isEqualTo(200);
  }

  @Test
  void nonLoopbackAddressWithoutToken_refusesToStart_namingTheFix() {
    assertThatThrownBy(() -> Inspector.of(db).bindAddress("0.0.0.0").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Inspector.token(...)")
        .hasMessageContaining("127.0.0.1");
    assertThatThrownBy(() -> Inspector.of(db).token("short").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 16 characters");
  }

  @Test
  void actions_areRefusedWith403Json_unlessEnabled() throws Exception {
    inspector = Inspector.of(db).start();

    HttpResponse<String> retry = post("/actions/retry", "");
    assertThat(retry.statusCode()).isEqualTo(403);
    assertThat(retry.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(retry.body()).contains("\"error\"", "allowActions(true)");
    assertThat(post("/actions/rebuild", "collection=cards").statusCode()).isEqualTo(403);
    assertThat(get("/actions/retry").statusCode()).isEqualTo(405);
  }

  @Test
  void enabledActions_needTheFormToken_andRetryRejectedEvents() throws Exception {
    cards.insert(new Card("n1", "fine", 1, false));
    cards.update("n1", d -> d.title("INVALID title"));
    db.sync();
    assertThat(db.eventLog().all().get(1).syncStatus()).isEqualTo(SyncStatus.REJECTED);
    inspector = Inspector.of(db).allowActions(true).start();

    String page = get("/outbox").body();
    assertThat(page).contains("titles must not say INVALID", "retry-all");
    assertThat(post("/actions/retry", "").statusCode()).isEqualTo(403);
    assertThat(
            post("/actions/retry", "csrf=" + csrf(page), "Origin", "http://evil.example")
                .statusCode())
        .isEqualTo(403);

    backend.rejecting(false);
    HttpResponse<String> done = post("/actions/retry", "csrf=" + csrf(page));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location"))
        .get()
        .asString()
        .startsWith("/outbox?notice=");
    assertThat(db.eventLog().all().get(1).syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(CardRepository.of(db).get("n1").title()).isEqualTo("INVALID title");

    HttpResponse<String> rebuilt = post("/actions/rebuild", "collection=cards&csrf=" + csrf(page));
    assertThat(rebuilt.statusCode()).isEqualTo(303);
    assertThat(get(rebuilt.headers().firstValue("Location").orElseThrow()).body())
        .contains("rebuilt cards: 2 events folded into 1 rows");
  }

  @Test
  void token_isRequired_onceInTheAddressThenAsCookie_orAsBearer() throws Exception {
    String token = "0123456789abcdef-secret";
    inspector = Inspector.of(db).token(token).start();
    assertThat(inspector.uri().getQuery()).isEqualTo("token=" + token);

    assertThat(get("/").statusCode()).isEqualTo(401);
    assertThat(get("/events").body()).doesNotContain(db.clientId());
    assertThat(get("/?token=wrong-wrong-wrong-wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> first = get("/events?token=" + token + "&type=insert");
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location")).contains("/events?type=insert");
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
    assertThat(get("/", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode())
        .isEqualTo(200);
    assertThat(get("/", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    assertThat(get("/stream", "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
  }

  @Test
  void hostileValues_renderAsText() throws Exception {
    cards.insert(new Card("<b>k</b>", "<script>alert('x')</script>", 1, false));
    inspector = Inspector.of(db).start();

    for (String path :
        new String[] {
          "/collections/cards", "/events", "/history?collection=cards&key=%3Cb%3Ek%3C%2Fb%3E"
        }) {
      String page = get(path).body();
      assertThat(page).as(path).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
      assertThat(page).as(path).doesNotContain("<script>alert", "<b>k</b>");
    }
  }

  @Test
  void wrongHost_unknownPages_andBadParameters_getErrors() throws Exception {
    inspector = Inspector.of(db).start();
    // HttpClient refuses to set Host; a rebinding page's request is simulated over a raw socket.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", inspector.port())) {
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
      assertThat(status).contains("421");
    }
    assertThat(get("/collections/nope").statusCode()).isEqualTo(404);
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/events?type=upsert").statusCode()).isEqualTo(400);
    assertThat(get("/collections/cards?sort=nope").body()).contains("no column");
  }

  @Test
  void stream_announcesCommits() throws Exception {
    inspector = Inspector.of(db).start();
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(base().resolve("/stream")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    CompletableFuture<String> data =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.startsWith("data:")) return line;
                }
                return null;
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Thread.sleep(300);
    cards.insert(new Card("n1", "new", 1, false));
    assertThat(data.get(5, TimeUnit.SECONDS)).startsWith("data: 1.");
    stream.body().close();
  }

  @Test
  void rows_arePaged() throws Exception {
    for (int i = 1; i <= 5; i++) cards.insert(new Card("n" + i, "note " + i, i, false));
    inspector = Inspector.of(db).start();
    String second = get("/collections/cards?size=2&page=1").body();
    assertThat(second).contains("Rows 3&ndash;4 of 5", "data-key=\"n3\"", "data-key=\"n4\"");
    assertThat(second).doesNotContain("data-key=\"n2\"", "data-key=\"n5\"");
    assertThat(second).contains("size=2&amp;page=2\">Next", "href=\"/collections/cards?size=2\">");
    assertThat(get("/collections/cards?size=2&page=2").body()).doesNotContain("Next");
  }

  @Test
  void fragment_isOnlyTheLivePart() throws Exception {
    cards.insert(new Card("n1", "Buy milk", 1, false));
    inspector = Inspector.of(db).start();
    String fragment = get("/collections/cards?fragment=1").body();
    assertThat(fragment).contains("Buy milk").doesNotContain("<html", "<nav class=\"main\"");
    assertThat(get("/verify?run=1").body()).contains("Healthy");
  }
}
