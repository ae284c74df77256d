package io.helan.config;

/**
 * How to reach a device. Fields that do not apply to the device's protocol are zero or null.
 *
 * @param protocol the field protocol
 * @param host host name or address (Modbus TCP)
 * @param port TCP port (Modbus TCP)
 * @param unitId Modbus unit identifier
 * @param endpointUrl OPC UA endpoint URL, PLC4X connection string, or null
 * @param wordOrder register order of 32-bit values (Modbus)
 * @param pollIntervalMs how often a polling driver reads the device
 * @param timeoutMs how long one request may take before the link counts as broken
 * @param samplingIntervalMs OPC UA monitored-item sampling interval
 * @param publishingIntervalMs OPC UA subscription publishing interval
 */
public record Connection(
    Protocol protocol,
    String host,
    int port,
    int unitId,
    String endpointUrl,
    WordOrder wordOrder,
    int pollIntervalMs,
    int timeoutMs,
    int samplingIntervalMs,
    int publishingIntervalMs) {}
