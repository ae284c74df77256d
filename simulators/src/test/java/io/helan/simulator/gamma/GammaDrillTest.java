package io.helan.simulator.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helan.dispersion.LocalFrame;
import io.helan.dispersion.Release;
import io.helan.dispersion.StabilityClass;
import io.helan.simulator.environment.Cycles;
import io.helan.simulator.environment.DrillScenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class GammaDrillTest {
  private static final double FACTOR = 0.1;
  private static final LocalFrame SOURCE = new LocalFrame(38.3, 106.27);

  @Test
  void aDrillReleaseRaisesDownwindReadingsAsThePlumeSaysAndMarksThemDrill() {
    DrillScenario drill = new DrillScenario(FACTOR);
    // the same station twice: one reads the drill, its twin the same background without it
    GammaInstrument downwind = new GammaInstrument("yc-test", SOURCE.latitude(1000), 106.27, drill);
    GammaInstrument twin =
        new GammaInstrument("yc-test", SOURCE.latitude(1000), 106.27, new DrillScenario(FACTOR));
    GammaInstrument upwind = new GammaInstrument("yc-up", SOURCE.latitude(-1000), 106.27, drill);
    ZonedDateTime now = ZonedDateTime.now(Cycles.NINGXIA);
    assertThat(downwind.read(now).drill()).isZero();

    // wind from the south, D, 5 m/s: 1 km north gets 1e9 · 2.19941e-5 · 0.1 = 2199.4 nGy/h
    drill.start(
        new Release(
            38.3,
            106.27,
            1e9,
            0,
            Instant.now().minusSeconds(1),
            Duration.ofHours(1),
            5,
            180,
            StabilityClass.D));
    ZonedDateTime later = now.plusSeconds(1);
    GammaReading raised = downwind.read(later);
    GammaReading background = twin.read(later);

    // the background is the same model with its own noise: within 10 % of ~100 nGy/h
    assertThat(raised.doseRate() - background.doseRate()).isCloseTo(2199.4, within(20.0));
    assertThat(raised.drill()).isEqualTo(1);
    assertThat(upwind.read(later).doseRate()).isLessThan(150);
    assertThat(upwind.read(later).drill()).isEqualTo(1);

    drill.stop();
    assertThat(downwind.read(later.plusSeconds(1)).doseRate()).isLessThan(150);
    assertThat(downwind.read(later.plusSeconds(1)).drill()).isZero();
  }

  @Test
  void theIodineSamplerRunsOnItsOwn() {
    GammaInstrument instrument = new GammaInstrument("yc-test", 38, 106, new DrillScenario(0.1));
    instrument.startIodineSampler(60);
    GammaReading reading = instrument.read(ZonedDateTime.now(Cycles.NINGXIA));
    assertThat(reading.iodineSamplerFlow()).isBetween(2.0, 4.0);
    assertThat(reading.samplerFlow()).isZero();
    instrument.stopIodineSampler();
    assertThat(instrument.read(ZonedDateTime.now(Cycles.NINGXIA)).iodineSamplerFlow()).isZero();
  }
}
