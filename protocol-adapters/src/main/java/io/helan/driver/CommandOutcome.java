package io.helan.driver;

/**
 * The device's answer to a command.
 *
 * @param accepted whether the device accepted and carried out the command
 * @param detail what the device said (read-back status, method result, error)
 */
public record CommandOutcome(boolean accepted, String detail) {

  public static CommandOutcome accepted(String detail) {
    return new CommandOutcome(true, detail);
  }

  public static CommandOutcome refused(String detail) {
    return new CommandOutcome(false, detail);
  }
}
