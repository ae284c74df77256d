package io.helan.auth;

/**
 * Where a request came from, for authorisation and the audit trail.
 *
 * @param channel rest, websocket, opcua or cli
 * @param address remote address of the client (host:port), or "local"
 */
public record Origin(String channel, String address) {

  public static Origin rest(String address) {
    return new Origin("rest", address);
  }

  public static Origin opcUa(String address) {
    return new Origin("opcua", address);
  }
}
