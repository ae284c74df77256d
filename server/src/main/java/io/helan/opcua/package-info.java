/**
 * Helan's OPC UA server for integrators: the site as an address space with live values, device
 * commands as methods, alarms as conditions and history from the historian, served by Eclipse Milo.
 */
package io.helan.opcua;
