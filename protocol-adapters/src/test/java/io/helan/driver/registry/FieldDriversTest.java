package io.helan.driver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.driver.modbus.ModbusTcpDriver;
import io.helan.driver.opcua.OpcUaClientDriver;
import org.junit.jupiter.api.Test;

class FieldDriversTest {

  @Test
  void oneDriverPerProtocolFoundOnTheClassPath() {
    try (FieldDrivers drivers = new FieldDrivers()) {
      assertThat(drivers.driverFor("modbus-tcp")).isInstanceOf(ModbusTcpDriver.class);
      assertThat(drivers.driverFor("modbus-tcp")).isSameAs(drivers.driverFor("modbus-tcp"));
      assertThat(drivers.driverFor("opc-ua")).isInstanceOf(OpcUaClientDriver.class);
      assertThat(drivers.driverFor("opc-ua").protocol()).isEqualTo("opc-ua");
    }
  }

  @Test
  void protocolsWithoutADriverAreRefused() {
    try (FieldDrivers drivers = new FieldDrivers()) {
      assertThatThrownBy(() -> drivers.driverFor("no-such-protocol"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closedDriversHandOutNothing() {
    FieldDrivers drivers = new FieldDrivers();
    drivers.driverFor("modbus-tcp");

    drivers.close();

    assertThatThrownBy(() -> drivers.driverFor("modbus-tcp"))
        .isInstanceOf(IllegalStateException.class);
  }
}
