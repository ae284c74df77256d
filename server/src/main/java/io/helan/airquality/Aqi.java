package io.helan.airquality;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An air quality index: the highest IAQI of the pollutants present (HJ 633-2012).
 *
 * @param value the AQI
 * @param category its category (name and colour)
 * @param subIndices the IAQI of each pollutant present, in {@link Pollutant} order
 * @param primary the pollutants whose IAQI is the AQI, when the AQI is above 50; empty otherwise
 * @param exceeding the pollutants whose IAQI is above 100 (over the GB 3095-2012 grade II limit)
 * @param missing the pollutants without a usable concentration; the AQI is over the others only
 */
public record Aqi(
    int value,
    AqiCategory category,
    List<SubIndex> subIndices,
    Set<Pollutant> primary,
    Set<Pollutant> exceeding,
    Set<Pollutant> missing) {

  public Aqi {
    subIndices = List.copyOf(subIndices);
    primary = inPollutantOrder(primary);
    exceeding = inPollutantOrder(exceeding);
    missing = inPollutantOrder(missing);
  }

  private static Set<Pollutant> inPollutantOrder(Set<Pollutant> pollutants) {
    Set<Pollutant> ordered = EnumSet.noneOf(Pollutant.class);
    ordered.addAll(pollutants);
    return Collections.unmodifiableSet(ordered);
  }

  /** Whether all six pollutants contributed. An incomplete AQI may understate the pollution. */
  public boolean isComplete() {
    return missing.isEmpty();
  }
}
