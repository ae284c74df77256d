package io.helan.commands;

/** Where a command stands in its lifecycle. */
public enum CommandState {
  /** Authorised and interlocks passed; armed and waiting for the same user to operate. */
  SELECTED,
  /** Operated by the user; being sent to the device. */
  SENT,
  /** The device accepted it; its effect (calibration, sampler run) is under way. */
  ACKNOWLEDGED,
  COMPLETED,
  FAILED,
  TIMED_OUT,
  /** Refused before anything reached the device (role, interlock, bad parameter). */
  REFUSED,
  /** The selection was not operated in time. */
  EXPIRED,
  CANCELLED,
  /** It was in flight when the server stopped: its outcome is not known. */
  UNKNOWN;

  public boolean isFinal() {
    return switch (this) {
      case COMPLETED, FAILED, TIMED_OUT, REFUSED, EXPIRED, CANCELLED, UNKNOWN -> true;
      default -> false;
    };
  }
}
