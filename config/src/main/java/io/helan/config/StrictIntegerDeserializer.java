package io.helan.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.LongFunction;

/**
 * Reads whole numbers strictly. Jackson would truncate 0.5 to 0, or abort the whole binding on a
 * fraction or an overflow; here such values go to the problem handler like any other bad value, so
 * they are reported with their location and binding goes on.
 */
final class StrictIntegerDeserializer<T extends Number> extends StdScalarDeserializer<T> {
  private final Class<T> type;
  private final long min;
  private final long max;
  private final LongFunction<T> box;

  private StrictIntegerDeserializer(Class<T> type, long min, long max, LongFunction<T> box) {
    super(type);
    this.type = type;
    this.min = min;
    this.max = max;
    this.box = box;
  }

  /** Installs strict reading for {@link Integer} and {@link Long}. */
  static SimpleModule module() {
    return new SimpleModule("strict-integers")
        .addDeserializer(
            Integer.class,
            new StrictIntegerDeserializer<>(
                Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, value -> (int) value))
        .addDeserializer(
            Long.class,
            new StrictIntegerDeserializer<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, v -> v));
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          long value = parser.getLongValue();
          if (value >= min && value <= max) {
            return box.apply(value);
          }
        }
        return type.cast(
            context.handleWeirdNumberValue(type, parser.getNumberValue(), "too large"));
      case VALUE_NUMBER_FLOAT:
        return type.cast(
            context.handleWeirdNumberValue(type, parser.getNumberValue(), "not a whole number"));
      case VALUE_STRING:
        String text = parser.getText().trim();
        try {
          long value = Long.parseLong(text);
          if (value >= min && value <= max) {
            return box.apply(value);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        return type.cast(context.handleWeirdStringValue(type, text, "not a whole number"));
      default:
        return type.cast(context.handleUnexpectedToken(type, parser));
    }
  }
}
