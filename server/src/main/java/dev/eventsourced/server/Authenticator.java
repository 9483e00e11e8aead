package dev.eventsourced.server;

import java.util.Collection;
import java.util.Objects;

/**
 * Decides whether a request to the events endpoints may proceed. It runs before anything else on
 * every push and pull; a denial is answered with {@code 401} and {@code WWW-Authenticate: Bearer},
 * and the body {@code
 * {"error":"unauthorized","details":[{"field":"Authorization","message":reason}]}}.
 *
 * <p>Implementations must be thread-safe and quick (they run on the HTTP threads).
 */
@FunctionalInterface
public interface Authenticator {

  /** Allows or denies {@code request}. Do not read its body. */
  Result authenticate(SyncHttpRequest request);

  /** The outcome of {@link #authenticate}: allowed, or denied with a reason the client may read. */
  record Result(boolean allowed, String reason) {
    private static final Result ALLOW = new Result(true, null);

    public static Result allow() {
      return ALLOW;
    }

    public static Result deny(String reason) {
      return new Result(false, Objects.requireNonNull(reason, "reason"));
    }
  }

  /** Lets every request through (the default when no tokens are configured). */
  static Authenticator allowAll() {
    return request -> Result.allow();
  }

  /**
   * Accepts {@code Authorization: Bearer <token>} with one of {@code tokens}, compared in constant
   * time.
   *
   * @throws ServerConfigException when {@code tokens} is empty or holds a blank token
   */
  static Authenticator bearerTokens(Collection<String> tokens) {
    return new BearerTokenAuthenticator(tokens);
  }
}
