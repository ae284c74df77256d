package io.helan.ingest;

import io.helan.driver.DataFlag;

/** The operating mode of a field device, as set by commands; it decides the flag of its data. */
public enum DeviceMode {
  NORMAL(null),
  /** Zero/span calibration or calibration check: data flagged C. */
  CALIBRATION(DataFlag.C),
  /** Maintenance: data flagged M. */
  MAINTENANCE(DataFlag.M),
  /** Emergency high-frequency measurement: data stays normal. */
  EMERGENCY(null);

  private final DataFlag flag;

  DeviceMode(DataFlag flag) {
    this.flag = flag;
  }

  /** The flag this mode forces on the device's samples, or null if it forces none. */
  public DataFlag flag() {
    return flag;
  }
}
