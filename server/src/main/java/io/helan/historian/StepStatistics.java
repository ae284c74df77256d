package io.helan.historian;

import java.time.Instant;

/**
 * The valid samples (good quality, flag N) of one point in one step of time.
 *
 * @param start where the step starts
 * @param count how many valid samples it holds
 * @param mean their mean
 * @param variance their sample variance, NaN with fewer than two
 */
public record StepStatistics(Instant start, long count, double mean, double variance) {}
