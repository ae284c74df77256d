package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Moving devices to other ports, as simulators on free ports need, changes nothing else. */
class DeviceConnectionsTest {
  private final Site site = SiteLoader.loadDefault();

  @Test
  void aModbusConnectionMovesItsPort() {
    ModbusTcpConnection rack =
        (ModbusTcpConnection) site.device("yc-xinghuayuan.aqm").orElseThrow().connection();

    ModbusTcpConnection moved = rack.atPort(0);

    assertThat(moved.port()).isZero();
    assertThat(moved.tcpPort()).isZero();
    assertThat(moved).usingRecursiveComparison().ignoringFields("port").isEqualTo(rack);
    assertThat(moved.atPort(rack.port())).isEqualTo(rack);
  }

  @Test
  void anOpcUaConnectionMovesThePortOfItsEndpointUrl() {
    OpcUaConnection gamma =
        new OpcUaConnection("opc.tcp://127.0.0.1:22001/helan/gamma", 1000, 1000, 2000);

    OpcUaConnection moved = gamma.atPort(40123);

    assertThat(moved.endpointUrl()).isEqualTo("opc.tcp://127.0.0.1:40123/helan/gamma");
    assertThat(moved.tcpPort()).isEqualTo(40123);
    assertThat(gamma.tcpPort()).isEqualTo(22001);
    assertThat(moved).usingRecursiveComparison().ignoringFields("endpointUrl").isEqualTo(gamma);
  }

  @Test
  void aPlc4xConnectionMovesThePortOfItsConnectionString() {
    Plc4xConnection plc =
        (Plc4xConnection) site.device("zw-xiaheyan.plc").orElseThrow().connection();

    Plc4xConnection moved = plc.atPort(40123);

    assertThat(plc.host()).isEqualTo("127.0.0.1");
    assertThat(plc.driver()).isEqualTo("modbus-tcp");
    assertThat(moved.connectionString())
        .isEqualTo("modbus-tcp://127.0.0.1:40123?default-unit-identifier=1");
    assertThat(moved.tcpPort()).isEqualTo(40123);
    assertThat(moved).usingRecursiveComparison().ignoringFields("connectionString").isEqualTo(plc);
  }

  @Test
  void aPlc4xConnectionWithoutHostAndPortHasNone() {
    Plc4xConnection serial = new Plc4xConnection("modbus-rtu:///dev/ttyUSB0", 1000, 500);

    assertThat(serial.driver()).isEqualTo("modbus-rtu");
    assertThat(serial.host()).isNull();
    assertThat(serial.tcpPort()).isEqualTo(-1);
  }

  @Test
  void aSiteWithMovedDevicesKeepsItsStationsPointsAndIndexes() {
    Site moved =
        site.withDeviceConnections(
            device ->
                device.type().equals("gamma-station")
                    ? ((TcpConnection) device.connection()).atPort(0)
                    : device.connection());

    assertThat(moved.id()).isEqualTo(site.id());
    assertThat(moved.regions()).isEqualTo(site.regions());
    assertThat(moved.points()).isEqualTo(site.points());
    assertThat(moved.stations())
        .extracting(Station::id)
        .isEqualTo(site.stations().stream().map(Station::id).toList());
    for (Device device : site.devices()) {
      Device after = moved.device(device.id()).orElseThrow();
      assertThat(after).usingRecursiveComparison().ignoringFields("connection").isEqualTo(device);
      if (device.type().equals("gamma-station")) {
        assertThat(((TcpConnection) after.connection()).tcpPort()).isZero();
      } else {
        assertThat(after.connection()).isEqualTo(device.connection());
      }
    }
  }
}
