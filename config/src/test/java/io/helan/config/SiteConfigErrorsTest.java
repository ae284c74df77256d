package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConfigErrorsTest {
  private static final Path BAD = Path.of("src/test/resources/bad");

  @Test
  void reportsEveryUnknownKeyWhereverItIs() {
    Path file = BAD.resolve("unknown-keys.yaml");

    List<ConfigError> errors = errorsOf(file);

    assertThat(errors).extracting(ConfigError::file).containsOnly(file.toString());
    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::column, ConfigError::path)
        .containsExactly(
            tuple(14, 9, "deviceTypes[0].points[0].colour"),
            tuple(20, 16, "stations[0].location.alt"),
            tuple(20, 50, "stations[0].location.datum"),
            tuple(21, 5, "stations[0].elevation"),
            tuple(26, 52, "stations[0].devices[0].connection.prot"));
    assertThat(errors.get(0).message())
        .isEqualTo(
            "unknown key 'colour' (known keys: address, code, dataType, id, limits, name, offset,"
                + " quality, range, scale, unit)");
  }

  @Test
  void reportsDuplicateIdsAndKeys() {
    List<ConfigError> errors = errorsOf(BAD.resolve("duplicate-ids.yaml"));

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(4, "regions[1].id", "duplicate region id 'yinchuan' (first at line 3)"),
            tuple(11, "deviceTypes[0].points[1].id", "duplicate point id 'so2' (first at line 10)"),
            tuple(20, "stations[0].devices[1].id", "duplicate device id 'aqm' (first at line 19)"),
            tuple(21, "stations[1].id", "duplicate station id 'yc-a' (first at line 13)"),
            tuple(27, "stations[1].port", "duplicate key 'port' (first at line 26)"));
  }

  @Test
  void reportsBadEmergencyPlans() {
    List<ConfigError> errors = errorsOf(BAD.resolve("emergency-plans.yaml"));

    assertThat(errors)
        .extracting(ConfigError::path, ConfigError::message)
        .containsExactlyInAnyOrder(
            tuple("emergency.radiusKm", "must be a positive number"),
            tuple("emergency.bounds", "south must be below north and west below east"),
            tuple(
                "emergency.plans.general",
                "unknown emergency class 'general' (expected one of: standby, plant, site-area,"
                    + " off-site)"),
            tuple("emergency.plans.off-site.intervalSeconds", "must be positive"),
            tuple("emergency.plans.off-site.stations[1]", "unknown station 'yc-nowhere'"),
            tuple("emergency.plans.off-site.samplers[0]", "unknown station 'yc-b'"));
  }

  @Test
  void reportsAMeasuredPointWithoutUnit() {
    SiteConfigException e =
        catchThrowableOfType(
            SiteConfigException.class, () -> SiteLoader.loadResource("bad/missing-unit.yaml"));

    assertThat(e.errors())
        .containsExactly(
            new ConfigError(
                "bad/missing-unit.yaml",
                9,
                9,
                "deviceTypes[0].points[0].unit",
                "required for a measured (float32) point; write unit: \"\" for a dimensionless"
                    + " value"));
    assertThat(e.getMessage())
        .isEqualTo(
            "1 error in site file bad/missing-unit.yaml:\n"
                + "  bad/missing-unit.yaml:9:9: deviceTypes[0].points[0].unit: required for a"
                + " measured (float32) point; write unit: \"\" for a dimensionless value");
  }

  @Test
  void reportsBadAddressesPortsAndEndpoints() {
    List<ConfigError> errors = errorsOf(BAD.resolve("bad-address-and-port.yaml"));

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(
                9,
                "deviceTypes[0].points[0].address",
                "'hr:abc' is not a Modbus address (hr:N, ir:N, coil:N or di:N)"),
            tuple(
                10,
                "deviceTypes[0].points[1].address",
                "Modbus address hr:70000 out of range, 0..65535"),
            tuple(
                12,
                "deviceTypes[0].commands[0].target",
                "command target ir:0 is read-only: commands write coils (coil:N) or holding"
                    + " registers (hr:N)"),
            tuple(
                17,
                "deviceTypes[1].points[0].address",
                "'ns=2;x=DoseRate' is not an OPC UA NodeId (ns=<n>;s=<id>, ns=<n>;i=<n> or"
                    + " nsu=<uri>;s=<id>)"),
            tuple(29, "stations[0].devices[0].connection.port", "port 70000 out of range 1..65535"),
            tuple(34, "stations[0].devices[1].connection.port", "'twenty' is not an integer"),
            tuple(
                38,
                "stations[0].devices[2].connection.endpointUrl",
                "endpointUrl 'http://127.0.0.1:22001/helan/gamma' is not of the form"
                    + " opc.tcp://host:port/path"));
  }

  @Test
  void reportsEveryKindOfProblemInOneRun() {
    List<ConfigError> errors = errorsOf(BAD.resolve("many-problems.yaml"));

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path)
        .containsExactly(
            tuple(1, "site.name"),
            tuple(1, "site.id"),
            tuple(9, "deviceTypes[0].points[0].dataType"),
            tuple(10, "deviceTypes[0].points[1].range"),
            tuple(11, "deviceTypes[0].points[2].dataType"),
            tuple(12, "deviceTypes[0].points[3].limits.hi"),
            tuple(13, "deviceTypes[0].points[4].range"),
            tuple(15, "deviceTypes[0].commands[0].kind"),
            tuple(15, "deviceTypes[0].commands[0].durationSeconds"),
            tuple(18, "deviceTypes[1].protocol"),
            tuple(24, "stations[0].kind"),
            tuple(25, "stations[0].region"),
            tuple(26, "stations[0].location.lat"),
            tuple(30, "stations[0].devices[0].connection.host"),
            tuple(30, "stations[0].devices[0].connection.unitId"),
            tuple(30, "stations[0].devices[0].connection.wordOrder"),
            tuple(30, "stations[0].devices[0].connection.endpointUrl"),
            tuple(32, "stations[0].devices[0].points[0].id"),
            tuple(34, "stations[0].devices[1].type"),
            tuple(36, "stations[1].name"),
            tuple(36, "stations[1].location"),
            tuple(43, "stations[1].devices[0].connection.host"),
            tuple(45, "stations[1].devices[0].connection.pollIntervalMs"));
    assertThat(errors)
        .extracting(ConfigError::message)
        .contains(
            "range low 500 must be below high 100",
            "coil addresses hold single bits: dataType must be bool",
            "hi 5 is below lo 10 (limits must rise: lolo <= lo <= hi <= hihi)",
            "expected a list, found a number",
            "unknown protocol 'opcua' (expected one of: modbus-tcp, opc-ua, plc4x, hj212)",
            "unknown region 'yinchuang' (regions: yinchuan)",
            "latitude 138.5 out of range -90..90",
            "endpointUrl does not apply to modbus-tcp devices (they take: host, port, unitId,"
                + " wordOrder, pollIntervalMs, timeoutMs)",
            "device type 'rack' has no point 'pm25'",
            "0.5 is not a whole number");
  }

  @Test
  void reportsOverlappingRegistersAndMissingConnections(@TempDir Path dir) throws Exception {
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
            "      - {id: a, name: A, unit: V, address: 'hr:0', range: [0, 1]}",
            "      - {id: b, name: B, unit: V, address: 'hr:1', range: [0, 1]}",
            "      - {id: c, name: C, unit: V, address: 'hr:65535', range: [0, 1]}",
            "  - {id: gauge, name: Gauge, protocol: opc-ua, points: [{id: x, name: X,"
                + " dataType: int32, address: 'ns=2;i=5'}]}",
            "stations:",
            "  - id: s",
            "    name: S",
            "    kind: air-city",
            "    region: r",
            "    location: {lat: 38, lon: 106}",
            "    devices:",
            "      - {id: d, type: rack}",
            "      - {id: g, type: gauge, connection: {host: 127.0.0.1}}",
            ""));

    List<ConfigError> errors = errorsOf(file);

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(9, "deviceTypes[0].points[1].address", "hr:1 is already used by point 'a'"),
            tuple(
                10,
                "deviceTypes[0].points[2].address",
                "hr:65535 with 2 registers runs past register 65535"),
            tuple(19, "stations[0].devices[0].connection", "required for modbus-tcp devices"),
            tuple(20, "stations[0].devices[1].connection.endpointUrl", "required"),
            tuple(
                20,
                "stations[0].devices[1].connection.host",
                "host does not apply to opc-ua devices (they take: endpointUrl,"
                    + " samplingIntervalMs, publishingIntervalMs, timeoutMs)"));
  }

  @Test
  void reportsAYamlSyntaxErrorWithItsLine() {
    List<ConfigError> errors = errorsOf(BAD.resolve("syntax-error.yaml"));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isEqualTo(7);
    assertThat(errors.get(0).message())
        .startsWith("YAML syntax error: ")
        .contains("while parsing a flow sequence from line 6");
  }

  @Test
  void reportsAnEmptyOrMissingFile(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

    assertThat(errorsOf(empty))
        .extracting(ConfigError::message)
        .containsExactly("the file holds no site (it is empty)");
    assertThat(errorsOf(dir.resolve("absent.yaml")))
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("cannot read the file"));
    SiteConfigException missingResource =
        catchThrowableOfType(
            SiteConfigException.class, () -> SiteLoader.loadResource("sites/absent.yaml"));
    assertThat(missingResource.errors())
        .extracting(ConfigError::message)
        .containsExactly("no such resource on the classpath");
  }

  private static List<ConfigError> errorsOf(Path file) {
    SiteConfigException e =
        catchThrowableOfType(SiteConfigException.class, () -> SiteLoader.load(file));
    assertThat(e).as("a bad site never yields a Site").isNotNull();
    return e.errors();
  }
}
