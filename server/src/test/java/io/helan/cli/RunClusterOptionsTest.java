package io.helan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster node's settings are checked before anything starts, with a clear message. */
class RunClusterOptionsTest {
  @TempDir Path dir;

  @Test
  void aClusterNodeWithoutExternalQuestDbIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    Run run = run("--cluster-members", "127.0.0.1", "--cluster-secret-file", secret.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("--questdb-url");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aClusterNodeWithoutSecretIsRefused() throws Exception {
    Run run = run("--cluster-members", "127.0.0.1", "--questdb-url", "http://127.0.0.1:9");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("--cluster-secret-file");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aClusterNodeWithoutMembersIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    Run run =
        run("--cluster-secret-file", secret.toString(), "--questdb-url", "http://127.0.0.1:9");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("member list");
  }

  private record Run(int exit, String err) {}

  private Run run(String... clusterOptions) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--cluster",
                "--data-dir",
                dir.resolve("data").toString(),
                // were it to start anyway, on no port that another run may use
                "--http-port",
                "0",
                "--opcua-port",
                "0",
                "--cluster-port",
                "0",
                "--no-simulators"));
    args.addAll(List.of(clusterOptions));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = HelanCommand.commandLine().execute(args.toArray(String[]::new));
      return new Run(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }
}
