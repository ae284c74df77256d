package io.helan.commands;

import java.time.Duration;

/**
 * Timing of the command lifecycle.
 *
 * @param selectionTimeout how long a selection stays armed waiting for operate (30 s)
 * @param answerTimeout how long the device may take to answer a sent command before it is TIMED_OUT
 * @param routineIntervalSeconds a radiation station's routine reporting interval (5 min): emergency
 *     measurement means reporting faster than this
 */
public record CommandSettings(
    Duration selectionTimeout, Duration answerTimeout, int routineIntervalSeconds) {

  public static CommandSettings defaults() {
    return new CommandSettings(Duration.ofSeconds(30), Duration.ofSeconds(15), 300);
  }
}
