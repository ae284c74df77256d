package io.helan.driver.opcua;

import io.helan.config.ParameterTarget;
import io.helan.driver.DeviceCommand;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * Turns a command's parameters into the input arguments a method declares, each converted to the
 * argument's data type. An argument takes the parameter the command definition puts at its
 * position; a Boolean argument no parameter goes to is off for the kinds that switch something off
 * (maintenance off, sampler stop) and on otherwise.
 */
final class OpcUaMethodArguments {

  private OpcUaMethodArguments() {}

  /**
   * @throws IllegalArgumentException if an argument has no value or a type this driver cannot
   *     write, a value does not fit its type, or a parameter goes to an argument the method lacks
   */
  static Variant[] inputs(DeviceCommand command, Argument[] declared) {
    Double[] values = new Double[declared.length];
    for (ParameterTarget target : command.definition().parameters()) {
      Double value = command.parameters().get(target.parameter());
      if (value == null) {
        continue;
      }
      if (!(target instanceof ParameterTarget.MethodArgument argument)) {
        throw new IllegalArgumentException(
            "parameter " + target.parameter() + " cannot go to an OPC UA method: " + target);
      }
      if (argument.position() >= declared.length) {
        throw new IllegalArgumentException(
            "parameter "
                + target.parameter()
                + " goes to argument "
                + argument.position()
                + ", but the method takes "
                + declared.length);
      }
      values[argument.position()] = value;
    }
    Variant[] inputs = new Variant[declared.length];
    for (int i = 0; i < declared.length; i++) {
      inputs[i] = convert(valueOf(command, declared[i], i, values[i]), declared[i]);
    }
    return inputs;
  }

  private static double valueOf(
      DeviceCommand command, Argument argument, int position, Double given) {
    if (given != null) {
      return given;
    }
    if (NodeIds.Boolean.equals(argument.getDataType())) {
      return command.definition().kind().switchesOff() ? 0 : 1;
    }
    throw new IllegalArgumentException(
        "no parameter of command "
            + command.definition().id()
            + " goes to argument "
            + position
            + " '"
            + argument.getName()
            + "' of the method");
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
