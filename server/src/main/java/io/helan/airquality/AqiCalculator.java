package io.helan.airquality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Computes the AQI of HJ 633-2012 from validated concentrations: each pollutant's IAQI, the AQI as
 * the highest of them, the primary pollutant(s) and the category.
 *
 * <p>IAQIs are rounded to integers before they are compared; the rounding mode is not fixed by the
 * tables, so it is a parameter (the usual practice, and the default, is rounding up).
 */
public final class AqiCalculator {
  private final RoundingMode rounding;

  public AqiCalculator(RoundingMode rounding) {
    this.rounding = rounding;
  }

  /** Rounds IAQIs up to the next integer. */
  public AqiCalculator() {
    this(RoundingMode.CEILING);
  }

  /**
   * The AQI of the pollutants present, or empty when none is. Pollutants without a usable
   * concentration (including an SO2 1-h or O3 8-h mean above its table without the replacement
   * mean) are listed as missing.
   */
  public Optional<Aqi> compute(AqiReport report, Concentrations concentrations) {
    List<SubIndex> subIndices = new ArrayList<>();
    Set<Pollutant> missing = EnumSet.noneOf(Pollutant.class);
    for (Pollutant pollutant : Pollutant.values()) {
      Optional<SubIndex> subIndex = subIndex(report.indicator(pollutant), concentrations);
      if (subIndex.isPresent()) {
        subIndices.add(subIndex.get());
      } else {
        missing.add(pollutant);
      }
    }
    if (subIndices.isEmpty()) {
      return Optional.empty();
    }
    int aqi = subIndices.stream().mapToInt(SubIndex::value).max().orElseThrow();
    Set<Pollutant> primary = EnumSet.noneOf(Pollutant.class);
    Set<Pollutant> exceeding = EnumSet.noneOf(Pollutant.class);
    for (SubIndex subIndex : subIndices) {
      if (aqi > 50 && subIndex.value() == aqi) {
        primary.add(subIndex.pollutant());
      }
      if (subIndex.value() > 100) {
        exceeding.add(subIndex.pollutant());
      }
    }
    return Optional.of(new Aqi(aqi, AqiCategory.of(aqi), subIndices, primary, exceeding, missing));
  }

  private Optional<SubIndex> subIndex(Indicator indicator, Concentrations concentrations) {
    OptionalDouble concentration = concentrations.get(indicator);
    if (concentration.isEmpty()) {
      return Optional.empty();
    }
    double c = concentration.getAsDouble();
    if (indicator.endsEarly() && c > indicator.lastBreakpoint()) {
      return subIndex(AqiReport.aboveTable(indicator), concentrations);
    }
    BigDecimal exact = indicator.iaqi(c);
    return Optional.of(
        new SubIndex(indicator, c, exact, exact.setScale(0, rounding).intValueExact()));
  }
}
