package io.helan.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code helan audit} command group: checks on the audit trail. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Check the tamper-evident audit trail of a data directory.",
    subcommands = {AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code audit ...} on its own (for tests and scripts); returns the exit code. */
  public static int execute(String... args) {
    return new CommandLine(new AuditCommand()).execute(args);
  }
}
