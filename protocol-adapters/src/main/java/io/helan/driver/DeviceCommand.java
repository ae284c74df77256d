package io.helan.driver;

import io.helan.config.CommandDefinition;
import java.util.Map;

/**
 * A command to execute on a device, with its parameters (for example {@code spanValue}, {@code
 * durationSeconds}).
 */
public record DeviceCommand(CommandDefinition definition, Map<String, Double> parameters) {

  public DeviceCommand {
    parameters = Map.copyOf(parameters);
  }

  public double parameter(String name, double fallback) {
    return parameters.getOrDefault(name, fallback);
  }
}
