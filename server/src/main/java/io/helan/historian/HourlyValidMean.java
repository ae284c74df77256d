package io.helan.historian;

import java.time.Instant;

/**
 * One point's clock hour as the validated means need it: the mean of its minute means over the
 * valid samples (good quality, flag neither F, M, S, D, C nor B), and how many minutes held one.
 *
 * @param pointId the point
 * @param hour the start of the clock hour
 * @param mean the mean of the valid minute means
 * @param validMinutes minutes with at least one valid sample
 */
public record HourlyValidMean(String pointId, Instant hour, double mean, int validMinutes) {}
