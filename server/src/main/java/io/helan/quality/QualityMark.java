package io.helan.quality;

import java.time.Instant;

/**
 * The record that a stored sample failed a quality rule; the sample itself keeps its raw value.
 *
 * @param time the sample's source time
 * @param pointId the sample's point
 * @param rule the failed rule's name ({@link QualityRule#key()})
 * @param detail what was found
 */
public record QualityMark(Instant time, String pointId, String rule, String detail) {}
