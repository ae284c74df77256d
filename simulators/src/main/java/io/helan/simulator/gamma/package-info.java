/**
 * Radiation environment stations as OPC UA servers on Eclipse Milo: gamma dose rate, rain sensor,
 * aerosol sampler and operating mode, with the station's methods (docs/contracts.md).
 */
package io.helan.simulator.gamma;
