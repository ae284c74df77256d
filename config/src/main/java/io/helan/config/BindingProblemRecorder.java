package io.helan.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what databinding cannot read (unknown keys, values of the wrong type) into config errors
 * and lets binding go on, so that one pass over the file finds all of them. An unreadable value
 * becomes null.
 */
final class BindingProblemRecorder extends DeserializationProblemHandler {
  private final LocationIndex locations;
  private final ConfigErrors errors;

  BindingProblemRecorder(LocationIndex locations, ConfigErrors errors) {
    this.locations = locations;
    this.errors = errors;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext context,
      JsonParser parser,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    // Records bind through their constructor: Jackson buffers a key it does not know until it
    // has every constructor argument and replays the key from a token buffer that has lost the
    // path. The real parser is then still inside the mapping, or on its end.
    String path =
        parser == context.getParser()
            ? LocationIndex.pathOf(parser)
            : LocationIndex.childPath(
                LocationIndex.mappingPathOf(context.getParser()), propertyName);
    report(path, "unknown key '" + propertyName + "'" + knownKeys(deserializer));
    parser.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext context, Class<?> targetType, String value, String failureMsg) {
    report(
        LocationIndex.pathOf(context.getParser()),
        "'" + value + "' is not " + describe(targetType));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext context, Class<?> targetType, Number value, String failureMsg) {
    report(LocationIndex.pathOf(context.getParser()), value + " is " + failureMsg);
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext context,
      JavaType targetType,
      JsonToken token,
      JsonParser parser,
      String failureMsg)
      throws IOException {
    report(
        LocationIndex.pathOf(parser),
        "expected " + describe(targetType.getRawClass()) + ", found " + describe(token));
    parser.skipChildren();
    return null;
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext context,
      Class<?> instClass,
      ValueInstantiator instantiator,
      JsonParser parser,
      String msg)
      throws IOException {
    report(
        LocationIndex.pathOf(parser),
        "expected a mapping of keys, found " + describe(parser.currentToken()));
    parser.skipChildren();
    return null;
  }

  private void report(String path, String message) {
    errors.add(locations.locate(path), path, message);
  }

  private static String knownKeys(JsonDeserializer<?> deserializer) {
    Collection<Object> names = deserializer.getKnownPropertyNames();
    if (names == null || names.isEmpty()) {
      return "";
    }
    return names.stream()
        .map(String::valueOf)
        .sorted()
        .collect(Collectors.joining(", ", " (known keys: ", ")"));
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a text";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys";
    }
    return "a " + type.getSimpleName();
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "nothing";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }
}
