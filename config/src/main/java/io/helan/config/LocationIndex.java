package io.helan.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Where each key path of a YAML text starts, found by one streaming pass over the text. Databinding
 * forgets locations; this index lets later checks point at the line of the offending key.
 *
 * <p>Paths look like {@code stations[37].devices[0].connection.port}: a mapping key adds {@code
 * .key}, a list element {@code [index]}. A key maps to the location of the key itself, a list
 * element to the start of the element.
 */
final class LocationIndex {

  /** A 1-based line and column. */
  record Location(int line, int column) {
    static final Location START = new Location(1, 1);
  }

  private static final YAMLFactory YAML = new YAMLFactory();

  private final Map<String, Location> locations = new HashMap<>();

  private LocationIndex() {}

  /**
   * Indexes {@code text}. Duplicate keys are reported to {@code errors}; a syntax error or an empty
   * text ends the load at once: it throws every error collected so far.
   */
  static LocationIndex scan(String text, ConfigErrors errors) {
    LocationIndex index = new LocationIndex();
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        errors.add(Location.START, "", "the file holds no site (it is empty)");
        errors.throwIfAny();
      }
      do {
        index.record(parser, errors);
      } while (parser.nextToken() != null);
    } catch (JacksonException e) {
      errors.add(locationOf(e.getLocation()), "", "YAML syntax error: " + describe(e));
      errors.throwIfAny();
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a string failed", e);
    }
    return index;
  }

  /** The location of {@code path}, or of its nearest ancestor that is in the file. */
  Location locate(String path) {
    for (String p = path; !p.isEmpty(); p = parentOf(p)) {
      Location location = locations.get(p);
      if (location != null) {
        return location;
      }
    }
    return Location.START;
  }

  /**
   * The key path of the token the parser is on: for a key the path of that key, for the end of a
   * mapping or list the path of that mapping or list.
   */
  static String pathOf(JsonParser parser) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = enclosingContext(parser);
        c != null && !c.inRoot();
        c = c.getParent()) {
      chain.add(0, c);
    }
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        path.append('[').append(c.getCurrentIndex()).append(']');
      } else if (c.getCurrentName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(c.getCurrentName());
      }
    }
    return path.toString();
  }

  /** The path of the mapping the parser is in (on a key) or has just closed (on its end). */
  static String mappingPathOf(JsonParser parser) {
    String path = pathOf(parser);
    return parser.currentToken() == JsonToken.FIELD_NAME ? parentOf(path) : path;
  }

  /** The path of key {@code key} in the mapping at {@code mappingPath}. */
  static String childPath(String mappingPath, String key) {
    return mappingPath.isEmpty() ? key : mappingPath + "." + key;
  }

  /** The mapping or list the current token belongs to (not the one a START token opens). */
  private static JsonStreamContext enclosingContext(JsonParser parser) {
    JsonToken token = parser.currentToken();
    return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
        ? parser.getParsingContext().getParent()
        : parser.getParsingContext();
  }

  private void record(JsonParser parser, ConfigErrors errors) throws IOException {
    JsonToken token = parser.currentToken();
    Location location = locationOf(parser.currentTokenLocation());
    if (token == JsonToken.FIELD_NAME) {
      Location first = locations.putIfAbsent(pathOf(parser), location);
      if (first != null) {
        errors.add(
            location,
            pathOf(parser),
            "duplicate key '" + parser.currentName() + "' (first at line " + first.line() + ")");
      }
    } else if (token != JsonToken.END_OBJECT
        && token != JsonToken.END_ARRAY
        && enclosingContext(parser).inArray()) {
      locations.put(pathOf(parser), location);
    }
  }

  private static Location locationOf(JsonLocation location) {
    return location == null
        ? Location.START
        : new Location(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
  }

  private static String describe(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml) {
      if (yaml.getContext() == null || yaml.getContextMark() == null) {
        return yaml.getProblem();
      }
      int contextLine = yaml.getContextMark().getLine() + 1;
      return yaml.getProblem() + " (" + yaml.getContext() + " from line " + contextLine + ")";
    }
    return e.getOriginalMessage();
  }

  private static String parentOf(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
