/**
 * The simulated field: devices that speak the real protocols on 127.0.0.1 (Modbus TCP analyser
 * racks, OPC UA gamma stations), a network of them built from a site, and the {@code simulate}
 * command.
 */
package io.helan.simulator;
