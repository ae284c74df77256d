/**
 * Modbus TCP analyser racks (air quality and weather, surface water) on j2mod, following the
 * register maps in docs/contracts.md.
 */
package io.helan.simulator.modbus;
