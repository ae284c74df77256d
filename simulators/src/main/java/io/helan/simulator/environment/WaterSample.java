package io.helan.simulator.environment;

/**
 * What a surface-water station measures at one instant.
 *
 * @param temperature water temperature, °C
 * @param ph pH
 * @param dissolvedOxygen mg/L
 * @param conductivity µS/cm
 * @param turbidity NTU
 * @param permanganateIndex CODMn, mg/L
 * @param ammonia NH3-N, mg/L
 * @param totalPhosphorus TP, mg/L
 * @param totalNitrogen TN, mg/L
 */
public record WaterSample(
    double temperature,
    double ph,
    double dissolvedOxygen,
    double conductivity,
    double turbidity,
    double permanganateIndex,
    double ammonia,
    double totalPhosphorus,
    double totalNitrogen) {}
