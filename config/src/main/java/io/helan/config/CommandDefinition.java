package io.helan.config;

/**
 * A command a device accepts.
 *
 * @param id id within the device ({@code zero-cal})
 * @param kind what the command does
 * @param name display name
 * @param target protocol-specific target: Modbus {@code coil:0} or {@code hr:200}; OPC UA method
 *     NodeId
 * @param durationSeconds how long the command's effect lasts (calibration period, sampler run), 0
 *     if instantaneous
 */
public record CommandDefinition(
    String id, CommandKind kind, String name, String target, int durationSeconds) {}
