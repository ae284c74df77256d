package io.helan.aggregates;

import io.helan.historian.RawSample;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated means of one point: hourly from samples, daily and O3 8-hour from hourly means. Hours
 * are clock hours; days and the 8-hour windows of a day are taken in the network's time zone.
 */
public final class ValidatedAverages {
  private static final int MINUTES_PER_HOUR = 60;
  private static final int EIGHT_HOURS = 8;
  private static final int HOURS_PER_DAY = 24;

  /** 8-hour windows of a day: those ending 08:00, 09:00, …, 24:00. */
  private static final int EIGHT_HOUR_WINDOWS_PER_DAY = 17;

  private final AveragingRules rules;
  private final ZoneId zone;

  public ZoneId zone() {
    return zone;
  }

  /** The network's time zone (China Standard Time), in which days are taken. */
  public static final ZoneId NETWORK_ZONE = ZoneId.of("Asia/Shanghai");

  public ValidatedAverages(AveragingRules rules, ZoneId zone) {
    this.rules = rules;
    this.zone = zone;
  }

  /**
   * The hourly means of every clock hour from the hour holding {@code from} up to {@code to}
   * (exclusive). Valid samples are averaged per minute first, then the minute means per hour, so a
   * point that reports more often in some minutes does not weigh more; a minute counts as valid
   * when it holds at least one valid sample. Samples outside the range are ignored.
   */
  public List<Mean> hourly(List<RawSample> samples, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("empty range " + from + " – " + to);
    }
    Instant first = from.truncatedTo(ChronoUnit.HOURS);
    int hours = (int) Duration.between(first, to.minusNanos(1)).toHours() + 1;
    double[] minuteSums = new double[hours * MINUTES_PER_HOUR];
    int[] minuteCounts = new int[hours * MINUTES_PER_HOUR];
    long firstSecond = first.getEpochSecond();
    for (RawSample sample : samples) {
      if (!SampleValidity.counts(sample)
          || sample.time().isBefore(first)
          || !sample.time().isBefore(to)) {
        continue;
      }
      int minute = (int) ((sample.time().getEpochSecond() - firstSecond) / 60);
      minuteSums[minute] += sample.value();
      minuteCounts[minute]++;
    }
    List<Mean> means = new ArrayList<>(hours);
    for (int hour = 0; hour < hours; hour++) {
      double sum = 0;
      int valid = 0;
      for (int m = hour * MINUTES_PER_HOUR; m < (hour + 1) * MINUTES_PER_HOUR; m++) {
        if (minuteCounts[m] > 0) {
          sum += minuteSums[m] / minuteCounts[m];
          valid++;
        }
      }
      Instant start = first.plus(hour, ChronoUnit.HOURS);
      means.add(
          new Mean(
              start,
              start.plus(1, ChronoUnit.HOURS),
              valid == 0 ? Double.NaN : sum / valid,
              valid,
              MINUTES_PER_HOUR,
              rules.minutesPerHour()));
    }
    return means;
  }

  /** The daily mean of a local day from the valid hourly means whose hour starts in it. */
  public Mean daily(List<Mean> hourly, LocalDate day) {
    return daily(hourly, List.of(day)).get(0);
  }

  /** The daily means of the local days, in their order (the hourly means are looked up once). */
  public List<Mean> daily(List<Mean> hourly, List<LocalDate> days) {
    HoursByStart byStart = new HoursByStart(hourly);
    List<Mean> means = new ArrayList<>(days.size());
    for (LocalDate day : days) {
      Instant start = day.atStartOfDay(zone).toInstant();
      Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
      int expected = (int) Duration.between(start, end).toHours();
      means.add(meanOfValidHours(byStart, start, expected, rules.hoursPerDay()));
    }
    return means;
  }

  /**
   * The 8-hour moving means ending with each given hour: the mean of the valid hourly means of that
   * hour and the 7 before it. Hours not given count as not valid.
   */
  public List<Mean> eightHourMeans(List<Mean> hourly) {
    return movingMeans(hourly, EIGHT_HOURS, rules.hoursPerEightHours());
  }

  /**
   * The 24-hour moving means ending with each given hour (the hourly AQI's PM10, PM2.5 and SO2
   * replacement): the mean of the valid hourly means of that hour and the 23 before it, valid with
   * as many valid hours as a daily mean needs. Hours not given count as not valid.
   */
  public List<Mean> twentyFourHourMeans(List<Mean> hourly) {
    return movingMeans(hourly, HOURS_PER_DAY, rules.hoursPerDay());
  }

  private List<Mean> movingMeans(List<Mean> hourly, int hours, int required) {
    HoursByStart byStart = new HoursByStart(hourly);
    List<Mean> means = new ArrayList<>(hourly.size());
    for (Mean hour : hourly) {
      Instant start = hour.start().minus(hours - 1, ChronoUnit.HOURS);
      means.add(meanOfValidHours(byStart, start, hours, required));
    }
    return means;
  }

  /**
   * The hourly mean of a clock hour from the mean of its valid minute means and their count (as the
   * historian aggregates them); NaN when no minute was valid.
   */
  public Mean hour(Instant start, double minuteMean, int validMinutes) {
    return new Mean(
        start,
        start.plus(1, ChronoUnit.HOURS),
        validMinutes == 0 ? Double.NaN : minuteMean,
        validMinutes,
        MINUTES_PER_HOUR,
        rules.minutesPerHour());
  }

  /**
   * The daily maximum 8-hour O3 mean: the highest valid 8-hour mean among the 17 windows of the day
   * ending 08:00 to 24:00 (so within the day); valid when enough windows are.
   */
  public Mean dailyMaxEightHour(List<Mean> hourly, LocalDate day) {
    return dailyMaxEightHour(hourly, List.of(day)).get(0);
  }

  /** The daily maximum 8-hour O3 means of the local days, in their order. */
  public List<Mean> dailyMaxEightHour(List<Mean> hourly, List<LocalDate> days) {
    HoursByStart byStart = new HoursByStart(hourly);
    List<Mean> maxima = new ArrayList<>(days.size());
    for (LocalDate day : days) {
      maxima.add(dailyMaxEightHour(byStart, day));
    }
    return maxima;
  }

  private Mean dailyMaxEightHour(HoursByStart byStart, LocalDate day) {
    Instant dayStart = day.atStartOfDay(zone).toInstant();
    double max = Double.NaN;
    int valid = 0;
    for (int window = 0; window < EIGHT_HOUR_WINDOWS_PER_DAY; window++) {
      Mean mean =
          meanOfValidHours(
              byStart,
              dayStart.plus(window, ChronoUnit.HOURS),
              EIGHT_HOURS,
              rules.hoursPerEightHours());
      if (mean.isValid()) {
        valid++;
        max = Double.isNaN(max) ? mean.value() : Math.max(max, mean.value());
      }
    }
    return new Mean(
        dayStart,
        day.plusDays(1).atStartOfDay(zone).toInstant(),
        max,
        valid,
        EIGHT_HOUR_WINDOWS_PER_DAY,
        rules.eightHourWindowsPerDay());
  }

  private static Mean meanOfValidHours(
      HoursByStart byStart, Instant start, int hours, int required) {
    double sum = 0;
    int valid = 0;
    for (int h = 0; h < hours; h++) {
      Mean hour = byStart.get(start, h);
      if (hour != null && hour.isValid()) {
        sum += hour.value();
        valid++;
      }
    }
    return new Mean(
        start,
        start.plus(hours, ChronoUnit.HOURS),
        valid == 0 ? Double.NaN : sum / valid,
        valid,
        hours,
        required);
  }

  /**
   * Hourly means by their start. Starts a whole number of hours after the first one's are found in
   * an array by arithmetic (a month of a point is looked up some 2,000 times); any other start in a
   * map. The last of means with the same start wins.
   */
  private static final class HoursByStart {
    private static final long SECONDS_PER_HOUR = 3_600L;

    private final long baseSecond;
    private final int baseNano;
    private final long firstHour;
    private final Mean[] byHour;
    private final Map<Instant, Mean> others = new HashMap<>();

    HoursByStart(List<Mean> hourly) {
      Instant base = hourly.isEmpty() ? Instant.EPOCH : hourly.get(0).start();
      baseSecond = base.getEpochSecond();
      baseNano = base.getNano();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Mean hour : hourly) {
        long offset = offset(hour.start().getEpochSecond(), hour.start().getNano());
        if (offset != Long.MIN_VALUE) {
          min = Math.min(min, offset);
          max = Math.max(max, offset);
        }
      }
      boolean dense = min <= max && max - min < 4L * hourly.size() + 48;
      firstHour = dense ? min : 0;
      byHour = new Mean[dense ? (int) (max - min + 1) : 0];
      for (Mean hour : hourly) {
        long offset = offset(hour.start().getEpochSecond(), hour.start().getNano());
        if (dense && offset != Long.MIN_VALUE) {
          byHour[(int) (offset - firstHour)] = hour;
        } else {
          others.put(hour.start(), hour);
        }
      }
    }

    /** Whole hours from the base, or {@link Long#MIN_VALUE} when not a whole number of hours. */
    private long offset(long second, int nano) {
      long seconds = second - baseSecond;
      return nano == baseNano && seconds % SECONDS_PER_HOUR == 0
          ? seconds / SECONDS_PER_HOUR
          : Long.MIN_VALUE;
    }

    /** The mean starting {@code hours} hours after {@code start}, or null. */
    Mean get(Instant start, int hours) {
      long second = start.getEpochSecond() + hours * SECONDS_PER_HOUR;
      long offset = offset(second, start.getNano());
      if (offset != Long.MIN_VALUE && byHour.length > 0) {
        long index = offset - firstHour;
        return index >= 0 && index < byHour.length ? byHour[(int) index] : null;
      }
      return others.isEmpty() ? null : others.get(Instant.ofEpochSecond(second, start.getNano()));
    }
  }
}
