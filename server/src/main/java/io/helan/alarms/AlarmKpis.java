package io.helan.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alarm-system performance after ISA-18.2 / EEMUA 191 over a period: annunciations per 10 minutes,
 * time in flood (more than {@value #FLOOD_PER_10_MINUTES} in 10 minutes), the top {@value
 * #BAD_ACTORS} bad actors, chattering alarms ({@value #CHATTER_COUNT} or more in one minute), stale
 * alarms (active for more than a day) and the shelved list.
 *
 * @param from start of the period (aligned to 10 minutes)
 * @param to end of the period
 * @param annunciations alarms annunciated in the period
 * @param averagePer10Minutes mean annunciations per 10-minute interval
 * @param maxPer10Minutes the busiest interval
 * @param per10Minutes every interval of the period, oldest first
 * @param floodIntervals intervals with more than {@value #FLOOD_PER_10_MINUTES} annunciations
 * @param timeInFlood time those intervals cover
 * @param timeInFloodPercent that time as a share of the period
 * @param badActors the alarms annunciated most often, most first
 * @param chattering alarms annunciated {@value #CHATTER_COUNT} or more times within one minute
 * @param stale alarms active for more than a day
 * @param shelved alarms shelved now
 */
public record AlarmKpis(
    Instant from,
    Instant to,
    long annunciations,
    double averagePer10Minutes,
    long maxPer10Minutes,
    List<Interval> per10Minutes,
    long floodIntervals,
    Duration timeInFlood,
    double timeInFloodPercent,
    List<AlarmCount> badActors,
    List<AlarmCount> chattering,
    List<AlarmRecord> stale,
    List<AlarmRecord> shelved) {

  public static final int FLOOD_PER_10_MINUTES = 10;
  public static final int CHATTER_COUNT = 3;
  public static final Duration CHATTER_WINDOW = Duration.ofMinutes(1);
  public static final Duration STALE_AFTER = Duration.ofHours(24);
  public static final int BAD_ACTORS = 10;
  private static final long INTERVAL_MICROS = Duration.ofMinutes(10).toNanos() / 1000;

  /** Annunciations of one 10-minute interval. */
  public record Interval(Instant start, long count) {}

  /**
   * An alarm and a count: how often it was annunciated (bad actors) or the most annunciations
   * within one minute (chattering).
   */
  public record AlarmCount(String alarmId, long count) {}

  /** Computes the KPIs from the period's annunciations (oldest first) and the current alarms. */
  static AlarmKpis compute(
      Instant from,
      Instant to,
      List<AlarmJournal.Annunciation> annunciations,
      List<AlarmRecord> current,
      Instant now) {
    long start = Math.floorDiv(AlarmJournal.micros(from), INTERVAL_MICROS) * INTERVAL_MICROS;
    long end = AlarmJournal.micros(to);
    int intervals = (int) Math.max(1, (end - start + INTERVAL_MICROS - 1) / INTERVAL_MICROS);
    long[] counts = new long[intervals];
    Map<String, List<Long>> timesByAlarm = new HashMap<>();
    for (AlarmJournal.Annunciation a : annunciations) {
      int interval = (int) ((a.timeMicros() - start) / INTERVAL_MICROS);
      if (interval >= 0 && interval < intervals) {
        counts[interval]++;
      }
      timesByAlarm.computeIfAbsent(a.alarmId(), id -> new ArrayList<>()).add(a.timeMicros());
    }

    List<Interval> per10Minutes = new ArrayList<>(intervals);
    long max = 0;
    long flood = 0;
    for (int i = 0; i < intervals; i++) {
      per10Minutes.add(new Interval(instant(start + i * INTERVAL_MICROS), counts[i]));
      max = Math.max(max, counts[i]);
      if (counts[i] > FLOOD_PER_10_MINUTES) {
        flood++;
      }
    }
    Duration timeInFlood = Duration.ofMinutes(10 * flood);

    List<AlarmCount> badActors = new ArrayList<>();
    List<AlarmCount> chattering = new ArrayList<>();
    long windowMicros = CHATTER_WINDOW.toNanos() / 1000;
    timesByAlarm.forEach(
        (id, times) -> {
          badActors.add(new AlarmCount(id, times.size()));
          long most = mostWithin(times, windowMicros);
          if (most >= CHATTER_COUNT) {
            chattering.add(new AlarmCount(id, most));
          }
        });
    Comparator<AlarmCount> mostFirst =
        Comparator.comparingLong(AlarmCount::count).reversed().thenComparing(AlarmCount::alarmId);
    badActors.sort(mostFirst);
    chattering.sort(mostFirst);

    Instant staleBefore = now.minus(STALE_AFTER);
    List<AlarmRecord> stale =
        current.stream()
            .filter(
                r ->
                    r.state().isActive()
                        && r.activeSince() != null
                        && r.activeSince().isBefore(staleBefore))
            .toList();
    List<AlarmRecord> shelved =
        current.stream().filter(r -> r.state() == AlarmState.SHELVED).toList();

    return new AlarmKpis(
        instant(start),
        to,
        annunciations.size(),
        (double) annunciations.size() / intervals,
        max,
        per10Minutes,
        flood,
        timeInFlood,
        100.0 * flood / intervals,
        List.copyOf(badActors.subList(0, Math.min(BAD_ACTORS, badActors.size()))),
        List.copyOf(chattering),
        stale,
        shelved);
  }

  /** The most times (sorted) that fall within any window of the given length. */
  private static long mostWithin(List<Long> times, long windowMicros) {
    long most = 0;
    int first = 0;
    for (int last = 0; last < times.size(); last++) {
      while (times.get(last) - times.get(first) >= windowMicros) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }
}
