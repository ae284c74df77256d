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

  @Test
  void refusesADrillOutsideTheSiteOrWithAnAbsurdRate() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setErr(new PrintWriter(err));

    assertThat(command.execute("--drill-source", "10,10")).isEqualTo(2);
    assertThat(err.toString()).contains("outside the site");
    assertThat(command.execute("--drill-source", "38.3,106.27", "--drill-rate", "-5")).isEqualTo(2);
    assertThat(err.toString()).contains("release rate -5.0 Bq/s");
  }
}
