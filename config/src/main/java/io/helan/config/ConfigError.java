package io.helan.config;

/**
 * One problem found in a site file: where it is and what is wrong.
 *
 * @param file the file as it was named to the loader (a path or a classpath resource)
 * @param line 1-based line
 * @param column 1-based column
 * @param path key path of the offending value, e.g. {@code
 *     stations[37].devices[0].connection.port}; empty for problems of the whole file
 * @param message what is wrong
 */
public record ConfigError(String file, int line, int column, String path, String message) {

  /** The compiler-style form {@code file:line:column: path: message}. */
  @Override
  public String toString() {
    String where = file + ":" + line + ":" + column + ": ";
    return path.isEmpty() ? where + message : where + path + ": " + message;
  }
}
