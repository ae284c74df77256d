package io.helan.config;

/**
 * A connection the device opens to the server (an HJ 212 data logger dials in): the site file says
 * how the device identifies itself, and the driver routes its connection to the device by that.
 */
public interface DialInConnection extends Connection {

  /** The code the device sends to say who it is (HJ 212's MN). */
  String stationCode();
}
