package io.helan.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code connection} block of one device as a {@link ConnectionType} reads it: typed values by
 * key, with each problem reported at the key's place in the file. Keys the type never asks for are
 * reported by {@link #rejectUnread()} as not applying to the protocol.
 */
public final class ConnectionSettings implements ConnectionType.Problems {
  private final String protocol;
  private final JsonNode block;
  private final String path;
  private final ConnectionType.Problems fileProblems;
  private final Set<String> read = new LinkedHashSet<>();
  private boolean failed;

  /**
   * @param block the device's {@code connection} mapping, or null if it has none
   * @param path key path of the block, e.g. {@code stations[0].devices[1].connection}
   * @param fileProblems takes a key path in the file and what is wrong there
   */
  ConnectionSettings(
      String protocol, JsonNode block, String path, ConnectionType.Problems fileProblems) {
    this.protocol = protocol;
    this.block = block;
    this.path = path;
    this.fileProblems = fileProblems;
  }

  /** Whether the device has a {@code connection} block at all. */
  public boolean present() {
    return block != null && !block.isNull();
  }

  /** The text at {@code key}, or empty if the key is absent (or not text, which is reported). */
  public Optional<String> text(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isValueNode() || value.isNull()) {
      report(key, "expected text, found " + describe(value));
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /** The text at {@code key}; reports it when absent or blank. */
  public Optional<String> requiredText(String key) {
    if (value(key) == null) {
      report(key, "required");
      return Optional.empty();
    }
    Optional<String> text = text(key);
    if (text.isPresent() && text.get().isBlank()) {
      report(key, "must not be empty");
      return Optional.empty();
    }
    return text;
  }

  /** The whole number at {@code key}, or empty if absent (or not a whole number: reported). */
  public Optional<Integer> integer(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return Optional.of(value.intValue());
    }
    if (value.isTextual()) {
      try {
        return Optional.of(Integer.parseInt(value.asText().trim()));
      } catch (NumberFormatException e) {
        report(key, "'" + value.asText() + "' is not an integer");
        return Optional.empty();
      }
    }
    if (value.isIntegralNumber()) {
      report(key, value.asText() + " is too large");
    } else if (value.isNumber()) {
      report(key, value.asText() + " is not a whole number");
    } else {
      report(key, "expected an integer, found " + describe(value));
    }
    return Optional.empty();
  }

  /** A positive whole number at {@code key}, or {@code defaultValue} if the key is absent. */
  public int positive(String key, int defaultValue) {
    Optional<Integer> value = integer(key);
    if (value.isPresent() && value.get() <= 0) {
      report(key, "must be positive");
    }
    return value.orElse(defaultValue);
  }

  /**
   * The value at {@code key} as {@code parse} reads it, or {@code defaultValue} if absent.
   *
   * @param what what the values are, for the message ("word order")
   * @param allowed the values {@code parse} accepts, for the message
   */
  public <T> T oneOf(
      String key, Function<String, T> parse, String what, String allowed, T defaultValue) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return parse.apply(text.get());
    } catch (IllegalArgumentException e) {
      report(key, "unknown " + what + " '" + text.get() + "' (expected one of: " + allowed + ")");
      return defaultValue;
    }
  }

  /** Reports each key the type did not read: it does not apply to this protocol. */
  public void rejectUnread() {
    if (!present() || !block.isObject()) {
      return;
    }
    List<String> unread = new ArrayList<>();
    for (Iterator<String> keys = block.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!read.contains(key)) {
        unread.add(key);
      }
    }
    for (String key : unread) {
      report(
          key,
          key
              + " does not apply to "
              + protocol
              + " devices (they take: "
              + String.join(", ", read)
              + ")");
    }
  }

  /** Reports a problem with the value at {@code key} of this block. */
  @Override
  public void report(String key, String message) {
    failed = true;
    fileProblems.report(path + "." + key, message);
  }

  /** Whether any problem was reported for this block. */
  public boolean failed() {
    return failed;
  }

  private JsonNode value(String key) {
    read.add(key);
    if (!present() || !block.isObject()) {
      return null;
    }
    JsonNode value = block.get(key);
    return value == null || value.isNull() ? null : value;
  }

  private static String describe(JsonNode value) {
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return value.isNull() ? "nothing" : "a " + value.getNodeType().name().toLowerCase();
  }
}
