package io.helan.commands;

/** Where a command stands in its lifecycle. */
public enum CommandState {
  /** Authorised and interlocks passed; armed and waiting for the same user to operate. */
  SELECTED,
  /** Operated by the user; being sent to the device. */
  SENT,
  /**
   * The device accepted it; its effect (calibration, sampler run) is under way until the device
   * reports it over.
   */
  ACKNOWLEDGED,
  COMPLETED,
  FAILED,
  TIMED_OUT,
  /** Refused before anything reached the device (role, interlock, bad parameter). */
  REFUSED,
  /** The selection was not operated in time. */
  EXPIRED,
  CANCELLED,
  /**
   * Its outcome is not known: it was in flight when the server stopped, or the device never
   * reported the end of its effect.
   */
  UNKNOWN;

  public boolean isFinal() {
    return switch (this) {
      case COMPLETED, FAILED, TIMED_OUT, REFUSED, EXPIRED, CANCELLED, UNKNOWN -> true;
      default -> false;
    };
  }
}
