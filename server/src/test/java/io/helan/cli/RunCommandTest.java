package io.helan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad site file refuses start-up with every error located, and nothing is started. */
class RunCommandTest {

  @Test
  void malformedSiteIsRefusedWithEveryErrorLocated(@TempDir Path dir) throws Exception {
    Path site = dir.resolve("malformed.yaml");
    try (InputStream in = getClass().getResourceAsStream("/sites/malformed.yaml")) {
      Files.copy(in, site);
    }
    Path dataDir = dir.resolve("data");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          HelanCommand.commandLine()
              .execute(
                  "run",
                  "--site",
                  site.toString(),
                  "--data-dir",
                  dataDir.toString(),
                  // were it to start anyway, on no port that another run may use
                  "--http-port",
                  "0",
                  "--opcua-port",
                  "0",
                  "--no-simulators");
    } finally {
      System.setErr(originalErr);
    }
    String message = err.toString(StandardCharsets.UTF_8);

    assertThat(exit).isEqualTo(2);
    assertThat(message)
        .contains("malformed.yaml:4:")
        .contains("regions[1].id")
        .contains("malformed.yaml:10:")
        .contains("deviceTypes[0].points[0]")
        .contains("unit")
        .contains("malformed.yaml:17:")
        .contains("deviceTypes[0].points[1].address")
        .contains("malformed.yaml:24:")
        .contains("stations[0].colour")
        .contains("malformed.yaml:29:")
        .contains("stations[0].devices[0].connection.port");
    // the server creates its data directory before it starts anything
    assertThat(dataDir).doesNotExist();
  }
}
