package io.helan.aggregates;

/** A validated mean of one point as stored. */
public record StoredMean(String pointId, MeanPeriod period, Mean mean) {}
