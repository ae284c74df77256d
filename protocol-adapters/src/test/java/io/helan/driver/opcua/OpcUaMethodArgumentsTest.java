package io.helan.driver.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.ParameterTarget;
import io.helan.driver.DeviceCommand;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.junit.jupiter.api.Test;

class OpcUaMethodArgumentsTest {
  private static final String METHOD = "nsu=urn:helan:simulator:gamma;s=Station.Calibrate";

  @Test
  void eachParameterGoesToTheArgumentAtItsPositionInThatArgumentsType() {
    DeviceCommand command =
        command(
            CommandKind.SPAN_CALIBRATION,
            Map.of("spanValue", 400.5, "durationSeconds", 600.0),
            new ParameterTarget.MethodArgument("durationSeconds", 0),
            new ParameterTarget.MethodArgument("spanValue", 1));

    Variant[] inputs =
        OpcUaMethodArguments.inputs(
            command,
            new Argument[] {argument("seconds", NodeIds.Int32), argument("gas", NodeIds.Double)});

    assertThat(inputs).containsExactly(Variant.ofInt32(600), Variant.ofDouble(400.5));
  }

  @Test
  void aBooleanNoParameterGoesToFollowsTheCommandKind() {
    Argument[] on = {argument("on", NodeIds.Boolean)};

    assertThat(OpcUaMethodArguments.inputs(command(CommandKind.MAINTENANCE_ON, Map.of()), on))
        .containsExactly(Variant.ofBoolean(true));
    assertThat(OpcUaMethodArguments.inputs(command(CommandKind.MAINTENANCE_OFF, Map.of()), on))
        .containsExactly(Variant.ofBoolean(false));
  }

  @Test
  void aMethodWithoutArgumentsGetsNone() {
    assertThat(
            OpcUaMethodArguments.inputs(
                command(CommandKind.SAMPLER_STOP, Map.of()), new Argument[0]))
        .isEmpty();
  }

  @Test
  void refusesAnArgumentWithoutParameterFractionsForIntegersUnknownTypesAndMissingPositions() {
    Argument[] seconds = {argument("seconds", NodeIds.Int32)};
    ParameterTarget toFirst = new ParameterTarget.MethodArgument("durationSeconds", 0);
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(command(CommandKind.SAMPLER_START, Map.of()), seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("goes to argument 0 'seconds'");
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(
                    command(CommandKind.SAMPLER_START, Map.of("durationSeconds", 1.5), toFirst),
                    seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5 does not fit argument 'seconds'");
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(
                    command(CommandKind.SAMPLER_START, Map.of("durationSeconds", 1.0), toFirst),
                    new Argument[] {argument("name", NodeIds.String)}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not supported");
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(
                    command(
                        CommandKind.SAMPLER_START,
                        Map.of("durationSeconds", 1.0),
                        new ParameterTarget.MethodArgument("durationSeconds", 1)),
                    seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("goes to argument 1, but the method takes 1");
  }

  private static DeviceCommand command(
      CommandKind kind, Map<String, Double> parameters, ParameterTarget... targets) {
    return new DeviceCommand(
        new CommandDefinition(kind.key(), kind, kind.key(), METHOD, 0, List.of(targets), null),
        parameters);
  }

  private static Argument argument(String name, NodeId dataType) {
    return new Argument(name, dataType, -1, null, LocalizedText.NULL_VALUE);
  }
}
