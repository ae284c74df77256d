package io.helan.cli;

import io.helan.audit.AuditCommand;
import io.helan.auth.UsersCommand;
import io.helan.bench.BenchCommand;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.simulator.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code helan} program: subcommands run, simulate, audit, users and bench. */
@Command(
    name = "helan",
    mixinStandardHelpOptions = true,
    version = "Helan 0.1.0",
    description = "Supervisory server of the Ningxia eco-environment monitoring network.",
    subcommands = {RunCommand.class, SimulateCommand.class, AuditCommand.class, UsersCommand.class})
public final class HelanCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The command line with every subcommand, ready to execute. */
  public static CommandLine commandLine() {
    return new CommandLine(new HelanCommand())
        .addSubcommand(
            "bench",
            new BenchCommand(
                (site, historian, registry) ->
                    new IngestPipeline(
                        site,
                        new CurrentValueTable(site),
                        new DeviceModes(site),
                        historian,
                        registry)));
  }

  public static void main(String[] args) {
    System.setProperty("vertx.disableDnsResolver", "true");
    System.exit(commandLine().execute(args));
  }
}
