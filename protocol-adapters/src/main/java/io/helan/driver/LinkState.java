package io.helan.driver;

/** The state of the communication link to a device. */
public enum LinkState {
  CONNECTING,
  CONNECTED,
  DISCONNECTED,
  CLOSED
}
