/**
 * Models of the environment the simulated instruments measure: air quality and weather, surface
 * water quality and ambient gamma dose rate, each with Ningxia's daily and yearly cycles, a
 * per-station character and noise.
 */
package io.helan.simulator.environment;
