package io.helan.config;

/**
 * How a device reports that a command's effect (calibration, sampler run) is under way: while one
 * of its points reads running. The device's report, not a server timer, ends the command.
 *
 * @param pointId the site-wide id of the point, e.g. {@code yc-xinghuayuan.aqm.status}
 * @param mask the bits of the point's value that mean running; 0: any value other than 0 does
 */
public record RunningWhile(String pointId, long mask) {

  /** Whether {@code value} of the point says the effect is under way. */
  public boolean isRunning(double value) {
    return mask == 0 ? value != 0 : (((long) value) & mask) != 0;
  }
}
