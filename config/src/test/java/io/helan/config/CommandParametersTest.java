package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where command parameters go (register, coil, method argument, HJ 212 field) and runningWhile. */
class CommandParametersTest {

  @Test
  void everyParameterTargetAndRunningWhileProblemIsReportedWithItsLine() {
    SiteConfigException e =
        catchThrowableOfType(
            SiteConfigException.class,
            () -> SiteLoader.loadResource("bad/command-parameters.yaml"));

    String commands = "deviceTypes[0].commands";
    assertThat(e.errors())
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(
                16,
                commands + "[0].parameters.durationSeconds.address",
                "ir:32 is read-only: parameters go to holding registers (hr:N) or coils"),
            tuple(
                17,
                commands + "[0].parameters.spanValue",
                "zero-calibration takes no parameter 'spanValue' (it takes: durationSeconds)"),
            tuple(
                18,
                commands + "[0].runningWhile.mask",
                "point 'so2' is not an integer point: a mask needs a dataType such as uint16"),
            tuple(
                25,
                commands + "[1].parameters.durationSeconds.address",
                "hr:31 already takes parameter 'spanValue'"),
            tuple(26, commands + "[1].runningWhile.point", "the device type has no point 'flow'"),
            tuple(
                32,
                commands + "[2].parameters.durationSeconds.dataType",
                "required for a holding register: the type the device expects"),
            tuple(
                32,
                commands + "[2].parameters.durationSeconds.argument",
                "argument does not apply to modbus-tcp devices"),
            tuple(
                37,
                commands + "[3].runningWhile",
                "maintenance-on has no effect period to report: runningWhile applies to"
                    + " zero-calibration, span-calibration, calibration-check, sampler-start"),
            tuple(
                49,
                "deviceTypes[1].commands[0].parameters.durationSeconds.argument",
                "required: the 0-based position of the method argument"),
            tuple(
                49,
                "deviceTypes[1].commands[0].parameters.durationSeconds.address",
                "address does not apply to opc-ua devices"),
            tuple(
                55,
                "deviceTypes[1].commands[1].parameters.intervalSeconds.argument",
                "argument position -1 out of range 0..255"),
            tuple(
                67,
                "deviceTypes[2].commands[0].parameters.durationSeconds.field",
                "'Sampling Time' is not an HJ 212 field name (letters and digits, e.g. Ctime)"));
  }

  @Test
  void aValidFileNamesWhereEachParameterGoesInFileOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "site: {id: t, name: T}",
            "regions: [{id: r, name: R}]",
            "deviceTypes:",
            "  - id: rack",
            "    name: Rack",
            "    protocol: modbus-tcp",
            "    points:",
            "      - {id: status, name: Status, dataType: uint16, address: 'hr:20'}",
            "    commands:",
            "      - id: span",
            "        kind: span-calibration",
            "        name: Span",
            "        target: 'coil:1'",
            "        durationSeconds: 90",
            "        parameters:",
            "          spanValue: {address: 'hr:30', dataType: uint16, scale: 0.1}",
            "          durationSeconds: {address: 'coil:7'}",
            "        runningWhile: {point: status, mask: 2}",
            "  - id: gamma",
            "    name: Gamma",
            "    protocol: opc-ua",
            "    points: [{id: flow, name: Flow, unit: '', address: 'ns=2;s=F', range: [0, 1]}]",
            "    commands:",
            "      - {id: start, kind: sampler-start, name: Start, target: 'ns=2;s=S',"
                + " parameters: {durationSeconds: {argument: 1}}, runningWhile: {point: flow}}",
            "      - {id: stop, kind: sampler-stop, name: Stop, target: 'ns=2;s=T'}",
            "  - id: source",
            "    name: Source",
            "    protocol: hj212",
            "    points: [{id: cod, name: COD, unit: mg/L, address: w01018, range: [0, 500]}]",
            "    commands:",
            "      - {id: sample, kind: sampler-start, name: Sample, target: '3015',"
                + " parameters: {durationSeconds: {field: SamplingTime}}}",
            "stations:",
            "  - id: s",
            "    name: S",
            "    kind: air-city",
            "    region: r",
            "    location: {lat: 38, lon: 106}",
            "    devices:",
            "      - {id: d, type: rack, connection: {host: 127.0.0.1, port: 502}}",
            "      - {id: g, type: gamma, connection: {endpointUrl: 'opc.tcp://127.0.0.1:4840/x'}}",
            "      - {id: h, type: source, connection: {mn: NX01, password: '123456'}}",
            ""));

    Site site = SiteLoader.load(file);

    CommandDefinition span = site.device("s.d").orElseThrow().commands().get(0);
    assertThat(span.parameters())
        .containsExactly(
            new ParameterTarget.HoldingRegister("spanValue", 30, DataType.UINT16, 0.1),
            new ParameterTarget.Coil("durationSeconds", 7));
    assertThat(span.runningWhile()).isEqualTo(new RunningWhile("s.d.status", 2));
    assertThat(span.runningWhile().isRunning(3)).isTrue();
    assertThat(span.runningWhile().isRunning(1)).isFalse();
    List<CommandDefinition> gamma = site.device("s.g").orElseThrow().commands();
    assertThat(gamma.get(0).parameters())
        .containsExactly(new ParameterTarget.MethodArgument("durationSeconds", 1));
    assertThat(gamma.get(0).runningWhile()).isEqualTo(new RunningWhile("s.g.flow", 0));
    assertThat(gamma.get(0).runningWhile().isRunning(68.2)).isTrue();
    assertThat(gamma.get(0).runningWhile().isRunning(0)).isFalse();
    assertThat(gamma.get(1).parameters()).isEmpty();
    assertThat(gamma.get(1).runningWhile()).isNull();
    assertThat(
            site.device("s.h").orElseThrow().commands().get(0).parameterTarget("durationSeconds"))
        .contains(new ParameterTarget.Hj212Field("durationSeconds", "SamplingTime"));
  }
}
