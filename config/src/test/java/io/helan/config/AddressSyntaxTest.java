package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTest {

  @Test
  void parsesTheFourModbusTables() {
    assertThat(ModbusAddress.parse("hr:0"))
        .isEqualTo(new ModbusAddress(ModbusAddress.Table.HOLDING_REGISTER, 0));
    assertThat(ModbusAddress.parse("ir:65535"))
        .isEqualTo(new ModbusAddress(ModbusAddress.Table.INPUT_REGISTER, 65535));
    assertThat(ModbusAddress.parse("coil:2").table().isBits()).isTrue();
    assertThat(ModbusAddress.parse("di:7").table().isWritable()).isFalse();
    assertThat(ModbusAddress.parse("hr:30")).hasToString("hr:30");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "hr", "hr:", "hr:-1", "hr:65536", "HR:1", "hr: 1", "holding:1", "hr:1x"})
  void rejectsWhatIsNotAModbusAddress(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> ModbusAddress.parse(text));
    assertThat(new ModbusTcpConnectionType().checkPointAddress(text)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nsu=urn:helan:simulator:gamma;s=DoseRate",
        "ns=2;s=Station/StartSampler",
        "ns=0;i=2258",
        "i=85",
        "s=Plain",
        "ns=3;g=09087e75-8e5e-499b-954f-f2a9603db28a",
        "ns=1;b=M/RbKBsRVkePCePcx24oRA=="
      })
  void acceptsOpcUaNodeIds(String nodeId) {
    assertThat(new OpcUaConnectionType().checkPointAddress(nodeId)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DoseRate",
        "ns=2;DoseRate",
        "ns=x;s=A",
        "ns=2;i=abc",
        "nsu=;s=A",
        "ns=70000;s=A",
        "s="
      })
  void rejectsWhatIsNotANodeId(String nodeId) {
    assertThat(new OpcUaConnectionType().checkPointAddress(nodeId)).isPresent();
  }

  @Test
  void checksEndpointsHostsAndPorts() {
    assertThat(AddressSyntax.checkOpcUaEndpoint("opc.tcp://127.0.0.1:22001/helan/gamma")).isEmpty();
    assertThat(AddressSyntax.checkOpcUaEndpoint("opc.tcp://localhost:4840")).isEmpty();
    assertThat(AddressSyntax.checkOpcUaEndpoint("opc.tcp://localhost/helan"))
        .hasValue(
            "endpointUrl 'opc.tcp://localhost/helan' is not of the form opc.tcp://host:port/path");
    assertThat(AddressSyntax.checkOpcUaEndpoint("opc.tcp://localhost:0/helan"))
        .hasValue("port 0 out of range 1..65535");
    assertThat(
            AddressSyntax.checkConnectionString("modbus-tcp://127.0.0.1:502?request-timeout=3000"))
        .isEmpty();
    assertThat(AddressSyntax.checkConnectionString("127.0.0.1:502")).isPresent();
    assertThat(AddressSyntax.checkConnectionString("modbus-tcp:tcp://10.0.0.5:502")).isEmpty();
    assertThat(AddressSyntax.checkConnectionString("modbus-rtu:///dev/ttyUSB0")).isEmpty();
    assertThat(AddressSyntax.checkConnectionString("modbus-tcp://10.0.0.5:502?a=1&b"))
        .hasValue("endpointUrl option 'b' is not of the form key=value (options: a=1&b)");
    assertThat(AddressSyntax.checkConnectionString("modbus-tcp://10.0.0.5:0"))
        .hasValue("port 0 out of range 1..65535");
    assertThat(AddressSyntax.checkConnectionString("modbus-tcp://"))
        .hasValue("endpointUrl 'modbus-tcp://' names no address after //");
    assertThat(AddressSyntax.checkHost("127.0.0.1")).isEmpty();
    assertThat(AddressSyntax.checkHost("analyser-3.station.local")).isEmpty();
    assertThat(AddressSyntax.checkHost("tcp://127.0.0.1")).isPresent();
    assertThat(AddressSyntax.checkHost(" ")).hasValue("host must not be empty");
    assertThat(AddressSyntax.checkPort(65535)).isEmpty();
    assertThat(AddressSyntax.checkPort(65536)).hasValue("port 65536 out of range 1..65535");
  }

  @Test
  void plc4xAddressesOnlyNeedText() {
    assertThat(new Plc4xConnectionType().checkPointAddress("holding-register:1:REAL")).isEmpty();
  }

  @Test
  void hj212AddressesAreDataFieldsOfAnUploadAndTargetsCommandNumbers() {
    Hj212ConnectionType hj212 = new Hj212ConnectionType();
    assertThat(hj212.checkPointAddress("w01018")).isEmpty();
    assertThat(hj212.checkPointAddress("a21026-ZsRtd")).isEmpty();
    assertThat(hj212.checkPointAddress("hour:a21026-Avg")).isEmpty();
    assertThat(hj212.checkPointAddress("week:a21026-Avg")).isPresent();
    assertThat(hj212.checkPointAddress(" ")).isPresent();
    assertThat(hj212.checkCommandTarget("3012")).isEmpty();
    assertThat(hj212.checkCommandTarget("3011;PolId=a21026")).isEmpty();
    assertThat(hj212.checkCommandTarget("zero")).isPresent();
  }

  @Test
  void commandsWriteOnlyWritableModbusTables() {
    assertThat(new ModbusTcpConnectionType().checkCommandTarget("coil:0")).isEmpty();
    assertThat(new ModbusTcpConnectionType().checkCommandTarget("hr:30")).isEmpty();
    assertThat(new ModbusTcpConnectionType().checkCommandTarget("di:0")).isPresent();
    assertThat(
            new OpcUaConnectionType()
                .checkCommandTarget("nsu=urn:helan:simulator:gamma;s=Station/StartSampler"))
        .isEmpty();
  }
}
