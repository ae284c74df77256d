package io.helan.config;

import java.util.List;
import java.util.Optional;

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
 * @param parameters where each parameter the device takes goes, in the order they are written; a
 *     parameter of the kind that is not here is not accepted
 * @param runningWhile how the device reports its effect under way, or null: then the server times
 *     the effect period
 */
public record CommandDefinition(
    String id,
    CommandKind kind,
    String name,
    String target,
    int durationSeconds,
    List<ParameterTarget> parameters,
    RunningWhile runningWhile) {

  public CommandDefinition {
    parameters = List.copyOf(parameters);
  }

  /** Where parameter {@code name} goes, if the device takes it. */
  public Optional<ParameterTarget> parameterTarget(String name) {
    return parameters.stream().filter(p -> p.parameter().equals(name)).findFirst();
  }
}
