package io.helan.simulator.gamma;

/**
 * What a gamma station's variables show at one instant.
 *
 * @param doseRate gamma air absorbed dose rate, nGy/h
 * @param highVoltage ionisation chamber bias voltage, V
 * @param detectorTemperature °C
 * @param rain 1 while the rain sensor is wet, else 0
 * @param samplerFlow aerosol sampler flow, m³/h; 0 when the sampler stands still
 * @param iodineSamplerFlow iodine sampler flow, m³/h; 0 when it stands still
 * @param mode 0 normal, 1 maintenance, 2 emergency (high-frequency measurement)
 * @param drill 1 while a drill release plays, else 0: the data is drill data
 */
record GammaReading(
    double doseRate,
    double highVoltage,
    double detectorTemperature,
    double rain,
    double samplerFlow,
    double iodineSamplerFlow,
    double mode,
    double drill) {}
