package io.helan.simulator.modbus;

import io.helan.config.Device;
import io.helan.simulator.environment.WaterQualityModel;
import io.helan.simulator.environment.WaterSample;
import java.time.ZonedDateTime;

/**
 * A surface-water station's analyser rack (device type {@code water-analyser-rack}): water
 * temperature hr:0, pH hr:2, DO hr:4, conductivity hr:6, turbidity hr:8, CODMn hr:10, NH3-N hr:12,
 * TP hr:14, TN hr:16. Zero and span calibration drive the four wet-chemistry analysers (CODMn,
 * NH3-N, TP, TN).
 */
public final class WaterAnalyserRack extends AnalyserRack {
  /** A span standard of 10 mg/L for the wet-chemistry analysers. */
  private static final double DEFAULT_SPAN = 10;

  private static final int FIRST_CHEMISTRY_READING = 5;

  private final WaterQualityModel water;

  public WaterAnalyserRack(Device device) {
    super(device, DEFAULT_SPAN);
    water = new WaterQualityModel(device.stationId());
  }

  @Override
  protected double[] measure(ZonedDateTime now) {
    WaterSample sample = water.sample(now);
    return new double[] {
      sample.temperature(),
      sample.ph(),
      sample.dissolvedOxygen(),
      sample.conductivity(),
      sample.turbidity(),
      sample.permanganateIndex(),
      sample.ammonia(),
      sample.totalPhosphorus(),
      sample.totalNitrogen()
    };
  }

  @Override
  protected boolean isCalibrated(int reading) {
    return reading >= FIRST_CHEMISTRY_READING;
  }
}
