package io.helan.simulator.environment;

/**
 * What an air-quality station measures at one instant.
 *
 * @param so2 sulphur dioxide, µg/m³
 * @param no2 nitrogen dioxide, µg/m³
 * @param co carbon monoxide, mg/m³
 * @param o3 ozone, µg/m³
 * @param pm10 particulate matter below 10 µm, µg/m³
 * @param pm25 particulate matter below 2.5 µm, µg/m³
 * @param temperature air temperature, °C
 * @param humidity relative humidity, %
 * @param windSpeed m/s
 * @param windDirection direction the wind blows from, degrees clockwise from north
 */
public record AirSample(
    double so2,
    double no2,
    double co,
    double o3,
    double pm10,
    double pm25,
    double temperature,
    double humidity,
    double windSpeed,
    double windDirection) {}
