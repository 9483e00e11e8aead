package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.Jwts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed JWT bearer tokens: HS256 and RS256 (JWKS file and URL), the checks that make a token
 * invalid (401), and the {@code collections} claim that limits pushes and pulls (403, filtered
 * pulls). Store-independent (the decision is made before the store is asked), so SQLite only.
 */
class JwtAuthorizationTest {

  private static final KeyPair KEY_1 = Jwts.rsaKeyPair();
  private static final KeyPair KEY_2 = Jwts.rsaKeyPair();
  private static final String ALL = "[\"*\"]";

  @TempDir Path tempDir;

  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private SyncServer server;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : closeLater) {
      closeable.close();
    }
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

  private SyncServer startHs256() {
    return start(SyncServer.builder().jwt(JwtOptions.none().withHs256Secret(Jwts.SECRET)));
  }

  private Http as(String token) {
    return new Http(server.eventsUri(), token);
  }

  private static String message(Http.Response response) {
    return response.json().get("details").get(0).get("message").asText();
  }

  @Test
  void hs256_validToken_pushesAndPulls() {
    startHs256();
    Http client = as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL)));

    assertThat(client.push(Events.json(Events.inserts("todos", "t", 2))).status()).isEqualTo(200);
    Http.Response pull = client.pull("since=0");

    assertThat(pull.status()).isEqualTo(200);
    assertThat(pull.json().get("events")).hasSize(2);
    assertThat(pull.json().get("head").asText())
        .as("an unfiltered pull says the head")
        .isEqualTo("2");
  }

  @Test
  void hs256_invalidTokens_get401AndStoreNothing() {
    startHs256();
    long now = Instant.now().getEpochSecond();
    byte[] otherSecret = "another-secret-another-secret-xx".getBytes(StandardCharsets.US_ASCII);
    String valid = Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL));
    String tampered =
        valid.substring(0, valid.lastIndexOf('.') + 1)
            + (valid.endsWith("A") ? "B" : "A")
            + valid.substring(valid.lastIndexOf('.') + 2);
    List<String[]> cases =
        List.of(
            new String[] {
              Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL, now - 3600, null)), "has expired"
            },
            new String[] {
              Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL, now + 3600, "\"nbf\":" + (now + 600))),
              "not valid yet"
            },
            new String[] {Jwts.hs256(otherSecret, Jwts.claims(ALL, ALL)), "signature is not valid"},
            new String[] {tampered, "signature is not valid"},
            new String[] {Jwts.unsigned(Jwts.claims(ALL, ALL)), "alg \"none\" is not accepted"},
            new String[] {
              Jwts.hmacWithHeader(Jwts.SECRET, "{\"alg\":\"HS512\"}", Jwts.claims(ALL, ALL)),
              "alg \"HS512\" is not accepted"
            },
            new String[] {
              Jwts.rs256(KEY_1.getPrivate(), "k1", Jwts.claims(ALL, ALL)),
              "alg \"RS256\" is not accepted; this server accepts HS256"
            },
            new String[] {
              Jwts.hs256(Jwts.SECRET, "{\"sub\":\"x\",\"collections\":{\"push\":[\"*\"]}}"),
              "has no exp claim"
            },
            new String[] {"not-a-jwt", "not a JWT"});

    for (String[] c : cases) {
      Http.Response push = as(c[0]).push(Events.json(Events.inserts("todos", "t", 1)));
      Http.Response pull = as(c[0]).pull("since=0");
      for (Http.Response response : List.of(push, pull)) {
        assertThat(response.status()).as("%s -> %s", c[1], response).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(message(response)).as(c[1]).contains(c[1]);
      }
    }
    Http.Response all = as(valid).pull("since=0");
    assertThat(all.json().get("events")).isEmpty();
  }

  @Test
  void expiredWithinClockSkew_isAccepted() {
    startHs256();
    long now = Instant.now().getEpochSecond();
    String token =
        Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL, now - 20, "\"nbf\":" + (now + 20)));

    assertThat(as(token).pull("since=0").status()).isEqualTo(200);
  }

  @Test
  void issuerAndAudience_mustMatchWhenConfigured() {
    start(
        SyncServer.builder()
            .jwt(
                JwtOptions.none()
                    .withHs256Secret(Jwts.SECRET)
                    .withIssuer("https://idp.example")
                    .withAudience("sync")));
    long exp = Instant.now().getEpochSecond() + 600;
    String good =
        Jwts.hs256(
            Jwts.SECRET,
            Jwts.claims(
                ALL, ALL, exp, "\"iss\":\"https://idp.example\",\"aud\":[\"other\",\"sync\"]"));
    String wrongIssuer =
        Jwts.hs256(
            Jwts.SECRET, Jwts.claims(ALL, ALL, exp, "\"iss\":\"https://evil\",\"aud\":\"sync\""));
    String wrongAudience =
        Jwts.hs256(
            Jwts.SECRET,
            Jwts.claims(ALL, ALL, exp, "\"iss\":\"https://idp.example\",\"aud\":\"x\""));

    assertThat(as(good).pull("").status()).isEqualTo(200);
    assertThat(message(as(wrongIssuer).pull(""))).contains("iss");
    assertThat(message(as(wrongAudience).pull(""))).contains("aud");
  }

  @Test
  void pushToCollectionNotGranted_is403NamingTheEventAndStoresNothing() {
    startHs256();
    Http writer = as(Jwts.hs256(Jwts.SECRET, Jwts.claims("[\"todos\"]", ALL)));
    ArrayNode batch =
        Events.batch(
            Events.insert("todos", "a"), Events.insert("users", "u"), Events.insert("todos", "b"));

    Http.Response push = writer.push(Events.json(batch));

    assertThat(push.status()).as("%s", push).isEqualTo(403);
    assertThat(push.json().get("error").asText()).isEqualTo("forbidden");
    JsonNode detail = push.json().get("details").get(0);
    assertThat(detail.get("index").asInt()).isEqualTo(1);
    assertThat(detail.get("field").asText()).isEqualTo("collectionId");
    assertThat(detail.get("message").asText())
        .isEqualTo("this client may not push to collection \"users\"; it may push to todos");
    assertThat(push.json().get("details")).hasSize(1);
    assertThat(writer.pull("since=0").json().get("events")).as("nothing stored").isEmpty();
    assertThat(writer.push(Events.json(Events.inserts("todos", "t", 1))).status()).isEqualTo(200);
  }

  @Test
  void pull_isLimitedToTheCollectionsGranted() {
    startHs256();
    Http admin = as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL)));
    admin.push(
        Events.json(
            Events.batch(
                Events.insert("todos", "a"),
                Events.insert("secrets", "s"),
                Events.insert("users", "u"))));
    Http reader = as(Jwts.hs256(Jwts.SECRET, Jwts.claims("[]", "[\"todos\",\"users\"]")));

    Http.Response unfiltered = reader.pull("since=0");
    Http.Response allowed = reader.pull("since=0&collection=users");
    Http.Response forbidden = reader.pull("since=0&collection=todos&collection=secrets");

    assertThat(unfiltered.status()).isEqualTo(200);
    assertThat(unfiltered.json().get("events").findValuesAsText("collectionId"))
        .containsExactly("todos", "users");
    assertThat(unfiltered.json().has("head"))
        .as("a pull filtered to the token's collections leaves out head")
        .isFalse();
    assertThat(allowed.json().get("events").findValuesAsText("collectionId"))
        .containsExactly("users");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().get("details").get(0).get("field").asText())
        .isEqualTo("collection");
    assertThat(message(forbidden))
        .isEqualTo("this client may not pull collection \"secrets\"; it may pull todos, users");
    Http.Response noPush = reader.push(Events.json(Events.inserts("todos", "t", 1)));
    assertThat(noPush.status()).isEqualTo(403);
    assertThat(message(noPush)).endsWith("it may push to none");
  }

  @Test
  void serverSentEvents_areLimitedToTheCollectionsGranted() throws Exception {
    startHs256();
    as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL)))
        .push(
            Events.json(
                Events.batch(
                    Events.insert("todos", "a"),
                    Events.insert("secrets", "s"),
                    Events.insert("users", "u"))));
    String reader = Jwts.hs256(Jwts.SECRET, Jwts.claims("[]", "[\"todos\",\"users\"]"));
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

    java.net.http.HttpResponse<String> forbidden =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.eventsUri() + "?since=0&collection=secrets"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + reader)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(forbidden.statusCode()).isEqualTo(403);

    java.net.http.HttpResponse<java.util.stream.Stream<String>> stream =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.eventsUri() + "?since=0"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + reader)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofLines());
    List<String> data = new ArrayList<>();
    java.util.concurrent.CompletableFuture.runAsync(
            () ->
                stream.body().filter(line -> line.startsWith("data:")).limit(2).forEach(data::add))
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(data).hasSize(2);
    assertThat(data.get(0)).contains("\"todos\"");
    assertThat(data.get(1)).as("secrets is skipped").contains("\"users\"");
  }

  @Test
  void tokenWithoutCollectionsClaim_mayNothing() {
    startHs256();
    String token =
        Jwts.hs256(
            Jwts.SECRET, "{\"sub\":\"x\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");

    assertThat(as(token).pull("since=0").status()).isEqualTo(403);
    assertThat(message(as(token).pull("since=0")))
        .isEqualTo("this client may not pull any collection");
    assertThat(as(token).push(Events.json(Events.inserts("todos", "t", 1))).status())
        .isEqualTo(403);
  }

  @Test
  void longPoll_withTokenRights_isWokenOnlyByReadableCollections() throws Exception {
    startHs256();
    Http admin = as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL)));
    Http reader = as(Jwts.hs256(Jwts.SECRET, Jwts.claims("[]", "[\"todos\"]")));
    AtomicReference<Http.Response> polled = new AtomicReference<>();
    Thread poll = new Thread(() -> polled.set(reader.pull("since=0&wait=10")));
    poll.start();
    Thread.sleep(300);
    admin.push(Events.json(Events.inserts("secrets", "s", 1)));
    admin.push(Events.json(Events.inserts("todos", "t", 1)));
    poll.join(10_000);

    assertThat(polled.get().json().get("events").findValuesAsText("collectionId"))
        .containsExactly("todos");
  }

  @Test
  void staticTokens_keepWorkingBesideJwts() {
    start(
        SyncServer.builder()
            .bearerTokens(List.of("s3cret"))
            .jwt(JwtOptions.none().withHs256Secret(Jwts.SECRET)));

    assertThat(as("s3cret").push(Events.json(Events.inserts("users", "u", 1))).status())
        .isEqualTo(200);
    assertThat(as("wrong").pull("").status()).isEqualTo(401);
    assertThat(message(as("wrong").pull("")))
        .isEqualTo("the bearer token is not valid for this server");
    assertThat(as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL))).pull("").status()).isEqualTo(200);
  }

  @Test
  void rs256_jwksFile_checksSignatureAndKid() throws IOException {
    Path jwks = tempDir.resolve("jwks.json");
    Files.writeString(jwks, Jwts.jwks(List.of("k1"), List.of(KEY_1)));
    start(SyncServer.builder().jwt(JwtOptions.none().withJwksFile(jwks)));
    String claims = Jwts.claims("[\"todos\"]", ALL);

    Http.Response ok =
        as(Jwts.rs256(KEY_1.getPrivate(), "k1", claims))
            .push(Events.json(Events.inserts("todos", "t", 1)));
    Http.Response noKid = as(Jwts.rs256(KEY_1.getPrivate(), null, claims)).pull("");
    Http.Response wrongKey = as(Jwts.rs256(KEY_2.getPrivate(), "k1", claims)).pull("");
    Http.Response unknownKid = as(Jwts.rs256(KEY_2.getPrivate(), "k2", claims)).pull("");
    // algorithm confusion: an HMAC token keyed with the public key must not pass
    byte[] publicKeyAsSecret = KEY_1.getPublic().getEncoded();
    Http.Response confused =
        as(Jwts.hmacWithHeader(publicKeyAsSecret, "{\"alg\":\"HS256\",\"kid\":\"k1\"}", claims))
            .pull("");

    assertThat(ok.status()).as("%s", ok).isEqualTo(200);
    assertThat(noKid.status()).isEqualTo(200);
    assertThat(message(wrongKey)).isEqualTo("the JWT signature is not valid");
    assertThat(message(unknownKid)).isEqualTo("the JWT's kid \"k2\" is not in the server's JWKS");
    assertThat(confused.status()).isEqualTo(401);
    assertThat(message(confused))
        .contains("alg \"HS256\" is not accepted; this server accepts RS256");
  }

  @Test
  void rs256_jwksUrl_isCachedAndFetchedAgainForAnUnknownKid() throws IOException {
    AtomicReference<String> served =
        new AtomicReference<>(Jwts.jwks(List.of("k1"), List.of(KEY_1)));
    AtomicInteger fetches = new AtomicInteger();
    HttpServer jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwksServer.start();
    closeLater.add(() -> jwksServer.stop(0));
    URI url = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
    start(
        SyncServer.builder()
            .jwt(JwtOptions.none().withJwksUrl(url).withJwksRefreshInterval(Duration.ZERO)));
    String claims = Jwts.claims(ALL, ALL);

    for (int i = 0; i < 3; i++) {
      assertThat(as(Jwts.rs256(KEY_1.getPrivate(), "k1", claims)).pull("").status()).isEqualTo(200);
    }
    assertThat(fetches.get()).as("fetched once, then cached").isEqualTo(1);

    served.set(Jwts.jwks(List.of("k1", "k2"), List.of(KEY_1, KEY_2))); // key rotation
    Http.Response rotated = as(Jwts.rs256(KEY_2.getPrivate(), "k2", claims)).pull("");

    assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void jwksUrlRefresh_isRateLimited() throws IOException {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = Jwts.jwks(List.of("k1"), List.of(KEY_1)).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwksServer.start();
    closeLater.add(() -> jwksServer.stop(0));
    URI url = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
    start(SyncServer.builder().jwt(JwtOptions.none().withJwksUrl(url)));

    for (int i = 0; i < 5; i++) {
      as(Jwts.rs256(KEY_2.getPrivate(), "random-" + i, Jwts.claims(ALL, ALL))).pull("");
    }

    assertThat(fetches.get()).as("unknown kids do not hammer the key server").isEqualTo(1);
  }

  @Test
  void commandLine_jwtFlags_startAServerThatChecksJwts() throws IOException {
    Path secret = tempDir.resolve("secret.txt");
    Files.writeString(secret, new String(Jwts.SECRET, StandardCharsets.US_ASCII) + "\n");
    CommandLine options =
        CommandLine.parse(
            new String[] {
              "--store", "sqlite:" + tempDir.resolve("cli.db"),
              "--host", "127.0.0.1",
              "--port", "0",
              "--jwt-hs256-secret-file", secret.toString(),
              "--jwt-issuer", "me",
              "--metrics", "token",
              "--request-log", "off"
            },
            java.util.Map.of());
    server = SyncServerMain.start(options);
    long exp = Instant.now().getEpochSecond() + 600;

    assertThat(
            as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL, exp, "\"iss\":\"me\"")))
                .pull("")
                .status())
        .isEqualTo(200);
    assertThat(as(Jwts.hs256(Jwts.SECRET, Jwts.claims(ALL, ALL))).pull("").status())
        .as("no iss")
        .isEqualTo(401);
    Http metrics = new Http(URI.create(server.baseUri() + "/metrics"));
    assertThat(metrics.pull("").status()).as("--metrics token").isEqualTo(401);
  }

  @Test
  void configuration_isCheckedAtStart() {
    assertThatThrownBy(() -> Authenticator.jwt(JwtOptions.none()))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("needs a key");
    assertThatThrownBy(() -> Authenticator.jwt(JwtOptions.none().withHs256Secret(new byte[8])))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("at least 32");
    assertThatThrownBy(
            () ->
                Authenticator.jwt(JwtOptions.none().withJwksFile(tempDir.resolve("missing.json"))))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("cannot read the JWKS file");
    assertThatThrownBy(
            () -> CommandLine.parse(new String[] {"--metrics", "maybe"}, java.util.Map.of()))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("--metrics must be open, token or off");
  }
}
