package io.helan.simulator.modbus;

import io.helan.config.Device;
import io.helan.simulator.environment.AirQualityModel;
import io.helan.simulator.environment.AirSample;
import java.time.ZonedDateTime;

/**
 * An air-quality station's analyser rack (device type {@code air-analyser-rack}): SO2 hr:0, NO2
 * hr:2, CO hr:4 (mg/m³), O3 hr:6, PM10 hr:8, PM2.5 hr:10 (µg/m³ unless noted), temperature hr:12,
 * humidity hr:14, wind speed hr:16, wind direction hr:18. Zero and span calibration drive the four
 * gas analysers.
 */
public final class AirAnalyserRack extends AnalyserRack {
  /** A span gas of 400 for the gas analysers. */
  private static final double DEFAULT_SPAN = 400;

  private static final int LAST_GAS_READING = 3;

  private final AirQualityModel air;

  public AirAnalyserRack(Device device) {
    super(device, DEFAULT_SPAN);
    air = new AirQualityModel(device.stationId());
  }

  @Override
  protected double[] measure(ZonedDateTime now) {
    AirSample sample = air.sample(now);
    return new double[] {
      sample.so2(),
      sample.no2(),
      sample.co(),
      sample.o3(),
      sample.pm10(),
      sample.pm25(),
      sample.temperature(),
      sample.humidity(),
      sample.windSpeed(),
      sample.windDirection()
    };
  }

  @Override
  protected boolean isCalibrated(int reading) {
    return reading <= LAST_GAS_READING;
  }
}
