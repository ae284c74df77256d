package io.helan.alarms;

import io.helan.config.DoseRateLevels;
import io.helan.config.EmissionLimit;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The hot path of the alarm engine: judges every sample against the limits of its point, on the
 * driver thread that ingests it, and reports to the {@link ConditionSink} only when an alarm's raw
 * condition or suppression changes.
 *
 * <p>All state lives in arrays indexed by point, device or alarm slot, and each device's points are
 * ingested by one link thread at a time, so no locks are needed and nothing is allocated unless a
 * condition changes (or an emission period closes, once an hour per pollutant).
 */
final class ConditionDetector {
  private static final byte UNKNOWN = -1;
  private static final byte ACTIVE = 1;
  private static final byte SUPPRESSED = 2;
  private static final String RAIN_NOTE = "降雨期间水平已上调 / levels raised during rain";
  private static final String FLAG_T_NOTE = "超量程(T) / above measuring range (T)";

  private final AlarmCatalog catalog;
  private final ConditionSink sink;

  private final AlarmKind[] kinds;
  private final double[] limits;
  private final double[] deadbands;

  /** Per slot: what was last reported (UNKNOWN, or ACTIVE/SUPPRESSED bits). */
  private final byte[] reported;

  /** Per slot: consecutive dose-rate readings that disagree with the reported condition. */
  private final int[] streaks;

  private final long rateWindowMicros;
  private final double[] rateValues;
  private final long[] rateTimes;

  private final DoseRateLevels[] doseLevels;
  private final RadiationBaseline[] baselines;
  private final boolean[] isRainPoint;
  private final boolean[] raining;
  private final long[] lastRainMicros;

  private final EmissionLimit[] emissionLimits;
  private final int[] emissionSlots;
  private final boolean[] flagT;

  private final boolean[] faultyPoints;
  private final int[] faultyPointCounts;
  private final AtomicLongArray lastArrivalMillis;

  ConditionDetector(AlarmCatalog catalog, AlarmSettings settings, ConditionSink sink) {
    this.catalog = catalog;
    this.sink = sink;
    int slots = catalog.size();
    int points = catalog.site().points().size();
    emissionSlots = new int[points];
    kinds = new AlarmKind[slots];
    limits = new double[slots];
    deadbands = new double[slots];
    for (AlarmDefinition definition : catalog.definitions()) {
      if (definition.kind() == AlarmKind.EMISSION_EXCEEDANCE) {
        emissionSlots[catalog.site().point(definition.source()).orElseThrow().index()] =
            definition.slot();
      }
      kinds[definition.slot()] = definition.kind();
      limits[definition.slot()] = definition.limit();
      deadbands[definition.slot()] = definition.deadband();
    }
    reported = new byte[slots];
    Arrays.fill(reported, UNKNOWN);
    streaks = new int[slots];

    rateWindowMicros = settings.rateOfChangeWindow().toNanos() / 1000;
    rateValues = new double[points];
    rateTimes = new long[points];
    doseLevels = new DoseRateLevels[points];
    baselines = new RadiationBaseline[points];
    isRainPoint = new boolean[points];
    raining = new boolean[points];
    lastRainMicros = new long[points];
    emissionLimits = new EmissionLimit[points];
    flagT = new boolean[points];
    Arrays.fill(lastRainMicros, Long.MIN_VALUE);
    faultyPoints = new boolean[points];
    for (Point point : catalog.site().points()) {
      int p = point.index();
      DoseRateLevels dose = point.limits().doseRate();
      if (dose != null) {
        doseLevels[p] = dose;
        baselines[p] = new RadiationBaseline(dose.baselineWindowMs());
        if (catalog.rainPointOf(p) >= 0) {
          isRainPoint[catalog.rainPointOf(p)] = true;
        }
      }
      EmissionLimit emission = point.limits().emission();
      if (emission != null) {
        emissionLimits[p] = emission;
      }
    }
    int devices = catalog.devices().size();
    faultyPointCounts = new int[devices];
    lastArrivalMillis = new AtomicLongArray(devices);
    long now = System.currentTimeMillis();
    for (int d = 0; d < devices; d++) {
      lastArrivalMillis.set(d, now);
    }
  }

