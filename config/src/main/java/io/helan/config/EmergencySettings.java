package io.helan.config;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's emergency configuration (the {@code emergency:} section of a site file).
 *
 * @param radiusKm radiation stations within this distance of an incident go to high-frequency
 *     measurement while it is open
 * @param highFrequencySeconds their measurement interval then, unless the class's plan says
 *     otherwise
 * @param routineSeconds the routine measurement interval they return to when the incident ends
 * @param bounds where incidents and releases may be placed
 * @param cloudDoseFactor gamma air dose rate of a semi-infinite cloud per unit activity
 *     concentration, nGy/h per Bq/m³: turns the plume's air concentration into dose rate. A
 *     configurable assumption; the default 0.1 is the order of the cloud-immersion coefficient of
 *     Cs-137 with its Ba-137m daughter.
 * @param ambientDosePerAirKerma ambient dose equivalent per air kerma (Sv/Gy) for exports that
 *     report nSv/h (EURDEP) while the stations measure nGy/h; the default 1.2 is the ratio for 662
 *     keV photons
 * @param countryCode the country code of exports (EURDEP)
 * @param plans the graded plan of each class that has one
 */
public record EmergencySettings(
    double radiusKm,
    int highFrequencySeconds,
    int routineSeconds,
    SiteBounds bounds,
    double cloudDoseFactor,
    double ambientDosePerAirKerma,
    String countryCode,
    Map<EmergencyClass, EmergencyPlan> plans) {

  public static final double DEFAULT_RADIUS_KM = 30;
  public static final int DEFAULT_HIGH_FREQUENCY_SECONDS = 30;
  public static final int DEFAULT_ROUTINE_SECONDS = 300;
  public static final double DEFAULT_CLOUD_DOSE_FACTOR = 0.1;
  public static final double DEFAULT_AMBIENT_DOSE_PER_AIR_KERMA = 1.2;
  public static final String DEFAULT_COUNTRY_CODE = "CN";

  public EmergencySettings {
    Map<EmergencyClass, EmergencyPlan> copy = new EnumMap<>(EmergencyClass.class);
    copy.putAll(plans);
    plans = Map.copyOf(copy);
  }

  /** The defaults, no plans, bounds around the stations. */
  public static EmergencySettings defaults(List<Station> stations) {
    return new EmergencySettings(
        DEFAULT_RADIUS_KM,
        DEFAULT_HIGH_FREQUENCY_SECONDS,
        DEFAULT_ROUTINE_SECONDS,
        SiteBounds.around(stations),
        DEFAULT_CLOUD_DOSE_FACTOR,
        DEFAULT_AMBIENT_DOSE_PER_AIR_KERMA,
        DEFAULT_COUNTRY_CODE,
        Map.of());
  }

  public Optional<EmergencyPlan> plan(EmergencyClass emergencyClass) {
    return Optional.ofNullable(plans.get(emergencyClass));
  }
}
