package io.helan.simulator.environment;

/**
 * What a radiation environment station's instruments read at one instant.
 *
 * @param doseRate gamma air absorbed dose rate, nGy/h
 * @param highVoltage ionisation chamber bias voltage, V
 * @param detectorTemperature °C inside the detector housing
 * @param raining whether the rain sensor is wet
 */
public record GammaSample(
    double doseRate, double highVoltage, double detectorTemperature, boolean raining) {}
