package io.helan.config;

/**
 * Where a command parameter goes on the device, as the site file names it: a Modbus holding
 * register or coil, an OPC UA method argument, or an HJ 212 field. The driver writes each parameter
 * there before it triggers the command.
 */
public sealed interface ParameterTarget
    permits ParameterTarget.HoldingRegister,
        ParameterTarget.Coil,
        ParameterTarget.MethodArgument,
        ParameterTarget.Hj212Field {

  /** The parameter's name, e.g. {@code durationSeconds}. */
  String parameter();

  /**
   * Modbus holding register {@code hr:<number>}: raw = value / scale, written as {@code dataType}
   * in the device's word order.
   */
  record HoldingRegister(String parameter, int number, DataType dataType, double scale)
      implements ParameterTarget {}

  /** Modbus coil {@code coil:<number>}: on for any value other than 0. */
  record Coil(String parameter, int number) implements ParameterTarget {}

  /** OPC UA: the input argument at 0-based {@code position} of the command's method. */
  record MethodArgument(String parameter, int position) implements ParameterTarget {}

  /** HJ 212: the field of that name in the command's data segment ({@code CP=&&...&&}). */
  record Hj212Field(String parameter, String field) implements ParameterTarget {}
}
