package io.helan.historian;

import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.sql.PageFrame;
import io.questdb.cairo.sql.PageFrameCursor;
import io.questdb.cairo.sql.StaticSymbolTable;
import io.questdb.std.Numbers;
import io.questdb.std.Unsafe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The valid hourly means of points in one pass over their samples: per point the valid samples
 * (good quality, flag neither F, M, S, D, C, B nor X, a value) of each minute are averaged, then
 * the minute means of each clock hour. Each point's samples arrive in time order, so one minute and
 * one hour are open per point at a time and nothing is grouped by key: the same figures as the
 * two-level GROUP BY ({@link SamplesTable#validHourlySql}) without its hash table of every point
 * and minute. The samples are read frame by frame from QuestDB's column memory (symbols as their
 * keys), with no call per row: a month of a thousand points is tens of millions of rows.
 */
final class ValidHourlyScan {
  private static final long MICROS_PER_MINUTE = 60_000_000L;

  /** The flags whose samples never count (as {@code io.helan.aggregates.SampleValidity}). */
  static final List<DataFlag> EXCLUDED_FLAGS =
      List.of(DataFlag.F, DataFlag.M, DataFlag.S, DataFlag.D, DataFlag.C, DataFlag.B, DataFlag.X);

  /** The scan's columns, in this order. */
  private static final String SQL =
      "SELECT ts, point, value, quality, flag FROM "
          + SamplesTable.NAME
          + " WHERE ts >= $1 AND ts < $2";

  private static final int TS = 0;
  private static final int POINT = 1;
  private static final int VALUE = 2;
  private static final int QUALITY = 3;
  private static final int FLAG = 4;

  /** One point's open minute and hour. */
  private static final class Open {
    final String pointId;
    long minute = Long.MIN_VALUE;
    double minuteSum;
    int minuteSamples;
    long hour = Long.MIN_VALUE;
    double hourSum;
    int hourMinutes;

    Open(String pointId) {
      this.pointId = pointId;
    }
  }

  private static final long SECONDS_PER_HOUR = 3_600L;

  private final List<HourlyValidMean> means;
  private final Set<String> wanted;

  /** Open minutes and hours by the point's symbol key. */
  private Open[] open = new Open[1024];

  private ValidHourlyScan(Set<String> wanted, long hours) {
    this.wanted = wanted;
    // room for every point's every hour: no copying as the list grows
    this.means = new ArrayList<>((int) Math.min(10_000_000, wanted.size() * hours));
  }

  /** The valid hourly means of the points' samples in [from, to). */
  static List<HourlyValidMean> scan(
      CairoEngine engine, Collection<Point> points, Instant from, Instant to) {
    ValidHourlyScan scan =
        new ValidHourlyScan(
            points.stream().map(Point::id).collect(Collectors.toSet()),
            Duration.between(from, to).toHours() + 1);
    QuestDbQuery.frames(engine, SQL, List.of(from, to), scan::frame);
    for (Open point : scan.open) {
      if (point != null && point.pointId != null) {
        scan.closeMinute(point);
        scan.closeHour(point);
      }
    }
    return scan.means;
  }

  /** Adds the valid samples of one frame (the rows of one partition in the interval). */
  private void frame(PageFrame frame, PageFrameCursor cursor) {
    long rows = frame.getPartitionHi() - frame.getPartitionLo();
    long times = frame.getPageAddress(TS);
    long points = frame.getPageAddress(POINT);
    long values = frame.getPageAddress(VALUE);
    long qualities = frame.getPageAddress(QUALITY);
    long flags = frame.getPageAddress(FLAG);
    if (rows <= 0 || times == 0 || points == 0 || values == 0 || qualities == 0) {
      return; // a column added after these rows were written: none of them is valid
    }
    StaticSymbolTable qualitySymbols = cursor.getSymbolTable(QUALITY);
    int good = qualitySymbols.keyOf(Quality.GOOD.name());
    if (good < 0) {
      return; // no good sample in the table
    }
    boolean[] excluded = excludedFlagKeys(cursor.getSymbolTable(FLAG));
    StaticSymbolTable pointSymbols = cursor.getSymbolTable(POINT);
    for (long r = 0; r < rows; r++) {
      if (Unsafe.getUnsafe().getInt(qualities + (r << 2)) != good) {
        continue;
      }
      if (flags != 0) {
        int flag = Unsafe.getUnsafe().getInt(flags + (r << 2));
        if (flag >= 0 && flag < excluded.length && excluded[flag]) {
          continue;
        }
      }
      double value = Unsafe.getUnsafe().getDouble(values + (r << 3));
      if (Numbers.isNull(value)) {
        continue;
      }
      int key = Unsafe.getUnsafe().getInt(points + (r << 2));
      if (key < 0) {
        continue; // no point
      }
      add(key, pointSymbols, Unsafe.getUnsafe().getLong(times + (r << 3)), value);
    }
  }

  /** Which flag keys are excluded, indexed by key. */
  private static boolean[] excludedFlagKeys(StaticSymbolTable flagSymbols) {
    boolean[] excluded = new boolean[Math.max(0, flagSymbols.getSymbolCount())];
    for (DataFlag flag : EXCLUDED_FLAGS) {
      int key = flagSymbols.keyOf(flag.name());
      if (key >= 0 && key < excluded.length) {
        excluded[key] = true;
      }
    }
    return excluded;
  }

  private void add(int key, StaticSymbolTable pointSymbols, long micros, double value) {
    if (key >= open.length) {
      open = Arrays.copyOf(open, Math.max(key + 1, open.length * 2));
    }
    Open point = open[key];
    if (point == null) {
      String id = String.valueOf(pointSymbols.valueOf(key));
      point = new Open(wanted.contains(id) ? id : null);
      open[key] = point;
    }
    if (point.pointId == null) {
      return;
    }
    long minute = Math.floorDiv(micros, MICROS_PER_MINUTE);
    if (minute != point.minute) {
      if (minute < point.minute) {
        throw new IllegalStateException("samples of " + point.pointId + " came out of time order");
      }
      closeMinute(point);
      point.minute = minute;
    }
    point.minuteSum += value;
    point.minuteSamples++;
  }

  /**
   * [from, to) cut at clock hours into at most {@code parts} ranges of about as many hours, in
   * order: each clock hour lies in one range, so the ranges can be scanned apart (in parallel) and
   * their means put together give the means of the whole range.
   */
  static List<Instant[]> hourRanges(Instant from, Instant to, int parts) {
    long firstCut = Math.floorDiv(from.getEpochSecond(), SECONDS_PER_HOUR) + 1;
    long lastCut = Math.floorDiv(to.getEpochSecond() - 1, SECONDS_PER_HOUR);
    long cuts = Math.max(0, lastCut - firstCut + 1); // hour starts inside (from, to)
    int ranges = (int) Math.min(parts, cuts + 1);
    List<Instant[]> result = new ArrayList<>(ranges);
    Instant start = from;
    for (int r = 1; r < ranges; r++) {
      Instant cut = Instant.ofEpochSecond((firstCut + cuts * r / ranges) * SECONDS_PER_HOUR);
      result.add(new Instant[] {start, cut});
      start = cut;
    }
    result.add(new Instant[] {start, to});
    return result;
  }

  private void closeMinute(Open point) {
    if (point.minuteSamples == 0) {
      return;
    }
    long hour = Math.floorDiv(point.minute, 60);
    if (hour != point.hour) {
      closeHour(point);
      point.hour = hour;
    }
    point.hourSum += point.minuteSum / point.minuteSamples;
    point.hourMinutes++;
    point.minuteSum = 0;
    point.minuteSamples = 0;
  }

  private void closeHour(Open point) {
    if (point.hourMinutes == 0) {
      return;
    }
    means.add(
        new HourlyValidMean(
            point.pointId,
            Instant.ofEpochSecond(point.hour * 3600),
            point.hourSum / point.hourMinutes,
            point.hourMinutes));
    point.hourSum = 0;
    point.hourMinutes = 0;
  }
}
