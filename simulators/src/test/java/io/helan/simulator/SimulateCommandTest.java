package io.helan.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  @Test
  void describes_its_options() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setOut(new PrintWriter(out));

    int exitCode = command.execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("simulate", "--site=<file>", "--station=<id>");
  }
}
