package dev.eventsourced.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RS256 public keys of a JWKS (RFC 7517) from a file or a URL, by {@code kid}. Loaded when the
 * server starts (a file that cannot be read stops the start; a URL that does not answer is tried
 * again on the first token), and loaded again when a token names a {@code kid} that is not known,
 * at most once per refresh interval, so rotated keys are picked up and unknown ids cannot make the
 * server hammer the key server. Keys other than RSA signature keys of at least 2048 bits are
 * skipped.
 */
final class JwksKeys {

  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_JWKS_BYTES = 1 << 20;

  private final Path file;
  private final URI url;
  private final long refreshIntervalNanos;
  private final HttpClient http;
  private volatile Map<String, RSAPublicKey> keys = Map.of();
  private long lastLoad;
  private boolean loaded;

  JwksKeys(Path file, URI url, Duration refreshInterval) {
    if (file != null && url != null) {
      throw new ServerConfigException("give either a JWKS file or a JWKS URL, not both");
    }
    if (url != null && !"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new ServerConfigException("the JWKS URL must be http(s)://..., got " + url);
    }
    this.file = file;
    this.url = url;
    this.refreshIntervalNanos = refreshInterval.toNanos();
    this.http = url == null ? null : HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    try {
      load();
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        throw new ServerConfigException(
            "cannot read the JWKS file " + file + ": " + e.getMessage() + "; give a JWKS JSON file",
            e);
      }
      LOG.warn(
          "Could not fetch the JWKS from {} (tried again on the first token): {}",
          url,
          e.toString());
    }
  }

  /** The keys a token with {@code kid} (or without one: {@code null}) may be signed with. */
  List<RSAPublicKey> keys(String kid) {
    List<RSAPublicKey> found = lookup(kid);
    if (found.isEmpty() && mayReload()) {
      try {
        load();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not load the JWKS from {}: {}", file != null ? file : url, e.toString());
      }
      found = lookup(kid);
    }
    return found;
  }

  private List<RSAPublicKey> lookup(String kid) {
    Map<String, RSAPublicKey> current = keys;
    if (kid == null) {
      return new ArrayList<>(current.values());
    }
    RSAPublicKey key = current.get(kid);
    return key == null ? List.of() : List.of(key);
  }

  private synchronized boolean mayReload() {
    long now = System.nanoTime();
    if (loaded && now - lastLoad < refreshIntervalNanos) {
      return false;
    }
    lastLoad = now;
    return true;
  }

  private void load() throws IOException {
    byte[] json;
    if (file != null) {
      json = Files.readAllBytes(file);
    } else {
      try {
        HttpResponse<byte[]> response =
            http.send(
                HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        json = response.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    if (json.length > MAX_JWKS_BYTES) {
      throw new IOException("the JWKS is larger than " + MAX_JWKS_BYTES + " bytes");
    }
    keys = parse(json);
    synchronized (this) {
      loaded = true;
      lastLoad = System.nanoTime();
    }
  }

  /** {@code {"keys":[{"kty":"RSA","kid":..,"n":..,"e":..},...]}}; keys without kid get an index. */
  static Map<String, RSAPublicKey> parse(byte[] json) throws IOException {
    Object root = JwtAuthenticator.parseJson(json);
    if (!(root instanceof Map) || !(((Map<?, ?>) root).get("keys") instanceof List)) {
      throw new IOException("a JWKS is an object with a \"keys\" array");
    }
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    int index = 0;
    for (Object entry : (List<?>) ((Map<?, ?>) root).get("keys")) {
      index++;
      if (!(entry instanceof Map)) {
        continue;
      }
      Map<?, ?> jwk = (Map<?, ?>) entry;
      boolean rsa = "RSA".equals(jwk.get("kty"));
      boolean signing = jwk.get("use") == null || "sig".equals(jwk.get("use"));
      boolean rs256 = jwk.get("alg") == null || "RS256".equals(jwk.get("alg"));
      if (!rsa
          || !signing
          || !rs256
          || !(jwk.get("n") instanceof String)
          || !(jwk.get("e") instanceof String)) {
        continue;
      }
      try {
        RSAPublicKey key =
            (RSAPublicKey)
                KeyFactory.getInstance("RSA")
                    .generatePublic(
                        new RSAPublicKeySpec(
                            JwtAuthenticator.unsigned((String) jwk.get("n")),
                            JwtAuthenticator.unsigned((String) jwk.get("e"))));
        if (key.getModulus().bitLength() < 2048) {
          LOG.warn("Skipping JWKS key {}: RSA keys need at least 2048 bits", jwk.get("kid"));
          continue;
        }
        Object kid = jwk.get("kid");
        keys.put(kid instanceof String ? (String) kid : "#" + index, key);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        LOG.warn("Skipping JWKS key {}: {}", jwk.get("kid"), e.toString());
      }
    }
    return Map.copyOf(keys);
  }
}
