package io.helan.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helan audit verify}: recomputes the hash chain and the head anchor; exit code 0 when the
 * trail is intact, 1 when a record was edited, inserted or removed (the first broken one is named).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Recompute the audit trail's hash chain. Exit code 0 if intact, 1 if any record was"
            + " edited, inserted or removed.")
public final class AuditVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description = "Data directory of the server (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    AuditVerification result = AuditVerifier.verify(dataDir.toAbsolutePath());
    if (result.intact()) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Audit trail intact: %d records.%n", result.records());
      out.flush();
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "Audit trail BROKEN%s: %s%n",
        result.firstBrokenSeq() > 0 ? " at record " + result.firstBrokenSeq() : "",
        result.problem());
    err.flush();
    return 1;
  }
}
