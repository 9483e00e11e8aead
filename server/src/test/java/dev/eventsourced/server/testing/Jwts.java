package dev.eventsourced.server.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mints JWTs and JWKS documents for tests, with the JDK only. */
public final class Jwts {

  /** A 32-byte HS256 secret. */
  public static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {}

  /**
   * Claims valid for an hour from now with the given rights (JSON arrays, e.g. {@code ["todos"]}).
   */
  public static String claims(String push, String pull) {
    return claims(push, pull, Instant.now().getEpochSecond() + 3600, null);
  }

  /** Claims with {@code exp} and an optional extra member text such as {@code "nbf":123}. */
  public static String claims(String push, String pull, long exp, String extra) {
    return "{\"sub\":\"user-1\",\"exp\":"
        + exp
        + (extra == null ? "" : "," + extra)
        + ",\"collections\":{\"push\":"
        + push
        + ",\"pull\":"
        + pull
        + "}}";
  }

  public static String hs256(byte[] secret, String claims) {
    String signingInput = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(claims);
    return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
  }

  /** A token with any header, signed with HMAC-SHA256 and {@code secret}. */
  public static String hmacWithHeader(byte[] secret, String header, String claims) {
    String signingInput = part(header) + "." + part(claims);
    return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
  }

  /** {@code alg: none} with an empty signature. */
  public static String unsigned(String claims) {
    return part("{\"alg\":\"none\"}") + "." + part(claims) + ".";
  }

  public static String rs256(PrivateKey key, String kid, String claims) {
    String header =
        "{\"alg\":\"RS256\",\"typ\":\"JWT\""
            + (kid == null ? "" : ",\"kid\":\"" + kid + "\"")
            + "}";
    String signingInput = part(header) + "." + part(claims);
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWKS holding the public keys, each with its kid. */
  public static String jwks(List<String> kids, List<KeyPair> keys) {
    StringBuilder json = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < keys.size(); i++) {
      RSAPublicKey key = (RSAPublicKey) keys.get(i).getPublic();
      json.append(i == 0 ? "" : ",")
          .append("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"")
          .append(kids.get(i))
          .append("\",\"n\":\"")
          .append(B64.encodeToString(unsigned(key.getModulus().toByteArray())))
          .append("\",\"e\":\"")
          .append(B64.encodeToString(unsigned(key.getPublicExponent().toByteArray())))
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private static byte[] unsigned(byte[] twosComplement) {
    return twosComplement[0] == 0
        ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
        : twosComplement;
  }

  private static String part(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
