package io.helan.emergency;

import io.helan.config.EmergencyClass;
import java.time.Instant;

/**
 * What a commander declares.
 *
 * @param occurredAt when it happened; null for now
 * @param weather the weather for the plume estimate, or null to take the wind from the nearest
 *     station that measures it
 * @param releaseRate Bq/s if known, NaN to fit it to the stations
 * @param releaseHeight effective release height, m
 */
public record Declaration(
    boolean drill,
    IncidentType type,
    EmergencyClass emergencyClass,
    double latitude,
    double longitude,
    Instant occurredAt,
    String note,
    Weather weather,
    double releaseRate,
    double releaseHeight) {}
