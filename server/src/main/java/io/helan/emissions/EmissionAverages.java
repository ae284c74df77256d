package io.helan.emissions;

import io.helan.aggregates.Mean;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.EmissionLimit;
import io.helan.historian.RawSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hourly averages of a source's pollutant at reference O2 and their exceedances (HJ 75/76-2017):
 * the validated hourly mean of the pollutant is converted with the validated hourly mean of O2 over
 * the same hour. Data flagged F, M, S, D, C or B counts neither in the averages nor in the
 * judgement; an hour without enough valid minutes of either is not judged.
 */
public final class EmissionAverages {
  private final ValidatedAverages averages;

  public EmissionAverages(ValidatedAverages averages) {
    this.averages = averages;
  }

  /**
   * The hours from the hour holding {@code from} up to {@code to}.
   *
   * @param pollutant the pollutant's samples
   * @param o2 the samples of the O2 point named by the limit (ignored when the limit converts
   *     nothing)
   */
  public List<EmissionHour> hourly(
      List<RawSample> pollutant,
      List<RawSample> o2,
      EmissionLimit limit,
      Instant from,
      Instant to) {
    List<Mean> measured = averages.hourly(pollutant, from, to);
    List<Mean> oxygen = limit.convertsToReferenceO2() ? averages.hourly(o2, from, to) : null;
    List<EmissionHour> hours = new ArrayList<>(measured.size());
    for (int h = 0; h < measured.size(); h++) {
      Mean hour = measured.get(h);
      Mean o2Hour = oxygen == null ? null : oxygen.get(h);
      hours.add(new EmissionHour(hour, o2Hour, converted(hour, o2Hour, limit), limit.limit()));
    }
    return hours;
  }

  /**
   * The valid hourly mean at the limit's reference O2 with the same hour's O2 mean (null when the
   * limit converts nothing); NaN when either hour is not valid.
   */
  public static double converted(Mean hour, Mean o2Hour, EmissionLimit limit) {
    if (!hour.isValid()) {
      return Double.NaN;
    }
    if (o2Hour == null) {
      return hour.value();
    }
    if (!o2Hour.isValid() || o2Hour.value() >= 21) {
      return Double.NaN;
    }
    return ReferenceOxygen.convert(hour.value(), limit.referenceO2(), o2Hour.value());
  }
}
