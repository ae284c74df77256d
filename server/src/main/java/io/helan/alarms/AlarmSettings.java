package io.helan.alarms;

import java.time.Duration;

/**
 * How the alarm engine behaves beyond what the site file defines per point.
 *
 * @param commLossOnDelay how long a link must stay down before communication loss is raised;
 *     drivers reconnect by themselves, so a short blip is not worth an operator's attention
 * @param staleFactor a connected device is stale after this many poll (or publishing) intervals
 *     without a sample; 0 switches stale-data alarms off
 * @param staleMinimum the shortest silence that counts as stale, whatever the interval
 * @param rateOfChangeWindow the span over which the rate of change is measured; one noisy reading
 *     must not look like a ramp
 * @param maxShelve the longest an operator may shelve an alarm
 * @param tick how often the engine checks stale data
 */
public record AlarmSettings(
    Duration commLossOnDelay,
    int staleFactor,
    Duration staleMinimum,
    Duration rateOfChangeWindow,
    Duration maxShelve,
    Duration tick) {

  public static AlarmSettings defaults() {
    return new AlarmSettings(
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        Duration.ofHours(24),
        Duration.ofSeconds(1));
  }

  public AlarmSettings withCommLossOnDelay(Duration delay) {
    return new AlarmSettings(delay, staleFactor, staleMinimum, rateOfChangeWindow, maxShelve, tick);
  }

  public AlarmSettings withStale(int factor, Duration minimum) {
    return new AlarmSettings(commLossOnDelay, factor, minimum, rateOfChangeWindow, maxShelve, tick);
  }

  public AlarmSettings withTick(Duration tick) {
    return new AlarmSettings(
        commLossOnDelay, staleFactor, staleMinimum, rateOfChangeWindow, maxShelve, tick);
  }
}
