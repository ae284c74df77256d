package io.helan.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.ModbusTcpConnection;
import io.helan.config.WordOrder;
import io.helan.simulator.FieldDevices;
import org.junit.jupiter.api.Test;

class WaterAnalyserRackTest {

  @Test
  void serves_plausible_surface_water_readings() throws Exception {
    WaterAnalyserRack rack = new WaterAnalyserRack(FieldDevices.waterRack("hh-xiaheyan", 0));
    rack.start();
    try (RackProbe probe =
        new RackProbe(((ModbusTcpConnection) rack.device().connection()).port(), WordOrder.CDAB)) {
      float[] r = probe.readings(9);

      assertThat(r[0]).as("water temperature °C").isBetween(0f, 32f);
      assertThat(r[1]).as("pH").isBetween(6.5f, 9f);
      assertThat(r[2]).as("DO mg/L").isBetween(3f, 16f);
      assertThat(r[3]).as("conductivity µS/cm").isBetween(300f, 1500f);
      assertThat(r[4]).as("turbidity NTU").isBetween(0.5f, 800f);
      assertThat(r[5]).as("CODMn mg/L").isBetween(0.5f, 10f);
      assertThat(r[6]).as("NH3-N mg/L").isBetween(0.01f, 1.5f);
      assertThat(r[7]).as("TP mg/L").isBetween(0.005f, 0.4f);
      assertThat(r[8]).as("TN mg/L").isBetween(0.2f, 6f);
      assertThat(probe.status()).isZero();
      assertThat(probe.readFloat(AnalyserRack.SPAN_REGISTER)).isEqualTo(10f);
    } finally {
      rack.stop();
    }
  }

  @Test
  void zero_calibration_drives_the_wet_chemistry_analysers_only() throws Exception {
    WaterAnalyserRack rack = new WaterAnalyserRack(FieldDevices.waterRack("hh-xiaheyan", 0));
    rack.start();
    try (RackProbe probe =
        new RackProbe(((ModbusTcpConnection) rack.device().connection()).port(), WordOrder.CDAB)) {
      probe.writeCoil(0, true);

      float[] r = probe.readings(9);
      assertThat(probe.status()).isEqualTo(1);
      assertThat(r[1]).as("pH keeps measuring").isBetween(6.5f, 9f);
      assertThat(r[5]).as("CODMn").isLessThan(0.2f);
      assertThat(r[8]).as("TN").isLessThan(0.2f);
    } finally {
      rack.stop();
    }
  }
}
