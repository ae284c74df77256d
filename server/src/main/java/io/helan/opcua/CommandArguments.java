package io.helan.opcua;

import io.helan.commands.CommandParameter;
import io.helan.commands.CommandRules;
import io.helan.config.CommandDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * The arguments of a command method: one Double input per parameter the device takes for the
 * command ({@link CommandRules#parameters}), in that order, and the same three outputs for every
 * command. An optional parameter given as 0 is left out, so its default applies; the command
 * service checks ranges.
 */
final class CommandArguments {
  static final Argument[] OUTPUTS = {
    output("CommandId", "Id of the command in Helan's journal"),
    output("State", "Command state: SENT, ACKNOWLEDGED, COMPLETED, REFUSED, ..."),
    output("Detail", "The device's answer or the reason of a refusal")
  };

  private final List<CommandParameter> parameters;

  private CommandArguments(List<CommandParameter> parameters) {
    this.parameters = parameters;
  }

  static CommandArguments of(CommandDefinition command) {
    return new CommandArguments(CommandRules.parameters(command));
  }

  Argument[] inputArguments() {
    return parameters.stream().map(CommandArguments::input).toArray(Argument[]::new);
  }

  int size() {
    return parameters.size();
  }

  /** The command parameters for the given input values (Double, Float or Int32 each). */
  Map<String, Double> parameters(Variant[] values) throws InvalidArgumentException {
    StatusCode[] results = new StatusCode[parameters.size()];
    Map<String, Double> given = new HashMap<>();
    boolean bad = false;
    for (int i = 0; i < parameters.size(); i++) {
      CommandParameter parameter = parameters.get(i);
      Object value = values[i].value();
      if (!(value instanceof Double || value instanceof Float || value instanceof Integer)) {
        results[i] = new StatusCode(StatusCodes.Bad_TypeMismatch);
        bad = true;
        continue;
      }
      results[i] = StatusCode.GOOD;
      double number = ((Number) value).doubleValue();
      if (parameter.required() || number != 0) {
        given.put(parameter.name(), number);
      }
    }
    if (bad) {
      throw new InvalidArgumentException(results);
    }
    return given;
  }

  private static Argument input(CommandParameter parameter) {
    String text =
        parameter.description()
            + (parameter.unit().isEmpty() ? "" : " (" + parameter.unit() + ")")
            + (parameter.required() ? "" : "; 0 for the default");
    return new Argument(
        parameter.name(), NodeIds.Double, ValueRanks.Scalar, null, LocalizedText.english(text));
  }

  private static Argument output(String name, String description) {
    return new Argument(
        name, NodeIds.String, ValueRanks.Scalar, null, LocalizedText.english(description));
  }
}
