package io.helan.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The origin of a request that one node of a cluster relays to another: the node answering it calls
 * its own HTTP API, so the connection it sees is its own; the relaying node therefore sends the
 * client's origin along in {@value #ORIGIN_HEADER}, signed with the cluster's shared secret in
 * {@value #SIGNATURE_HEADER} (HMAC-SHA256 over the method, the URI, the origin and the time). Only
 * a signature made with the secret, over this very request, at most {@link #FRESH} old, makes the
 * answering node put that origin on record; anything else is ignored and the connection's address
 * stands.
 */
public final class RelayedOrigin {
  public static final String ORIGIN_HEADER = "X-Helan-Relayed-Origin";
  public static final String SIGNATURE_HEADER = "X-Helan-Relayed-Origin-Signature";

  /** How old a signed origin may be when it arrives. */
  static final Duration FRESH = Duration.ofMinutes(1);

  private final SecretKeySpec key;

  /**
   * @param secret the secret every node of the cluster shares
   */
  public RelayedOrigin(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The headers that carry {@code origin} with a request relayed as {@code method uri}. */
  public Map<String, String> headers(Origin origin, String method, String uri, Instant now) {
    String value = now.toEpochMilli() + " " + origin.channel() + " " + origin.address();
    return Map.of(ORIGIN_HEADER, value, SIGNATURE_HEADER, sign(method, uri, value));
  }

  /**
   * The origin the headers carry, if a node of the cluster signed them for this request lately.
   *
   * @param value the {@value #ORIGIN_HEADER} header, or null
   * @param signature the {@value #SIGNATURE_HEADER} header, or null
   */
  public Optional<Origin> verify(
      String value, String signature, String method, String uri, Instant now) {
    if (value == null || signature == null) {
      return Optional.empty();
    }
    String[] parts = value.split(" ", 3);
    if (parts.length != 3) {
      return Optional.empty();
    }
    boolean signed =
        MessageDigest.isEqual(
            sign(method, uri, value).getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII));
    if (!signed) {
      return Optional.empty();
    }
    try {
      Instant sent = Instant.ofEpochMilli(Long.parseLong(parts[0]));
      if (Duration.between(sent, now).abs().compareTo(FRESH) > 0) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(new Origin(parts[1], parts[2]));
  }

  private String sign(String method, String uri, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest =
          mac.doFinal((method + "\n" + uri + "\n" + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
