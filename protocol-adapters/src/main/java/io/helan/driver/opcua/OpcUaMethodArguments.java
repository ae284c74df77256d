package io.helan.driver.opcua;

import io.helan.config.CommandKind;
import io.helan.driver.DeviceCommand;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * Turns a command's parameters into the input arguments a method declares, each converted to the
 * argument's data type. An argument takes, in this order: the parameter of the same name; the only
 * parameter, when the method has a single argument (site files and servers need not agree on the
 * name, e.g. {@code intervalSeconds} for {@code seconds}); the command definition's duration for an
 * argument named {@code durationSeconds}; for a Boolean, off for the kinds that switch something
 * off (maintenance off, sampler stop) and on otherwise.
 */
final class OpcUaMethodArguments {

  private OpcUaMethodArguments() {}

  /**
   * @throws IllegalArgumentException if an argument has no value or a type this driver cannot
   *     write, or a value does not fit its type
   */
  static Variant[] inputs(DeviceCommand command, Argument[] declared) {
    Variant[] inputs = new Variant[declared.length];
    for (int i = 0; i < declared.length; i++) {
      Argument argument = declared[i];
      inputs[i] = convert(valueFor(command, argument, declared.length), argument);
    }
    return inputs;
  }

  private static double valueFor(DeviceCommand command, Argument argument, int argumentCount) {
    Map<String, Double> parameters = command.parameters();
    Double named = parameters.get(argument.getName());
    if (named != null) {
      return named;
    }
    if (argumentCount == 1 && parameters.size() == 1) {
      return parameters.values().iterator().next();
    }
    int duration = command.definition().durationSeconds();
    if ("durationSeconds".equals(argument.getName()) && duration > 0) {
      return duration;
    }
    if (NodeIds.Boolean.equals(argument.getDataType())) {
      CommandKind kind = command.definition().kind();
      return kind == CommandKind.MAINTENANCE_OFF || kind == CommandKind.SAMPLER_STOP ? 0 : 1;
    }
    throw new IllegalArgumentException(
        "command " + command.definition().id() + " needs parameter '" + argument.getName() + "'");
  }

  private static Variant convert(double value, Argument argument) {
    NodeId type = argument.getDataType();
    if (NodeIds.Boolean.equals(type)) {
      return Variant.ofBoolean(value != 0);
    }
    if (NodeIds.Double.equals(type)) {
      return Variant.ofDouble(value);
    }
    if (NodeIds.Float.equals(type)) {
      return Variant.ofFloat((float) value);
    }
    if (NodeIds.Int16.equals(type)) {
      return Variant.ofInt16((short) whole(value, Short.MIN_VALUE, Short.MAX_VALUE, argument));
    }
    if (NodeIds.UInt16.equals(type)) {
      return Variant.ofUInt16(UShort.valueOf((int) whole(value, 0, 0xFFFF, argument)));
    }
    if (NodeIds.Int32.equals(type)) {
      return Variant.ofInt32((int) whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE, argument));
    }
    if (NodeIds.UInt32.equals(type)) {
      return Variant.ofUInt32(UInteger.valueOf(whole(value, 0, 0xFFFF_FFFFL, argument)));
    }
    if (NodeIds.Int64.equals(type)) {
      return Variant.ofInt64(whole(value, Long.MIN_VALUE, Long.MAX_VALUE, argument));
    }
    throw new IllegalArgumentException(
        "argument '" + argument.getName() + "' has data type " + type + ", which is not supported");
  }

  private static long whole(double value, long min, long max, Argument argument) {
    if (value != Math.rint(value) || value < min || value > max) {
      throw new IllegalArgumentException(
          value
              + " does not fit argument '"
              + argument.getName()
              + "' ("
              + argument.getDataType()
              + ")");
    }
    return (long) value;
  }
}
