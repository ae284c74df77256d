package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SiteDefaultsTest {
  private static Site site;

  @BeforeAll
  static void load() {
    site = SiteLoader.loadResource("good/minimal.yaml");
  }

  @Test
  void modbusConnectionDefaults() {
    Connection plain = site.device("yc-a.aqm").orElseThrow().connection();
    Connection tuned = site.device("yc-a.aqm2").orElseThrow().connection();
    Connection slow = site.device("yc-a.aqm3").orElseThrow().connection();

    // A request may take the poll interval unless told otherwise.
    assertThat(plain)
        .isEqualTo(new ModbusTcpConnection("127.0.0.1", 20001, 1, WordOrder.ABCD, 1000, 1000));
    assertThat(slow)
        .isEqualTo(new ModbusTcpConnection("127.0.0.1", 20003, 1, WordOrder.ABCD, 2000, 2000));
    assertThat(tuned)
        .isEqualTo(new ModbusTcpConnection("127.0.0.1", 20002, 7, WordOrder.CDAB, 5000, 300));
  }

  @Test
  void otherProtocolsKeepOnlyTheirOwnConnectionFields() {
    assertThat(site.device("yc-b.gamma").orElseThrow().connection())
        .isEqualTo(new OpcUaConnection("opc.tcp://127.0.0.1:22001/helan/gamma", 500, 1000, 500));
    assertThat(site.device("yc-b.plc").orElseThrow().connection())
        .isEqualTo(
            new Plc4xConnection("modbus-tcp://127.0.0.1:502?default-unit-identifier=1", 1000, 500));
    assertThat(site.device("yc-b.logger").orElseThrow().connection())
        .isEqualTo(new Hj212Connection("NX640100YCB0001", "123456", 10_000, 3, 480));
  }

  @Test
  void pointDefaultsComeFromTheProtocolAndTheDataType() {
    Point pm25 = site.point("yc-a.aqm.pm25").orElseThrow();
    Point status = site.point("yc-a.aqm.status").orElseThrow();
    Point temperature = site.point("yc-a.aqm.temperature").orElseThrow();
    Point fault = site.point("yc-a.aqm.fault").orElseThrow();
    Point doseRate = site.point("yc-b.gamma.dose-rate").orElseThrow();
    Point counts = site.point("yc-b.gamma.counts").orElseThrow();

    assertThat(pm25.dataType()).isEqualTo(DataType.FLOAT32);
    assertThat(pm25.scale()).isEqualTo(1);
    assertThat(pm25.offset()).isEqualTo(0);
    assertThat(pm25.code()).isNull();
    assertThat(pm25.limits())
        .isEqualTo(new AlarmLimits(Double.NaN, 75, Double.NaN, Double.NaN, 0, 0, 0));
    assertThat(status.unit()).isEmpty();
    assertThat(status.limits()).isEqualTo(AlarmLimits.NONE);
    assertThat(status.rangeLow()).isEqualTo(0);
    assertThat(status.rangeHigh()).isEqualTo(65535);
    assertThat(temperature.rangeLow()).isEqualTo(-32768 * 0.1 - 40, within());
    assertThat(temperature.rangeHigh()).isEqualTo(32767 * 0.1 - 40, within());
    assertThat(temperature.toEngineering(250)).isEqualTo(-15, within());
    assertThat(fault.rangeLow()).isEqualTo(0);
    assertThat(fault.rangeHigh()).isEqualTo(1);
    assertThat(doseRate.dataType()).isEqualTo(DataType.FLOAT64);
    assertThat(counts.rangeHigh()).isEqualTo(4294967295.0);
  }

  @Test
  void devicesExpandTheirTypeWithOverrides() {
    Device spare = site.device("yc-a.aqm2").orElseThrow();
    Point overridden = site.point("yc-a.aqm2.pm25").orElseThrow();

    assertThat(site.device("yc-a.aqm").orElseThrow().name()).isEqualTo("分析仪");
    assertThat(spare.name()).isEqualTo("备用分析仪");
    assertThat(spare.type()).isEqualTo("rack");
    assertThat(spare.stationId()).isEqualTo("yc-a");
    assertThat(spare.commands())
        .containsExactly(
            new CommandDefinition(
                "maintenance-on",
                CommandKind.MAINTENANCE_ON,
                "进入维护",
                "coil:2",
                0,
                List.of(),
                null));
    assertThat(overridden.rangeHigh()).isEqualTo(2000);
    assertThat(overridden.limits().hi()).isEqualTo(35);
    assertThat(overridden.limits().hihi()).isEqualTo(75);
    assertThat(overridden.unit()).isEqualTo("µg/m³");
    assertThat(site.point("yc-a.aqm.pm25").orElseThrow().rangeHigh()).isEqualTo(1000);
  }

  @Test
  void pointsAreNumberedInFileOrder() {
    assertThat(site.points())
        .extracting(Point::id)
        .containsExactly(
            "yc-a.aqm.pm25",
            "yc-a.aqm.status",
            "yc-a.aqm.temperature",
            "yc-a.aqm.fault",
            "yc-a.aqm2.pm25",
            "yc-a.aqm2.status",
            "yc-a.aqm2.temperature",
            "yc-a.aqm2.fault",
            "yc-a.aqm3.pm25",
            "yc-a.aqm3.status",
            "yc-a.aqm3.temperature",
            "yc-a.aqm3.fault",
            "yc-b.gamma.dose-rate",
            "yc-b.gamma.counts",
            "yc-b.plc.level",
            "yc-b.logger.cod");
    for (int i = 0; i < site.points().size(); i++) {
      assertThat(site.points().get(i).index()).isEqualTo(i);
    }
  }

  @Test
  void optionalNamesDefaultToEmpty() {
    assertThat(site.regions()).containsExactly(new Region("yinchuan", "银川市", ""));
    assertThat(site.station("yc-a").orElseThrow().nameEn()).isEmpty();
  }

  private static Offset<Double> within() {
    return Offset.offset(1e-9);
  }
}
