package io.helan.emergency;

/** A commander's request the platform turns down, with the HTTP status that says why. */
public final class EmergencyRefusal extends RuntimeException {
  private final int status;

  EmergencyRefusal(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  static EmergencyRefusal badRequest(String reason) {
    return new EmergencyRefusal(400, reason);
  }

  static EmergencyRefusal forbidden(String reason) {
    return new EmergencyRefusal(403, reason);
  }

  static EmergencyRefusal notFound(String reason) {
    return new EmergencyRefusal(404, reason);
  }

  static EmergencyRefusal conflict(String reason) {
    return new EmergencyRefusal(409, reason);
  }

  public int status() {
    return status;
  }
}
