package io.helan.historian;

import java.time.Instant;

/** One step of downsampled history: the step's start time and the statistics of good samples. */
public record HistoryRow(Instant time, double avg, double min, double max, long count) {}
