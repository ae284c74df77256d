package io.helan.reports;

/**
 * Which report: its period and its scope. Its {@link #id()} names it in the store and the API:
 * {@code daily-2026-12-06} (the region), {@code monthly-2026-11.city-yinchuan}, {@code
 * daily-2026-12-06.station-yc-a}.
 *
 * @param period the days covered
 * @param scope the part of the network covered
 */
public record ReportKey(ReportPeriod period, ReportScope scope) {

  /** The region's report of the period. */
  public static ReportKey region(ReportPeriod period) {
    return new ReportKey(period, ReportScope.REGION);
  }

  public String id() {
    return period.id() + scope.suffix();
  }

  /**
   * The report an id names.
   *
   * @throws IllegalArgumentException for an id that names none
   */
  public static ReportKey of(String id) {
    int dot = id.indexOf('.');
    return dot < 0
        ? region(ReportPeriod.of(id))
        : new ReportKey(
            ReportPeriod.of(id.substring(0, dot)), ReportScope.ofSuffix(id.substring(dot)));
  }
}
