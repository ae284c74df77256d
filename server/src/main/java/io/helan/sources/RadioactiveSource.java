package io.helan.sources;

import java.util.List;

/**
 * One sealed radioactive source of the register.
 *
 * @param id short key, lower-case letters, digits and '-'
 * @param name what the holder calls it
 * @param sourceClass Class I (most dangerous) to V
 * @param nuclide e.g. Co-60, Cs-137, Ir-192
 * @param activityBq its activity, Bq
 * @param category its use, e.g. industrial radiography, teletherapy, level gauge
 * @param holder who owns it (the licensed holder)
 * @param latitude where it is kept
 * @param longitude where it is kept
 * @param points the site's points that monitor it online (container dose rate, position), if any
 */
public record RadioactiveSource(
    String id,
    String name,
    SourceClass sourceClass,
    String nuclide,
    double activityBq,
    String category,
    String holder,
    double latitude,
    double longitude,
    List<String> points) {

  public RadioactiveSource {
    points = List.copyOf(points);
  }
}
