package io.helan.config;

import java.util.List;
import java.util.stream.Collectors;

/** A site file that cannot be used; carries every problem found in it, not only the first. */
public final class SiteConfigException extends RuntimeException {
  private final List<ConfigError> errors;

  /** Takes at least one error. */
  public SiteConfigException(List<ConfigError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  /** The problems in file order. */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String describe(List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a SiteConfigException needs at least one error");
    }
    String heading =
        errors.size() == 1
            ? "1 error in site file " + errors.get(0).file()
            : errors.size() + " errors in site file " + errors.get(0).file();
    return errors.stream()
        .map(ConfigError::toString)
        .collect(Collectors.joining("\n  ", heading + ":\n  ", ""));
  }
}
