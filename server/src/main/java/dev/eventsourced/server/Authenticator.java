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

  /**
   * The outcome of {@link #authenticate}: allowed with the client's {@link Access} (which
   * collections it may push and pull), or denied with a reason the client may read.
   *
   * @param access what an allowed client may do; {@code null} when denied
   */
  record Result(boolean allowed, String reason, Access access) {
    private static final Result ALLOW = new Result(true, null, Access.ALL);

    public Result {
      if (allowed && access == null) {
        access = Access.ALL;
      }
    }

    /** An outcome with full access when allowed. */
    public Result(boolean allowed, String reason) {
      this(allowed, reason, allowed ? Access.ALL : null);
    }

    /** Allowed to push and pull every collection. */
    public static Result allow() {
      return ALLOW;
    }

    /** Allowed, with the given rights. */
    public static Result allow(Access access) {
      return new Result(true, null, Objects.requireNonNull(access, "access"));
    }

    public static Result deny(String reason) {
      return new Result(false, Objects.requireNonNull(reason, "reason"), null);
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

  /**
   * Accepts {@code Authorization: Bearer <jwt>}: a signed JWT (HS256 with a shared secret, RS256
   * with a JWKS) whose {@code collections} claim says what the client may push and pull; see {@link
   * JwtOptions}.
   *
   * @throws ServerConfigException when no key is configured or a key cannot be read
   */
  static Authenticator jwt(JwtOptions options) {
    return new JwtAuthenticator(options, null);
  }
}
