package io.helan.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one site file. Keeps the first problem per key path: a value that could
 * not be read (and so became null) must not be reported a second time as missing.
 */
final class ConfigErrors {
  private final String file;
  private final Map<String, ConfigError> byPath = new LinkedHashMap<>();

  ConfigErrors(String file) {
    this.file = file;
  }

  void add(LocationIndex.Location location, String path, String message) {
    byPath.putIfAbsent(
        path, new ConfigError(file, location.line(), location.column(), path, message));
  }

  boolean isEmpty() {
    return byPath.isEmpty();
  }

  /** Throws every problem collected so far, in file order, if there is any. */
  void throwIfAny() {
    if (byPath.isEmpty()) {
      return;
    }
    List<ConfigError> errors = new ArrayList<>(byPath.values());
    errors.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    throw new SiteConfigException(errors);
  }
}