  /** The background of a dose-rate point, or null when the point has no dose-rate levels. */
  RadiationBaseline baseline(int point) {
    return baselines[point];
  }

  /** Wall-clock time of the device's latest sample that came from the device itself. */
  long lastArrivalMillis(int device) {
    return lastArrivalMillis.get(device);
  }

  void onBatch(SampleBatch batch) {
    long now = System.currentTimeMillis();
    int lastDevice = -1;
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      Quality quality = batch.quality(i);
      if (!fromDevice(quality)) {
        continue; // the link stands in for a silent device: communication loss covers it
      }
      DataFlag flag = batch.flag(i);
      int device = catalog.deviceOfPoint(point);
      if (device != lastDevice) {
        lastArrivalMillis.lazySet(device, now);
        lastDevice = device;
      }
      trackFault(point, device, flag == DataFlag.D || quality == Quality.BAD_SENSOR_FAILURE);
      long time = batch.timeMicros(i);
      double value = batch.value(i);
      boolean usable = quality.isGood();
      if (isRainPoint[point]) {
        trackRain(point, time, usable ? value : Double.NaN);
      }
      if (catalog.firstSlot(point) < catalog.endSlot(point)) {
        judge(point, time, value, usable, flag);
      }
    }
  }

  private static boolean fromDevice(Quality quality) {
    return quality != Quality.BAD_COMMUNICATION
        && quality != Quality.UNCERTAIN_LAST_USABLE
        && quality != Quality.BAD_WAITING_FOR_INITIAL_DATA;
  }

  private void trackFault(int point, int device, boolean faulty) {
    if (faulty != faultyPoints[point]) {
      faultyPoints[point] = faulty;
      faultyPointCounts[device] += faulty ? 1 : -1;
    }
    int slot = catalog.deviceSlot(device, AlarmKind.DEVICE_FAULT);
    report(slot, faultyPointCounts[device] > 0, false, faultyPointCounts[device], Double.NaN, null);
  }

  private void trackRain(int point, long time, double value) {
    boolean wet = value >= 0.5;
    raining[point] = wet;
    if (wet) {
      lastRainMicros[point] = time;
    }
  }

  /** Judges one sample against every alarm of its point. */
  private void judge(int point, long time, double value, boolean usable, DataFlag flag) {
    if (emissionLimits[point] != null) {
      judgeEmission(point, value, usable, flag);
    }
    // Faulty, stopped, manual or badly communicated values say nothing about the process. Drill
    // values (X) raise alarms as real ones would, the drill's point, but never feed a background.
    boolean measured =
        flag == DataFlag.N
            || flag == DataFlag.T
            || flag == DataFlag.C
            || flag == DataFlag.M
            || flag == DataFlag.X;
    if (!usable || !measured) {
      return;
    }
    boolean suppressed = flag == DataFlag.C || flag == DataFlag.M;
    for (int slot = catalog.firstSlot(point); slot < catalog.endSlot(point); slot++) {
      switch (kinds[slot]) {
        case HI, HIHI -> {
          boolean was = isActive(slot);
          boolean active = was ? value >= limits[slot] - deadbands[slot] : value > limits[slot];
          report(slot, active, suppressed, value, limits[slot], null);
        }
        case LO, LOLO -> {
          boolean was = isActive(slot);
          boolean active = was ? value <= limits[slot] + deadbands[slot] : value < limits[slot];
          report(slot, active, suppressed, value, limits[slot], null);
        }
        case RATE_OF_CHANGE -> judgeRate(point, slot, time, value, suppressed);
        case DOSE_RATE_INVESTIGATION -> judgeDoseRate(point, slot, time, value, flag, suppressed);
        default -> {
          // DOSE_RATE_ALARM is judged with the investigation level; emission above
        }
      }
    }
  }

  private void judgeRate(int point, int slot, long time, double value, boolean suppressed) {
    long since = time - rateTimes[point];
    if (rateTimes[point] == 0 || since < 0) {
      rateValues[point] = value;
      rateTimes[point] = time;
      return;
    }
    if (since < rateWindowMicros) {
      report(slot, isActive(slot), suppressed, Double.NaN, limits[slot], null);
      return;
    }
    double perMinute = (value - rateValues[point]) * 60_000_000.0 / since;
    rateValues[point] = value;
    rateTimes[point] = time;
    report(slot, Math.abs(perMinute) > limits[slot], suppressed, perMinute, limits[slot], null);
  }

  /**
   * Judges a dose-rate reading against the investigation and alarm levels (the alarm slot follows
   * the investigation slot), then feeds it to the background if it is valid, dry and unremarkable.
   */
  private void judgeDoseRate(
      int point, int slot, long time, double value, DataFlag flag, boolean suppressed) {
    DoseRateLevels levels = doseLevels[point];
    RadiationBaseline baseline = baselines[point];
    baseline.advanceTo(time);
    int rainPoint = catalog.rainPointOf(point);
    boolean wet =
        rainPoint >= 0
            && (raining[rainPoint]
                || (lastRainMicros[rainPoint] != Long.MIN_VALUE
                    && time - lastRainMicros[rainPoint] < levels.rainHoldoffMs() * 1000));
    double investigation = Double.NaN;
    double alarm = Double.NaN;
    if (baseline.isReady()) {
      double mean = baseline.mean();
      double sigma = baseline.sigma();
      double allowance = wet ? levels.rainAllowance() * mean : 0;
      investigation = mean + levels.investigationSigmas() * sigma + allowance;
      alarm = mean + levels.alarmSigmas() * sigma + allowance;
    }
    investigation = lower(investigation, levels.investigationLevel());
    alarm = lower(alarm, levels.alarmLevel());
    String note = wet ? RAIN_NOTE : null;
    judgeConfirmed(slot, value, investigation, levels.confirmSamples(), suppressed, note);
    judgeConfirmed(slot + 1, value, alarm, levels.confirmSamples(), suppressed, note);

    boolean unremarkable =
        !isActive(slot) && (Double.isNaN(investigation) || value <= investigation);
    if (flag == DataFlag.N && !wet && unremarkable) {
      baseline.add(time, value);
    }
  }

  /** A level crossing counts after {@code confirm} consecutive readings on the other side. */
  private void judgeConfirmed(
      int slot, double value, double level, int confirm, boolean suppressed, String note) {
    boolean was = isActive(slot);
    boolean wants =
        !Double.isNaN(level) && (was ? value >= level - deadbands[slot] : value > level);
    if (wants == was) {
      streaks[slot] = 0;
      report(slot, was, suppressed, value, level, note);
    } else if (++streaks[slot] >= Math.max(1, confirm)) {
      streaks[slot] = 0;
      report(slot, wants, suppressed, value, level, note);
    }
  }

  /**
   * Emission judgement on the raw readings: only flag T (above the measuring range) raises the
   * exceedance alarm, at once, and the next usable reading of another flag ends it. The hourly
   * averages at reference O2 are judged from the validated means ({@link
   * AlarmEngine#validatedHours}), which open the enforcement notices.
   */
  private void judgeEmission(int point, double value, boolean usable, DataFlag flag) {
    if (!usable) {
      return;
    }
    int slot = emissionSlots[point];
    double limit = emissionLimits[point].limit();
    if (flag == DataFlag.T) {
      if (!flagT[point]) {
        flagT[point] = true;
        report(slot, true, false, value, limit, FLAG_T_NOTE);
      }
    } else if (flagT[point]) {
      flagT[point] = false;
      report(slot, false, false, value, limit, null);
    }
  }

  private static double lower(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.min(a, b);
  }

  private boolean isActive(int slot) {
    return reported[slot] != UNKNOWN && (reported[slot] & ACTIVE) != 0;
  }

  private void report(
      int slot, boolean active, boolean suppressed, double value, double limit, String note) {
    byte state = (byte) ((active ? ACTIVE : 0) | (suppressed ? SUPPRESSED : 0));
    if (reported[slot] != state) {
      reported[slot] = state;
      sink.condition(slot, active, suppressed, value, limit, note);
    }
  }
}
