package io.helan.audit;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One entry of the audit trail: who did what, when, from where, and with what result, chained to
 * the entry before it by {@code prevHash}.
 *
 * @param seq position in the trail, 1 for the first record, without gaps
 * @param time when it happened (UTC, microsecond precision)
 * @param user who did it ({@code system} for the server's own actions)
 * @param channel rest, websocket, opcua, cli or system
 * @param address the client's address, or {@code local}
 * @param action what was done, e.g. {@code command.select}, {@code login}
 * @param target what it was done to, e.g. {@code yc-xinghuayuan.aqm/zero-cal} or a user name
 * @param detail parameters, reasons, the device's answer
 * @param result the outcome, e.g. {@code SELECTED}, {@code REFUSED}, {@code ok}
 * @param prevHash hash of the record before (64 zeros for the first)
 * @param hash SHA-256 over the canonical encoding of every field above, in hex
 */
public record AuditRecord(
    long seq,
    Instant time,
    String user,
    String channel,
    String address,
    String action,
    String target,
    String detail,
    String result,
    String prevHash,
    String hash) {

  /** The prevHash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  public AuditRecord {
    user = nonNull(user);
    channel = nonNull(channel);
    address = nonNull(address);
    action = nonNull(action);
    target = nonNull(target);
    detail = nonNull(detail);
    result = nonNull(result);
  }

  /** A new record whose hash is computed from its content and the previous hash. */
  static AuditRecord chained(
      long seq,
      Instant time,
      String user,
      String channel,
      String address,
      String action,
      String target,
      String detail,
      String result,
      String prevHash) {
    AuditRecord unsealed =
        new AuditRecord(
            seq, time, user, channel, address, action, target, detail, result, prevHash, "");
    return new AuditRecord(
        seq,
        time,
        user,
        channel,
        address,
        action,
        target,
        detail,
        result,
        prevHash,
        unsealed.computeHash());
  }

  /**
   * SHA-256 over the canonical encoding: every field but the hash, in declaration order, each as
   * its UTF-8 length (4 bytes, big-endian) followed by its UTF-8 bytes, so no two different records
   * encode alike whatever characters their fields hold.
   */
  public String computeHash() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (String field :
          new String[] {
            Long.toString(seq),
            time.toString(),
            user,
            channel,
            address,
            action,
            target,
            detail,
            result,
            prevHash
          }) {
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** One line of the audit log. */
  public String toJsonLine() {
    return new JsonObject()
        .put("seq", seq)
        .put("time", time.toString())
        .put("user", user)
        .put("channel", channel)
        .put("address", address)
        .put("action", action)
        .put("target", target)
        .put("detail", detail)
        .put("result", result)
        .put("prevHash", prevHash)
        .put("hash", hash)
        .encode();
  }

  /**
   * Parses one line of the audit log.
   *
   * @throws IllegalArgumentException if the line is not a complete record
   */
  public static AuditRecord parse(String line) {
    try {
      JsonObject json = new JsonObject(line);
      for (String field : new String[] {"seq", "time", "prevHash", "hash"}) {
        if (json.getValue(field) == null) {
          throw new IllegalArgumentException("no '" + field + "'");
        }
      }
      return new AuditRecord(
          json.getLong("seq"),
          Instant.parse(json.getString("time")),
          json.getString("user"),
          json.getString("channel"),
          json.getString("address"),
          json.getString("action"),
          json.getString("target"),
          json.getString("detail"),
          json.getString("result"),
          json.getString("prevHash"),
          json.getString("hash"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
