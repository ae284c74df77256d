package io.helan.driver.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.driver.DeviceCommand;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.junit.jupiter.api.Test;

class OpcUaMethodArgumentsTest {
  private static final String START = "nsu=urn:helan:simulator:gamma;s=Station.StartSampler";

  @Test
  void aParameterGoesToTheArgumentOfTheSameNameInItsType() {
    DeviceCommand command = command(CommandKind.SAMPLER_START, 0, Map.of("durationSeconds", 600.0));

    Variant[] inputs =
        OpcUaMethodArguments.inputs(
            command, new Argument[] {argument("durationSeconds", NodeIds.Int32)});

    assertThat(inputs).containsExactly(Variant.ofInt32(600));
  }

  @Test
  void theOnlyParameterFillsTheOnlyArgumentWhateverItsName() {
    DeviceCommand command =
        command(CommandKind.EMERGENCY_MEASUREMENT, 0, Map.of("intervalSeconds", 30.0));

    Variant[] inputs =
        OpcUaMethodArguments.inputs(command, new Argument[] {argument("seconds", NodeIds.Int32)});

    assertThat(inputs).containsExactly(Variant.ofInt32(30));
  }

  @Test
  void durationComesFromTheDefinitionWhenNotGiven() {
    DeviceCommand command = command(CommandKind.SAMPLER_START, 3600, Map.of());

    Variant[] inputs =
        OpcUaMethodArguments.inputs(
            command, new Argument[] {argument("durationSeconds", NodeIds.Int32)});

    assertThat(inputs).containsExactly(Variant.ofInt32(3600));
  }

  @Test
  void aBooleanFollowsTheCommandKindWhenNotGiven() {
    Argument[] on = {argument("on", NodeIds.Boolean)};

    assertThat(OpcUaMethodArguments.inputs(command(CommandKind.MAINTENANCE_ON, 0, Map.of()), on))
        .containsExactly(Variant.ofBoolean(true));
    assertThat(OpcUaMethodArguments.inputs(command(CommandKind.MAINTENANCE_OFF, 0, Map.of()), on))
        .containsExactly(Variant.ofBoolean(false));
    assertThat(
            OpcUaMethodArguments.inputs(
                command(CommandKind.MAINTENANCE_OFF, 0, Map.of("on", 1.0)), on))
        .containsExactly(Variant.ofBoolean(true));
  }

  @Test
  void aMethodWithoutArgumentsGetsNone() {
    assertThat(
            OpcUaMethodArguments.inputs(
                command(CommandKind.SAMPLER_STOP, 0, Map.of("unused", 1.0)), new Argument[0]))
        .isEmpty();
  }

  @Test
  void floatingPointArgumentsKeepFractions() {
    Variant[] inputs =
        OpcUaMethodArguments.inputs(
            command(CommandKind.SPAN_CALIBRATION, 0, Map.of("spanValue", 400.5)),
            new Argument[] {argument("spanValue", NodeIds.Double)});

    assertThat(inputs).containsExactly(Variant.ofDouble(400.5));
  }

  @Test
  void refusesMissingValuesFractionsForIntegersAndUnknownTypes() {
    Argument[] seconds = {argument("seconds", NodeIds.Int32)};
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(
                    command(CommandKind.SAMPLER_START, 0, Map.of()), seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seconds");
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(
                    command(CommandKind.SAMPLER_START, 0, Map.of("seconds", 1.5)), seconds))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                OpcUaMethodArguments.inputs(
                    command(CommandKind.SAMPLER_START, 0, Map.of("name", 1.0)),
                    new Argument[] {argument("name", NodeIds.String)}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static DeviceCommand command(
      CommandKind kind, int durationSeconds, Map<String, Double> parameters) {
    return new DeviceCommand(
        new CommandDefinition(kind.key(), kind, kind.key(), START, durationSeconds), parameters);
  }

  private static Argument argument(String name, NodeId dataType) {
    return new Argument(name, dataType, -1, null, LocalizedText.NULL_VALUE);
  }
}
