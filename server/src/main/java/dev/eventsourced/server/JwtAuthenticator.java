package dev.eventsourced.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.protocol.EventRules;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code Authorization: Bearer <jwt>}: the JWS compact form with HS256 or RS256, the time
 * claims, issuer and audience, and turns the {@code collections} claim into {@link Access} (see
 * {@link JwtOptions}). Only the JDK's {@code javax.crypto} and {@code java.security} and
 * jackson-core (already the server's JSON parser) are used.
 *
 * <p>A bearer token that is not shaped like a JWT goes to {@code opaqueTokens} when there is one
 * (the static tokens, which keep full access), and is refused otherwise.
 */
final class JwtAuthenticator implements Authenticator {

  private static final String PREFIX = "bearer ";
  private static final int MAX_TOKEN_CHARS = 16 * 1024;
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final byte[] secret;
  private final JwksKeys jwks;
  private final String issuer;
  private final String audience;
  private final long skewSeconds;
  private final Authenticator opaqueTokens;
  private final Clock clock;

  JwtAuthenticator(JwtOptions options, Authenticator opaqueTokens) {
    this(options, opaqueTokens, Clock.systemUTC());
  }

  JwtAuthenticator(JwtOptions options, Authenticator opaqueTokens, Clock clock) {
    this.secret = options.hs256Secret();
    if (secret == null && options.jwksFile() == null && options.jwksUrl() == null) {
      throw new ServerConfigException(
          "JWT authentication needs a key; give an HS256 secret (--jwt-hs256-secret-file) or a"
              + " JWKS (--jwks-file or --jwks-url)");
    }
    if (secret != null && secret.length < JwtOptions.MIN_SECRET_BYTES) {
      throw new ServerConfigException(
          "the HS256 secret has "
              + secret.length
              + " bytes; it needs at least "
              + JwtOptions.MIN_SECRET_BYTES
              + " (RFC 7518 section 3.2), e.g. 32 random bytes");
    }
    if (options.clockSkew().isNegative() || options.clockSkew().toMinutes() > 5) {
      throw new ServerConfigException(
          "the JWT clock skew must be 0 s..5 min, got " + options.clockSkew());
    }
    this.jwks =
        options.jwksFile() == null && options.jwksUrl() == null
            ? null
            : new JwksKeys(options.jwksFile(), options.jwksUrl(), options.jwksRefreshInterval());
    this.issuer = options.issuer();
    this.audience = options.audience();
    this.skewSeconds = options.clockSkew().toSeconds();
    this.opaqueTokens = opaqueTokens;
    this.clock = clock;
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
    String token = header.substring(PREFIX.length()).strip();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return opaqueTokens != null
          ? opaqueTokens.authenticate(request)
          : Result.deny("the bearer token is not a JWT (header.payload.signature)");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      return Result.deny("the JWT is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    try {
      return Result.allow(verify(parts));
    } catch (Refused e) {
      return Result.deny(e.getMessage());
    }
  }

  private Access verify(String[] parts) {
    Map<String, Object> header = object(decode(parts[0], "header"), "header");
    Object alg = header.get("alg");
    if (header.containsKey("crit")) {
      throw new Refused("the JWT header has \"crit\" extensions, which this server does not know");
    }
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = decode(parts[2], "signature");
    if ("HS256".equals(alg) && secret != null) {
      checkHs256(signed, signature);
    } else if ("RS256".equals(alg) && jwks != null) {
      Object kid = header.get("kid");
      if (kid != null && !(kid instanceof String)) {
        throw new Refused("the JWT header's kid must be a string");
      }
      checkRs256(signed, signature, (String) kid);
    } else {
      throw new Refused(
          "the JWT alg "
              + (alg instanceof String ? "\"" + alg + "\"" : String.valueOf(alg))
              + " is not accepted; this server accepts "
              + (secret != null && jwks != null
                  ? "HS256 and RS256"
                  : secret != null ? "HS256" : "RS256"));
    }
    Map<String, Object> claims = object(decode(parts[1], "payload"), "payload");
    checkTimes(claims);
    checkIssuerAndAudience(claims);
    Object sub = claims.get("sub");
    return new Access(
        sub instanceof String ? (String) sub : null,
        rights(claims, "push", Integer.MAX_VALUE),
        rights(claims, "pull", JwtOptions.MAX_PULL_COLLECTIONS));
  }

  private void checkHs256(byte[] signed, byte[] signature) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      if (!MessageDigest.isEqual(mac.doFinal(signed), signature)) {
        throw new Refused("the JWT signature is not valid");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private void checkRs256(byte[] signed, byte[] signature, String kid) {
    List<RSAPublicKey> keys = jwks.keys(kid);
    if (keys.isEmpty()) {
      throw new Refused(
          kid == null
              ? "no RS256 key is configured to check this JWT"
              : "the JWT's kid \"" + kid + "\" is not in the server's JWKS");
    }
    for (RSAPublicKey key : keys) {
      try {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signed);
        if (verifier.verify(signature)) {
          return;
        }
      } catch (java.security.SignatureException e) {
        // wrong length or shape: not valid under this key
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA256withRSA is part of every JDK", e);
      }
    }
    throw new Refused("the JWT signature is not valid");
  }

  private void checkTimes(Map<String, Object> claims) {
    long now = clock.instant().getEpochSecond();
    Object exp = claims.get("exp");
    if (exp == null) {
      throw new Refused("the JWT has no exp claim; tokens must expire");
    }
    if (!(exp instanceof Number)) {
      throw new Refused("the JWT's exp claim must be a number (seconds since the epoch)");
    }
    if (now > ((Number) exp).longValue() + skewSeconds) {
      throw new Refused("the JWT has expired; get a new token");
    }
    Object nbf = claims.get("nbf");
    if (nbf != null) {
      if (!(nbf instanceof Number)) {
        throw new Refused("the JWT's nbf claim must be a number (seconds since the epoch)");
      }
      if (now + skewSeconds < ((Number) nbf).longValue()) {
        throw new Refused("the JWT is not valid yet (nbf is in the future)");
      }
    }
  }

  private void checkIssuerAndAudience(Map<String, Object> claims) {
    if (issuer != null && !issuer.equals(claims.get("iss"))) {
      throw new Refused("the JWT's iss is not the issuer this server trusts");
    }
    if (audience != null) {
      Object aud = claims.get("aud");
      boolean match =
          audience.equals(aud) || (aud instanceof List && ((List<?>) aud).contains(audience));
      if (!match) {
        throw new Refused("the JWT's aud does not name this server (\"" + audience + "\")");
      }
    }
  }

  /** {@code collections.push} or {@code collections.pull}: names or "*"; absent grants nothing. */
  private static Set<String> rights(Map<String, Object> claims, String which, int max) {
    Object collections = claims.get("collections");
    if (collections == null) {
      return Set.of();
    }
    if (!(collections instanceof Map)) {
      throw new Refused(
          "the JWT's collections claim must be an object like"
              + " {\"push\":[\"todos\"],\"pull\":[\"*\"]}");
    }
    Object list = ((Map<?, ?>) collections).get(which);
    if (list == null) {
      return Set.of();
    }
    if (!(list instanceof List)) {
      throw new Refused("the JWT's collections." + which + " must be an array of names or \"*\"");
    }
    Set<String> names = new HashSet<>();
    for (Object name : (List<?>) list) {
      if (!(name instanceof String)
          || (!Access.ANY.equals(name) && EventRules.nameProblem((String) name) != null)) {
        throw new Refused(
            "the JWT's collections."
                + which
                + " holds "
                + name
                + ", not a collection name or \"*\"");
      }
      names.add((String) name);
    }
    if (!names.contains(Access.ANY) && names.size() > max) {
      throw new Refused(
          "the JWT's collections." + which + " names more than " + max + " collections; use \"*\"");
    }
    return names;
  }

  private static byte[] decode(String part, String what) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new Refused("the JWT's " + what + " is not base64url");
    }
  }

  private static Map<String, Object> object(byte[] json, String what) {
    Object value;
    try {
      value = parseJson(json);
    } catch (IOException | RuntimeException e) {
      throw new Refused("the JWT's " + what + " is not a JSON object");
    }
    if (!(value instanceof Map)) {
      throw new Refused("the JWT's " + what + " is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  /** Objects become maps, arrays lists, numbers {@link Number}s, the rest strings and booleans. */
  static Object parseJson(byte[] json) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      parser.nextToken();
      Object value = readValue(parser, 0);
      if (parser.nextToken() != null) {
        throw new IOException("content after the JSON value");
      }
      return value;
    }
  }

  private static Object readValue(JsonParser parser, int depth) throws IOException {
    if (depth > 16) {
      throw new IOException("nested too deeply");
    }
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("no JSON value");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, readValue(parser, depth + 1));
        }
        return map;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(parser, depth + 1));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + token);
    }
  }

  static BigInteger unsigned(String base64url) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
  }

  /** A refusal with a reason the client may read. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
