package io.helan.config;

import java.util.List;

/**
 * What a graded emergency plan does when its class is set: the stations put to a measurement
 * interval, the stations whose samplers start, and who is notified. Each becomes one step of the
 * incident's checklist.
 *
 * @param emergencyClass the class the plan belongs to
 * @param intervalSeconds measurement interval of the plan's stations
 * @param stations radiation stations put to that interval, besides those within the emergency
 *     radius of the incident
 * @param samplers stations whose samplers start
 * @param notifications who is notified (authorities, teams), one checklist step each
 */
public record EmergencyPlan(
    EmergencyClass emergencyClass,
    int intervalSeconds,
    List<String> stations,
    List<String> samplers,
    List<String> notifications) {

  public EmergencyPlan {
    stations = List.copyOf(stations);
    samplers = List.copyOf(samplers);
    notifications = List.copyOf(notifications);
  }
}
