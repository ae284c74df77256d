package io.helan.cli;

import io.helan.bench.BenchCommand;
import io.helan.simulator.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code helan} program: subcommands run, simulate and bench. */
@Command(
    name = "helan",
    mixinStandardHelpOptions = true,
    version = "Helan 0.1.0",
    description = "Supervisory server of the Ningxia eco-environment monitoring network.",
    subcommands = {RunCommand.class, SimulateCommand.class, BenchCommand.class})
public final class HelanCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.setProperty("vertx.disableDnsResolver", "true");
    System.exit(new CommandLine(new HelanCommand()).execute(args));
  }
}
