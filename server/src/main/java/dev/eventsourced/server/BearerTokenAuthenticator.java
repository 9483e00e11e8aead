package dev.eventsourced.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The built-in authenticator: a fixed set of bearer tokens. Tokens are kept as SHA-256 digests and
 * every one is compared with {@link MessageDigest#isEqual}, so the time taken does not tell how
 * much of a guess was right.
 */
final class BearerTokenAuthenticator implements Authenticator {

  private static final String PREFIX = "bearer ";

  private final List<byte[]> digests = new ArrayList<>();

  public BearerTokenAuthenticator(Collection<String> tokens) {
    if (tokens == null || tokens.isEmpty()) {
      throw new ServerConfigException(
          "bearer-token authentication needs at least one token;"
              + " pass --token or --token-file, or use no authentication");
    }
    for (String token : tokens) {
      if (token == null || token.isBlank() || !token.strip().equals(token)) {
        throw new ServerConfigException(
            "a configured bearer token is blank or has surrounding whitespace;"
                + " remove it or trim it");
      }
      digests.add(sha256(token));
    }
  }

  @Override
  public Result authenticate(SyncHttpRequest request) {
    String header = request.header("Authorization");
    if (header == null || header.isBlank()) {
      return Result.deny("missing Authorization header; send Authorization: Bearer <token>");
    }
    if (header.length() <= PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Result.deny(
          "the Authorization header must use the Bearer scheme: Authorization: Bearer <token>");
    }
    byte[] presented = sha256(header.substring(PREFIX.length()).strip());
    boolean match = false;
    for (byte[] digest : digests) {
      match |= MessageDigest.isEqual(digest, presented);
    }
    return match ? Result.allow() : Result.deny("the bearer token is not valid for this server");
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
