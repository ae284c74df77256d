package io.helan.emergency;

import java.time.Instant;

/**
 * A vehicle sent to a place during an incident, until it arrives or the incident ends.
 *
 * @param latitude where it was sent
 * @param longitude where it was sent
 * @param by the commander who sent it
 */
public record Dispatch(
    String vehicleId,
    String incidentId,
    double latitude,
    double longitude,
    String by,
    Instant time) {}
