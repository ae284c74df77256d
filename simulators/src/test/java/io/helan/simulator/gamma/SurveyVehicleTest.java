package io.helan.simulator.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

class SurveyVehicleTest {
  private static final LocalFrame BASE = new LocalFrame(38.3, 106.2);

  @Test
  void aDispatchedVehicleDrivesThereAtItsSpeedAndStops() {
    SurveyVehicle vehicle = new SurveyVehicle("yc-che", 38.3, 106.2, new DrillScenario(0.1));
    ZonedDateTime t0 = ZonedDateTime.now(Cycles.NINGXIA);
    SurveyVehicle.VehicleReading atBase = vehicle.read(t0);
    assertThat(atBase.latitude()).isEqualTo(38.3);
    assertThat(atBase.speed()).isZero();

    // 1 km east at 100 m/s: halfway after 5 s, there after 10 s, then standing
    vehicle.speed(100);
    vehicle.driveTo(38.3, BASE.longitude(1000));
    vehicle.read(t0);
    SurveyVehicle.VehicleReading halfway = vehicle.read(t0.plusSeconds(5));
    assertThat(BASE.east(halfway.latitude(), halfway.longitude())).isCloseTo(500, within(1.0));
    assertThat(halfway.speed()).isEqualTo(100);
    SurveyVehicle.VehicleReading there = vehicle.read(t0.plusSeconds(11));
    assertThat(BASE.east(there.latitude(), there.longitude())).isCloseTo(1000, within(0.01));
    assertThat(there.speed()).isZero();
    assertThat(vehicle.read(t0.plusSeconds(20)).longitude()).isEqualTo(there.longitude());
  }

  @Test
  void itReadsTheDrillPlumeWhereItIs() {
    DrillScenario drill = new DrillScenario(0.1);
    // the vehicle 1 km north of a release with wind from the south (D, 5 m/s): 2199 nGy/h more
    SurveyVehicle vehicle = new SurveyVehicle("yc-che", BASE.latitude(1000), 106.2, drill);
    ZonedDateTime now = ZonedDateTime.now(Cycles.NINGXIA);
    double background = vehicle.read(now).doseRate();
    drill.start(
        new Release(
            38.3,
            106.2,
            1e9,
            0,
            Instant.now().minusSeconds(1),
            Duration.ofHours(1),
            5,
            180,
            StabilityClass.D));
    SurveyVehicle.VehicleReading inPlume = vehicle.read(now.plusSeconds(1));
    assertThat(inPlume.doseRate() - background).isCloseTo(2199.4, within(30.0));
    assertThat(inPlume.drill()).isEqualTo(1);
  }

  @Test
  void badOrdersAreRefused() {
    SurveyVehicle vehicle = new SurveyVehicle("yc-che", 38.3, 106.2, new DrillScenario(0.1));
    assertThatThrownBy(() -> vehicle.driveTo(91, 106)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vehicle.speed(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vehicle.speed(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
