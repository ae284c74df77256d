package io.helan.config;

/** The field protocol a device speaks. */
public enum Protocol {
  MODBUS_TCP("modbus-tcp"),
  OPC_UA("opc-ua"),
  PLC4X("plc4x"),
  HJ212("hj212");

  private final String key;

  Protocol(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Protocol fromKey(String key) {
    for (Protocol protocol : values()) {
      if (protocol.key.equals(key)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("unknown protocol '" + key + "'");
  }
}
