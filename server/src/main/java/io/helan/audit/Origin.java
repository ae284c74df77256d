package io.helan.audit;

/**
 * Where a request came from, for authorisation and the audit trail.
 *
 * @param channel rest, websocket, opcua, cli or system
 * @param address remote address of the client (host:port), or "local"
 */
public record Origin(String channel, String address) {

  /** The server itself (selection expiry, restart recovery, timers). */
  public static final Origin SYSTEM = new Origin("system", "local");

  public static Origin rest(String address) {
    return new Origin("rest", address);
  }

  public static Origin webSocket(String address) {
    return new Origin("websocket", address);
  }

  public static Origin opcUa(String address) {
    return new Origin("opcua", address);
  }

  public static Origin cli() {
    return new Origin("cli", "local");
  }
}
