package dev.eventsourced.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Authenticator#jwt} checks bearer tokens that are signed JWTs (RFC 7519).
 *
 * <p>Keys: an HS256 shared secret (at least 32 bytes), and/or RS256 public keys from a JWKS (RFC
 * 7517) in a file or at a URL. A JWKS is cached; a token whose {@code kid} is not in the cache
 * makes the server read the file or fetch the URL again (at most once per {@code
 * jwksRefreshInterval}), so keys can be rotated without a restart. The {@code alg} of a token must
 * match the kind of key it is checked with: {@code none}, other algorithms and HS256 tokens on a
 * server without a secret are refused.
 *
 * <p>Claims: {@code exp} is required, {@code nbf} is honoured, both with {@code clockSkew} (default
 * 60 s) of tolerance. {@code iss} and {@code aud} are checked when {@code issuer} / {@code
 * audience} are set. The rights are the {@code collections} claim:
 *
 * <pre>{@code
 * "collections": {"push": ["todos"], "pull": ["todos", "users"]}
 * }</pre>
 *
 * {@code "*"} stands for every collection; a missing list (or claim) grants nothing. At most
 * {@value #MAX_PULL_COLLECTIONS} named pull collections (a pull filters on them).
 *
 * @param hs256Secret the HS256 secret, or {@code null} for no HS256
 * @param jwksFile a JWKS file with the RS256 public keys, or {@code null}
 * @param jwksUrl a URL serving the JWKS, or {@code null}
 * @param issuer the required {@code iss}, or {@code null} not to check it
 * @param audience a value {@code aud} must hold, or {@code null} not to check it
 * @param clockSkew tolerance on {@code exp} and {@code nbf}, 0..5 min
 * @param jwksRefreshInterval least time between two JWKS reloads caused by an unknown {@code kid}
 */
public record JwtOptions(
    byte[] hs256Secret,
    Path jwksFile,
    URI jwksUrl,
    String issuer,
    String audience,
    Duration clockSkew,
    Duration jwksRefreshInterval) {

  /** Default tolerance on {@code exp} and {@code nbf}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** Default least time between JWKS reloads for an unknown {@code kid}. */
  public static final Duration DEFAULT_JWKS_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** Shortest HS256 secret (RFC 7518 §3.2: at least the hash size). */
  public static final int MIN_SECRET_BYTES = 32;

  /** Most named collections a token may grant pulls of. */
  public static final int MAX_PULL_COLLECTIONS = SyncService.MAX_COLLECTIONS;

  public JwtOptions {
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(jwksRefreshInterval, "jwksRefreshInterval");
    hs256Secret = hs256Secret == null ? null : hs256Secret.clone();
  }

  /**
   * No key yet: add one with {@link #withHs256Secret}, {@link #withJwksFile}, {@link #withJwksUrl}.
   */
  public static JwtOptions none() {
    return new JwtOptions(
        null, null, null, null, null, DEFAULT_CLOCK_SKEW, DEFAULT_JWKS_REFRESH_INTERVAL);
  }

  public JwtOptions withHs256Secret(byte[] secret) {
    return new JwtOptions(
        secret, jwksFile, jwksUrl, issuer, audience, clockSkew, jwksRefreshInterval);
  }

  public JwtOptions withJwksFile(Path file) {
    return new JwtOptions(
        hs256Secret, file, jwksUrl, issuer, audience, clockSkew, jwksRefreshInterval);
  }

  public JwtOptions withJwksUrl(URI url) {
    return new JwtOptions(
        hs256Secret, jwksFile, url, issuer, audience, clockSkew, jwksRefreshInterval);
  }

  public JwtOptions withIssuer(String issuer) {
    return new JwtOptions(
        hs256Secret, jwksFile, jwksUrl, issuer, audience, clockSkew, jwksRefreshInterval);
  }

  public JwtOptions withAudience(String audience) {
    return new JwtOptions(
        hs256Secret, jwksFile, jwksUrl, issuer, audience, clockSkew, jwksRefreshInterval);
  }

  public JwtOptions withClockSkew(Duration clockSkew) {
    return new JwtOptions(
        hs256Secret, jwksFile, jwksUrl, issuer, audience, clockSkew, jwksRefreshInterval);
  }

  public JwtOptions withJwksRefreshInterval(Duration interval) {
    return new JwtOptions(hs256Secret, jwksFile, jwksUrl, issuer, audience, clockSkew, interval);
  }

  @Override
  public byte[] hs256Secret() {
    return hs256Secret == null ? null : hs256Secret.clone();
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "JwtOptions[hs256Secret="
        + (hs256Secret == null ? "null" : "***")
        + ", jwksFile="
        + jwksFile
        + ", jwksUrl="
        + jwksUrl
        + ", issuer="
        + issuer
        + ", audience="
        + audience
        + ", clockSkew="
        + clockSkew
        + "]";
  }
}
