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
 * @param fenceMetres how far from its registered place its monitored position may be before it
 *     counts as having left its fence; NaN when it has no fence
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
    List<String> points,
    double fenceMetres) {

  public RadioactiveSource {
    points = List.copyOf(points);
  }

  /** Its monitor's point whose id ends with {@code .<name>}, e.g. {@code latitude}. */
  public java.util.Optional<String> point(String name) {
    return points.stream().filter(p -> p.endsWith("." + name)).findFirst();
  }
}
