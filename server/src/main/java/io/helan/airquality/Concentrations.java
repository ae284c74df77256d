package io.helan.airquality;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The validated mean concentrations an AQI is computed from, by pollutant and averaging time
 * (µg/m³, CO mg/m³). An indicator without a value is missing (no valid mean).
 */
public final class Concentrations {
  private final Map<Indicator, Double> values;

  private Concentrations(Map<Indicator, Double> values) {
    this.values = values;
  }

  public static Concentrations none() {
    return new Concentrations(new EnumMap<>(Indicator.class));
  }

  /**
   * The same concentrations with one more value; NaN leaves the indicator missing.
   *
   * @throws IllegalArgumentException for a negative or infinite concentration
   */
  public Concentrations with(Indicator indicator, double concentration) {
    if (Double.isNaN(concentration)) {
      return this;
    }
    if (Double.isInfinite(concentration) || concentration < 0) {
      throw new IllegalArgumentException(
          indicator + ": concentration must be a finite number ≥ 0, got " + concentration);
    }
    EnumMap<Indicator, Double> copy = new EnumMap<>(Indicator.class);
    copy.putAll(values);
    copy.put(indicator, concentration);
    return new Concentrations(copy);
  }

  public OptionalDouble get(Indicator indicator) {
    Double value = values.get(indicator);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public Map<Indicator, Double> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /**
   * The concentrations of a city or region: for each indicator the arithmetic mean over the
   * stations that have a value for it (HJ 633-2012: the area's AQI is computed from the mean
   * concentrations of its stations, not from their AQIs).
   */
  public static Concentrations meanOf(Collection<Concentrations> stations) {
    EnumMap<Indicator, Double> means = new EnumMap<>(Indicator.class);
    for (Indicator indicator : Indicator.values()) {
      double sum = 0;
      int count = 0;
      for (Concentrations station : stations) {
        Double value = station.values.get(indicator);
        if (value != null) {
          sum += value;
          count++;
        }
      }
      if (count > 0) {
        means.put(indicator, sum / count);
      }
    }
    return new Concentrations(means);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Concentrations that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
