package io.helan.waterquality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The class of a monitoring section (GB 3838-2002): the worst class among its parameters.
 *
 * @param waterClass the section's class
 * @param factors the class of every parameter assessed, in {@link WaterParameter} order
 * @param determining the parameters whose class is the section's class
 * @param missing parameters that apply to the water body but had no value
 */
public record SectionClass(
    WaterClass waterClass,
    List<FactorClass> factors,
    Set<WaterParameter> determining,
    Set<WaterParameter> missing) {

  public SectionClass {
    factors = List.copyOf(factors);
    determining = Collections.unmodifiableSet(ordered(determining));
    missing = Collections.unmodifiableSet(ordered(missing));
  }

  /**
   * Assesses a section from its parameters' values (NaN or absent: missing); empty when no
   * parameter that applies to the water body has a value.
   */
  public static Optional<SectionClass> assess(Map<WaterParameter, Double> values, WaterBody body) {
    List<FactorClass> factors = new ArrayList<>();
    Set<WaterParameter> missing = EnumSet.noneOf(WaterParameter.class);
    WaterClass worst = WaterClass.I;
    for (WaterParameter parameter : WaterParameter.values()) {
      if (!parameter.appliesTo(body)) {
        continue;
      }
      Double value = values.get(parameter);
      if (value == null || value.isNaN()) {
        missing.add(parameter);
        continue;
      }
      WaterClass waterClass = parameter.classOf(value, body).orElseThrow();
      factors.add(new FactorClass(parameter, value, waterClass));
      worst = worst.worse(waterClass);
    }
    if (factors.isEmpty()) {
      return Optional.empty();
    }
    Set<WaterParameter> determining = EnumSet.noneOf(WaterParameter.class);
    for (FactorClass factor : factors) {
      if (factor.waterClass() == worst) {
        determining.add(factor.parameter());
      }
    }
    return Optional.of(new SectionClass(worst, factors, determining, missing));
  }

  /** Whether every parameter that applies had a value. */
  public boolean isComplete() {
    return missing.isEmpty();
  }

  private static Set<WaterParameter> ordered(Set<WaterParameter> parameters) {
    Set<WaterParameter> ordered = EnumSet.noneOf(WaterParameter.class);
    ordered.addAll(parameters);
    return ordered;
  }
}
