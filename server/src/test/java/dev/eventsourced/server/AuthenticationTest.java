package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authentication hook on push and pull. Store-independent, so it runs on SQLite only: the
 * authenticator decides before the store is touched.
 */
class AuthenticationTest {

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
  void configuredTokens_requestWithoutToken_gets401WithBearerChallenge() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret", "other")));
    Http anonymous = new Http(server.eventsUri());

    Http.Response push = anonymous.push(Events.json(Events.inserts("todos", "t", 1)));
    Http.Response pull = anonymous.pull("since=0");

    for (Http.Response response : List.of(push, pull)) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.http().headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"eventsourced\"");
      assertThat(response.json().get("error").asText()).isEqualTo("unauthorized");
      assertThat(response.json().get("details").get(0).get("field").asText())
          .isEqualTo("Authorization");
      assertThat(response.json().get("details").get(0).get("message").asText())
          .isEqualTo("missing Authorization header; send Authorization: Bearer <token>");
    }
  }

  @Test
  void configuredTokens_wrongToken_gets401AndStoresNothing() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret")));

    Http.Response push =
        new Http(server.eventsUri(), "s3cre").push(Events.json(Events.inserts("todos", "t", 1)));

    assertThat(push.status()).isEqualTo(401);
    assertThat(push.json().get("details").get(0).get("message").asText())
        .isEqualTo("the bearer token is not valid for this server");
    assertThat(new Http(server.eventsUri(), "s3cret").pull("").json().get("events")).isEmpty();
  }

  @Test
  void configuredTokens_anyValidToken_isAccepted() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret", "other")));

    assertThat(
            new Http(server.eventsUri(), "s3cret")
                .push(Events.json(Events.inserts("todos", "a", 1)))
                .status())
        .isEqualTo(200);
    assertThat(new Http(server.eventsUri(), "other").pull("since=0").json().get("events"))
        .hasSize(1);
  }

  @Test
  void otherAuthorizationScheme_gets401() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret")));
    HttpRequest.Builder basic =
        HttpRequest.newBuilder(server.eventsUri()).header("Authorization", "Basic czNjcmV0").GET();

    Http.Response response = new Http(server.eventsUri()).send(basic);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("details").get(0).get("message").asText())
        .contains("must use the Bearer scheme");
  }

  @Test
  void authentication_runsBeforeValidation() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret")));

    Http.Response response = new Http(server.eventsUri()).post("not json".getBytes(), "text/plain");

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void noTokensConfigured_everyoneMaySync() {
    start(SyncServer.builder());

    assertThat(
            new Http(server.eventsUri())
                .push(Events.json(Events.inserts("todos", "a", 1)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void customAuthenticator_decidesPerRequestAndItsReasonIsSent() {
    Authenticator pullOnly =
        request ->
            request.method().equals("GET")
                ? Authenticator.Result.allow()
                : Authenticator.Result.deny("this device may only pull");
    start(SyncServer.builder().authenticator(pullOnly));

    Http.Response push =
        new Http(server.eventsUri()).push(Events.json(Events.inserts("todos", "a", 1)));

    assertThat(push.status()).isEqualTo(401);
    assertThat(push.json().get("details").get(0).get("message").asText())
        .isEqualTo("this device may only pull");
    assertThat(new Http(server.eventsUri()).pull("").status()).isEqualTo(200);
  }

  @Test
  void healthEndpoint_needsNoToken() {
    start(SyncServer.builder().bearerTokens(List.of("s3cret")));

    Http.Response health =
        new Http(server.eventsUri()).get(server.baseUri().resolve(SyncServer.HEALTH_PATH));

    assertThat(health.status()).isEqualTo(200);
  }

  @Test
  void blankToken_isRefusedAtConfiguration() {
    assertThatThrownBy(() -> Authenticator.bearerTokens(List.of("ok", " ")))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("blank or has surrounding whitespace");
    assertThatThrownBy(() -> Authenticator.bearerTokens(List.of()))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("needs at least one token");
  }
}
