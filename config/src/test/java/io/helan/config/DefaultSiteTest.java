package io.helan.config;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefaultSiteTest {
  private static final ConnectionTypes TYPES = ConnectionTypes.installed();
  private static final Pattern GAMMA_ENDPOINT =
      Pattern.compile("opc\\.tcp://127\\.0\\.0\\.1:(\\d+)/helan/gamma");

  private static Site site;

  @BeforeAll
  static void load() {
    site = SiteLoader.loadDefault();
  }

  @Test
  void hasTheStationsOfTheRegionalPlanPerKind() {
    Map<StationKind, Long> perKind =
        site.stations().stream().collect(groupingBy(Station::kind, counting()));

    assertThat(site.id()).isEqualTo("ningxia");
    assertThat(site.stations()).hasSize(132);
    assertThat(perKind)
        .containsOnly(
            Map.entry(StationKind.AIR_CITY, 19L),
            Map.entry(StationKind.AIR_REGIONAL, 2L),
            Map.entry(StationKind.AIR_SUPER, 1L),
            Map.entry(StationKind.AIR_COUNTY, 17L),
            Map.entry(StationKind.AIR_PARK, 4L),
            Map.entry(StationKind.AIR_DUST, 5L),
            Map.entry(StationKind.WATER_SECTION, 28L),
            Map.entry(StationKind.WATER_SOURCE, 39L),
            Map.entry(StationKind.RADIATION_GAMMA, 7L),
            Map.entry(StationKind.RADIATION_VEHICLE, 2L),
            Map.entry(StationKind.RADIATION_SOURCE, 2L),
            Map.entry(StationKind.POLLUTION_SOURCE, 6L));
  }

  @Test
  void stationsSitInTheirRegionsInsideNingxia() {
    Set<String> regionIds = new HashSet<>();
    site.regions().forEach(region -> regionIds.add(region.id()));

    assertThat(regionIds)
        .containsExactlyInAnyOrder(
            "yinchuan", "shizuishan", "wuzhong", "guyuan", "zhongwei", "ningdong");
    for (Station station : site.stations()) {
      assertThat(station.regionId()).isIn(regionIds);
      assertThat(station.id()).startsWith(prefixOf(station.regionId()));
      assertThat(station.latitude()).as(station.id()).isBetween(35.2, 39.4);
      assertThat(station.longitude()).as(station.id()).isBetween(104.2, 107.7);
      assertThat(station.name()).isNotBlank();
      assertThat(station.nameEn()).isNotBlank();
    }
  }

  @Test
  void idsAreUniqueAndPointsAreIndexedInOrder() {
    List<String> stationIds = site.stations().stream().map(Station::id).toList();
    List<String> deviceIds = site.devices().stream().map(Device::id).toList();
    List<String> pointIds = new ArrayList<>();
    site.devices().forEach(device -> device.points().forEach(point -> pointIds.add(point.id())));

    assertThat(stationIds).doesNotHaveDuplicates();
    assertThat(deviceIds).doesNotHaveDuplicates();
    assertThat(pointIds).doesNotHaveDuplicates().hasSize(site.points().size());
    for (int i = 0; i < site.points().size(); i++) {
      Point point = site.points().get(i);
      assertThat(point.index()).isEqualTo(i);
      assertThat(point.id()).startsWith(point.deviceId() + ".");
      assertThat(point.deviceId()).startsWith(point.stationId() + ".");
      assertThat(site.point(point.id())).containsSame(point);
    }
    assertThat(site.point("yc-xinghuayuan.aqm.pm25"))
        .hasValueSatisfying(
            pm25 -> {
              assertThat(pm25.stationId()).isEqualTo("yc-xinghuayuan");
              assertThat(pm25.deviceId()).isEqualTo("yc-xinghuayuan.aqm");
              assertThat(pm25.code()).isEqualTo("a34004");
              assertThat(pm25.unit()).isEqualTo("µg/m³");
              assertThat(pm25.address()).isEqualTo("hr:10");
              assertThat(pm25.dataType()).isEqualTo(DataType.FLOAT32);
              assertThat(pm25.rangeLow()).isEqualTo(0);
              assertThat(pm25.rangeHigh()).isEqualTo(1000);
              assertThat(pm25.limits().hi()).isEqualTo(75);
            });
  }

  @Test
  void everyAddressAndCommandTargetIsValidForItsProtocol() {
    for (Device device : site.devices()) {
      ConnectionType protocol = TYPES.find(device.connection().protocol()).orElseThrow();
      for (Point point : device.points()) {
        assertThat(protocol.checkPointAddress(point.address())).as(point.id()).isEmpty();
      }
      for (CommandDefinition command : device.commands()) {
        assertThat(protocol.checkCommandTarget(command.target()))
            .as(device.id() + " " + command.id())
            .isEmpty();
      }
    }
  }

  @Test
  void everyDeviceHasItsOwnPortInTheContractBlocks() {
    List<Integer> ports = new ArrayList<>();
    for (Device device : site.devices()) {
      if (device.connection() instanceof Hj212Connection) {
        continue; // loggers dial in: see everyLoggerHasItsOwnMn
      }
      TcpConnection connection = (TcpConnection) device.connection();
      switch (device.type()) {
        case "air-analyser-rack" -> assertThat(connection.tcpPort()).isBetween(20001, 20999);
        case "water-analyser-rack" -> assertThat(connection.tcpPort()).isBetween(21001, 21999);
        case "water-station-plc" -> assertThat(connection.tcpPort()).isBetween(23001, 23999);
        case "gamma-station" ->
            assertThat(gammaPort((OpcUaConnection) connection)).isBetween(22001, 22099);
        case "survey-vehicle" -> {
          assertThat(((OpcUaConnection) connection).endpointUrl()).endsWith("/helan/vehicle");
          assertThat(connection.tcpPort()).isBetween(22101, 22199);
        }
        case "source-monitor" -> {
          assertThat(((OpcUaConnection) connection).endpointUrl()).endsWith("/helan/source");
          assertThat(connection.tcpPort()).isBetween(22201, 22299);
        }
        default -> throw new AssertionError("unexpected device type " + device.type());
      }
      ports.add(connection.tcpPort());
      assertThat(connection.host()).isEqualTo("127.0.0.1");
      if (connection instanceof ModbusTcpConnection modbus) {
        assertThat(modbus.unitId()).isEqualTo(1);
      }
    }
    assertThat(ports).doesNotHaveDuplicates();
  }

  @Test
  void everyLoggerHasItsOwnMnAndPassword() {
    List<Hj212Connection> loggers =
        site.devices().stream()
            .map(Device::connection)
            .filter(Hj212Connection.class::isInstance)
            .map(Hj212Connection.class::cast)
            .toList();

    assertThat(loggers).hasSize(6);
    assertThat(loggers.stream().map(Hj212Connection::stationCode)).doesNotHaveDuplicates();
    assertThat(loggers).allSatisfy(logger -> assertThat(logger.password()).hasSize(6));
  }

  @Test
  void deviceTypesFollowTheContract() {
    Device air = site.device("yc-xinghuayuan.aqm").orElseThrow();
    Device water = site.device("zw-xiaheyan.wqm").orElseThrow();
    Device gamma = site.device("yc-fushe.gamma").orElseThrow();

    assertThat(air.points())
        .extracting(Point::address)
        .containsExactly(
            "hr:0", "hr:2", "hr:4", "hr:6", "hr:8", "hr:10", "hr:12", "hr:14", "hr:16", "hr:18",
            "hr:20");
    assertThat(air.commands())
        .extracting(CommandDefinition::kind, CommandDefinition::target)
        .containsExactly(
            tuple(CommandKind.ZERO_CALIBRATION, "coil:0"),
            tuple(CommandKind.SPAN_CALIBRATION, "coil:1"),
            tuple(CommandKind.MAINTENANCE_ON, "coil:2"),
            tuple(CommandKind.MAINTENANCE_OFF, "coil:2"));
    assertThat(water.points())
        .extracting(Point::code)
        .containsExactly(
            "w01010", "w01001", "w01009", "w01014", "w01003", "w01019", "w21003", "w21011",
            "w21001", null);
    assertThat(((OpcUaConnection) gamma.connection()).endpointUrl())
        .isEqualTo("opc.tcp://127.0.0.1:22001/helan/gamma");
    assertThat(gamma.points().get(0).address())
        .isEqualTo("nsu=urn:helan:simulator:gamma;s=DoseRate");
    assertThat(gamma.points().get(0).dataType()).isEqualTo(DataType.FLOAT64);
  }

  @Test
  void commandParametersGoWhereTheRacksAndGammaStationsTakeThem() {
    Device air = site.device("yc-xinghuayuan.aqm").orElseThrow();
    Device gamma = site.device("yc-fushe.gamma").orElseThrow();
    ParameterTarget duration =
        new ParameterTarget.HoldingRegister("durationSeconds", 32, DataType.UINT16, 1);

    assertThat(air.commands().get(0).parameters()).containsExactly(duration);
    assertThat(air.commands().get(0).runningWhile())
        .isEqualTo(new RunningWhile("yc-xinghuayuan.aqm.status", 1));
    assertThat(air.commands().get(1).parameters())
        .containsExactly(
            new ParameterTarget.HoldingRegister("spanValue", 30, DataType.FLOAT32, 1), duration);
    assertThat(air.commands().get(1).runningWhile())
        .isEqualTo(new RunningWhile("yc-xinghuayuan.aqm.status", 2));
    assertThat(gamma.commands())
        .filteredOn(c -> !c.parameters().isEmpty())
        .extracting(CommandDefinition::kind, CommandDefinition::parameters)
        .containsExactly(
            tuple(
                CommandKind.SAMPLER_START,
                List.of(new ParameterTarget.MethodArgument("durationSeconds", 0))),
            tuple(
                CommandKind.SAMPLER_START,
                List.of(new ParameterTarget.MethodArgument("durationSeconds", 0))),
            tuple(
                CommandKind.EMERGENCY_MEASUREMENT,
                List.of(new ParameterTarget.MethodArgument("intervalSeconds", 0))));
    assertThat(gamma.commands().get(0).runningWhile())
        .isEqualTo(new RunningWhile("yc-fushe.gamma.sampler-flow", 0));
    assertThat(gamma.commands().get(2).runningWhile())
        .isEqualTo(new RunningWhile("yc-fushe.gamma.iodine-sampler-flow", 0));
  }

  @Test
  void aboutAThirdOfTheWaterRacksSwapWords() {
    List<Device> waterRacks =
        site.devices().stream().filter(d -> d.type().equals("water-analyser-rack")).toList();
    long cdab =
        waterRacks.stream()
            .filter(d -> ((ModbusTcpConnection) d.connection()).wordOrder() == WordOrder.CDAB)
            .count();

    assertThat(cdab).isBetween(waterRacks.size() / 4L, waterRacks.size() / 2L);
    assertThat(site.devices())
        .filteredOn(d -> d.type().equals("air-analyser-rack"))
        .allSatisfy(
            d ->
                assertThat(((ModbusTcpConnection) d.connection()).wordOrder())
                    .isEqualTo(WordOrder.ABCD));
  }

  @Test
  void overridesChangeOnlyTheirStations() {
    Point lakeTp = site.point("szs-shahu.wqm.tp").orElseThrow();
    Point riverTp = site.point("zw-xiaheyan.wqm.tp").orElseThrow();
    Point dustPm10 = site.point("yc-shachen.aqm.pm10").orElseThrow();

    assertThat(lakeTp.limits().hi()).isEqualTo(0.05);
    assertThat(riverTp.limits().hi()).isEqualTo(0.2);
    assertThat(site.point("szs-shahu.wqm.tn").orElseThrow().limits().hi()).isEqualTo(1.0);
    assertThat(site.point("zw-xiaheyan.wqm.tn").orElseThrow().limits()).isEqualTo(AlarmLimits.NONE);
    assertThat(dustPm10.rangeHigh()).isEqualTo(10000);
    assertThat(dustPm10.limits().hi()).isEqualTo(150);
  }

  private static int gammaPort(OpcUaConnection connection) {
    Matcher matcher = GAMMA_ENDPOINT.matcher(connection.endpointUrl());
    assertThat(matcher.matches()).as(connection.endpointUrl()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private static String prefixOf(String regionId) {
    return switch (regionId) {
      case "yinchuan" -> "yc-";
      case "shizuishan" -> "szs-";
      case "wuzhong" -> "wz-";
      case "guyuan" -> "gy-";
      case "zhongwei" -> "zw-";
      case "ningdong" -> "nd-";
      default -> throw new AssertionError("unexpected region " + regionId);
    };
  }

  @Test
  void gradedEmergencyPlansNameStationsOfTheSite() throws Exception {
    Site site = SiteLoader.loadDefault();
    EmergencySettings emergency = site.emergency();

    assertThat(emergency.radiusKm()).isEqualTo(30);
    assertThat(emergency.plans()).containsOnlyKeys(EmergencyClass.values());
    assertThat(emergency.plan(EmergencyClass.OFF_SITE).orElseThrow().samplers())
        .containsExactly("yc-fushe", "nd-fushe");
    for (Station station : site.stations()) {
      assertThat(emergency.bounds().contains(station.latitude(), station.longitude()))
          .as(station.id())
          .isTrue();
    }
  }
}
