package io.helan.products;

import io.helan.airquality.Aqi;
import io.helan.airquality.Concentrations;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The AQI of an area (a station, a city or the region) over one hour or day, with the validated
 * means it was computed from, so anyone can recompute it.
 *
 * @param start start of the hour or local day
 * @param end its end
 * @param area what it covers: {@code station:<id>}, {@code region:<id>} or {@code site}
 * @param stations the stations whose means were averaged
 * @param concentrations the validated means used, per indicator (for an area: the stations' mean)
 * @param aqi the AQI, empty when no pollutant had a valid mean
 */
public record AqiRow(
    Instant start,
    Instant end,
    String area,
    List<String> stations,
    Concentrations concentrations,
    Optional<Aqi> aqi) {}
