package io.helan.emergency;

import io.helan.config.EmergencySettings;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.Historian;
import io.helan.historian.RawSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An incident's dose-rate data as a EURDEP 2.x message: one locality per radiation station and one
 * time average per station and period over the incident. EURDEP reports ambient dose equivalent in
 * nSv/h while the stations measure air kerma rate in nGy/h: values are converted with the site's
 * configured factor, never equated. A real incident exports real data only (flag N); a drill its
 * drill data (flag X) as well, and its message id says DRILL.
 */
public final class EurdepExport {
  static final String FORMAT_VERSION = "2.0";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_SAMPLES_PER_STATION = 500_000;
  private static final long QUERY_TIMEOUT_SECONDS = 60;

  private final Site site;
  private final EmergencySettings settings;
  private final Historian historian;

  public EurdepExport(Site site, Historian historian) {
    this.site = site;
    this.settings = site.emergency();
    this.historian = historian;
  }

  /**
   * The message for the incident, from its occurrence to its end (or now), in periods of {@code
   * step} aligned to the UTC clock. Blocks the caller while the historian answers.
   */
  public String export(Incident incident, Duration step, Instant now) throws Exception {
    Instant from = truncate(min(incident.occurredAt(), incident.declaredAt()), step);
    Instant to = incident.endedAt() == null ? now : incident.endedAt();
    String country = settings.countryCode();
    StringBuilder out = new StringBuilder();
    out.append("\\BEGIN_EURDEP;\n");
    out.append("\\BEGIN_HEADER;\n");
    line(out, "FORMAT_VERSION", FORMAT_VERSION);
    line(out, "ORIGINATOR", "helan-" + site.id());
    line(out, "MESSAGE_ID", incident.id() + "-" + MINUTE.format(now).replace(":", ""));
    line(out, "SENT", MINUTE.format(now));
    line(out, "COUNTRY_CODE", country);
    out.append("\\END_HEADER;\n");

    List<Station> stations =
        site.stations().stream().filter(s -> s.kind() == StationKind.RADIATION_GAMMA).toList();
    // the site has no station heights: HEIGHT_ABOVE_SEA, optional, is left out
    out.append("\\BEGIN_LOCALITY;\n");
    out.append("\\FIELD_LIST LOCALITY_CODE,LOCALITY_NAME,LONGITUDE,LATITUDE;\n");
    for (int i = 0; i < stations.size(); i++) {
      Station station = stations.get(i);
      out.append(code(country, i))
          .append(',')
          .append(name(station))
          .append(',')
          .append(coordinate(station.longitude(), 'E', 'W', 3))
          .append(',')
          .append(coordinate(station.latitude(), 'N', 'S', 2))
          .append(";\n");
    }
    out.append("\\END_LOCALITY;\n");

    out.append("\\BEGIN_RADIOLOGICAL;\n");
    out.append("\\FIELD_LIST LOCALITY_CODE,BEGIN,END,NUCLIDE,SAMPLE_TYPE,UNIT,VALUE,VALUE_TYPE;\n");
    for (int i = 0; i < stations.size(); i++) {
      Optional<Point> doseRate = EmergencyService.doseRatePoint(stations.get(i));
      if (doseRate.isEmpty()) {
        continue;
      }
      List<RawSample> samples =
          historian
              .raw(doseRate.get(), from, to, MAX_SAMPLES_PER_STATION, false)
              .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (String row : averages(samples, incident.drill(), from, step)) {
        out.append(code(country, i)).append(',').append(row).append(";\n");
      }
    }
    out.append("\\END_RADIOLOGICAL;\n");
    out.append("\\END_EURDEP;\n");
    return out.toString();
  }

  /** One row tail per period with usable samples: BEGIN,END,…,VALUE,C in nSv/h. */
  private List<String> averages(
      List<RawSample> samples, boolean drill, Instant from, Duration step) {
    List<String> rows = new ArrayList<>();
    Instant periodStart = null;
    double sum = 0;
    int count = 0;
    for (RawSample sample : samples) {
      boolean usable =
          sample.quality() == Quality.GOOD
              && (sample.flag() == DataFlag.N || (drill && sample.flag() == DataFlag.X))
              && Double.isFinite(sample.value());
      if (!usable) {
        continue;
      }
      Instant start = truncate(sample.time(), step);
      if (periodStart != null && !start.equals(periodStart)) {
        rows.add(row(periodStart, step, sum / count));
        sum = 0;
        count = 0;
      }
      periodStart = start;
      sum += sample.value();
      count++;
    }
    if (count > 0) {
      rows.add(row(periodStart, step, sum / count));
    }
    return rows;
  }

  private String row(Instant start, Duration step, double meanAirKerma) {
    double ambientDose = meanAirKerma * settings.ambientDosePerAirKerma();
    return MINUTE.format(start)
        + ","
        + MINUTE.format(start.plus(step))
        + ",T-GAMMA,A5,NSV/H,"
        + String.format(Locale.ROOT, "%.1f", ambientDose)
        + ",C";
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append('\\').append(key).append(' ').append(value).append(";\n");
  }

  /** Locality codes: country code and the station's place among the site's radiation stations. */
  private static String code(String country, int index) {
    return String.format(Locale.ROOT, "%s%04d", country, index + 1);
  }

  /** The English name where there is one; EURDEP's separators never appear in it. */
  private static String name(Station station) {
    String name = station.nameEn().isBlank() ? station.id() : station.nameEn();
    return name.replaceAll("[,;\\\\]", " ");
  }

  /** {@code E106.2720}, {@code N38.4710}: hemisphere, zero-padded degrees, four decimals. */
  static String coordinate(double degrees, char positive, char negative, int digits) {
    String number = String.format(Locale.ROOT, "%0" + (digits + 5) + ".4f", Math.abs(degrees));
    return (degrees >= 0 ? positive : negative) + number;
  }

  private static Instant truncate(Instant time, Duration step) {
    long seconds = step.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
