package io.helan.driver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.config.Protocol;
import io.helan.driver.modbus.ModbusTcpDriver;
import io.helan.driver.opcua.OpcUaClientDriver;
import org.junit.jupiter.api.Test;

class FieldDriversTest {

  @Test
  void oneDriverPerProtocolCreatedOnFirstUse() {
    try (FieldDrivers drivers = new FieldDrivers()) {
      assertThat(drivers.driverFor(Protocol.MODBUS_TCP)).isInstanceOf(ModbusTcpDriver.class);
      assertThat(drivers.driverFor(Protocol.MODBUS_TCP))
          .isSameAs(drivers.driverFor(Protocol.MODBUS_TCP));
      assertThat(drivers.driverFor(Protocol.OPC_UA)).isInstanceOf(OpcUaClientDriver.class);
      assertThat(drivers.driverFor(Protocol.OPC_UA).protocol()).isEqualTo(Protocol.OPC_UA);
    }
  }

  @Test
  void protocolsWithoutADriverYetAreRefused() {
    try (FieldDrivers drivers = new FieldDrivers()) {
      assertThatThrownBy(() -> drivers.driverFor(Protocol.HJ212))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closedDriversHandOutNothing() {
    FieldDrivers drivers = new FieldDrivers();
    drivers.driverFor(Protocol.MODBUS_TCP);

    drivers.close();

    assertThatThrownBy(() -> drivers.driverFor(Protocol.MODBUS_TCP))
        .isInstanceOf(IllegalStateException.class);
  }
}
