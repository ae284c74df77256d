package io.helan.commands;

/**
 * An attempt on an existing command (operate, cancel) was refused and left the command as it was:
 * another user's selection, an unknown id, a command past the state that allows it.
 */
public final class CommandRefusedException extends RuntimeException {
  private final CommandRefusal refusal;

  public CommandRefusedException(CommandRefusal refusal, String message) {
    super(message);
    this.refusal = refusal;
  }

  public CommandRefusal refusal() {
    return refusal;
  }
}
