package io.helan.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helan.dispersion.LocalFrame;
import io.helan.dispersion.StabilityClass;
import io.helan.emergency.PlumeEstimator.Reading;
import io.helan.emergency.PlumeEstimator.Source;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlumeEstimatorTest {
  private static final LocalFrame FRAME = new LocalFrame(38.3, 106.27);
  private static final Instant NOON = Instant.parse("2026-12-07T05:00:00Z");
  // wind from the south at 5 m/s, class D entered
  private static final Weather SOUTHERLY = new Weather(5, 180, 0, StabilityClass.D, "entered");
  private final PlumeEstimator estimator = new PlumeEstimator(0.1, 30_000);

  private static Reading at(String id, double east, double north, double measured) {
    return new Reading(id, FRAME.latitude(north), FRAME.longitude(east), measured, 90);
  }

  @Test
  void anEnteredRateGivesTheHandComputedIncreaseAtEachStation() {
    Source source = new Source(38.3, 106.27, 0, SOUTHERLY, 1e9);
    PlumeEstimate estimate =
        estimator.estimate(
            source, List.of(at("north", 0, 1000, 0), at("south", 0, -1000, 0)), NOON);

    // 1e9 Bq/s · 1/(π·5·76.277·37.947) s/m³ · 0.1 nGy/h per Bq/m³ = 2199.4 nGy/h
    assertThat(estimate.stations().get(0).estimatedIncrease()).isCloseTo(2199.4, within(0.5));
    assertThat(estimate.stations().get(1).estimatedIncrease()).isZero();
    assertThat(estimate.fitted()).isFalse();
    assertThat(estimate.stability()).isEqualTo(StabilityClass.D);
  }

  @Test
  void theRateIsFittedToTheStationsByLeastSquares() {
    Source source = new Source(38.3, 106.27, 0, SOUTHERLY, Double.NaN);
    // g(1 km) = 2.19941e-6 nGy/h per Bq/s; with 3e9 Bq/s the station reads 90 + 6598.2
    double g1 = 2.19941e-6;
    PlumeEstimate exact =
        estimator.estimate(source, List.of(at("north", 0, 1000, 90 + 3e9 * g1)), NOON);
    assertThat(exact.releaseRate()).isCloseTo(3e9, within(3e6));
    assertThat(exact.fitted()).isTrue();

    // two stations on the axis reading 1000 and 500 above background, unit increases g1 and g2:
    // Q = (g1·1000 + g2·500) / (g1² + g2²)
    double g2 =
        0.1 * 1 / (Math.PI * 5 * StabilityClass.D.sigmaY(2000) * StabilityClass.D.sigmaZ(2000));
    PlumeEstimate two =
        estimator.estimate(
            source,
            List.of(at("near", 0, 1000, 1090), at("far", 0, 2000, 590), at("up", 0, -3000, 95)),
            NOON);
    assertThat(two.releaseRate())
        .isCloseTo((g1 * 1000 + g2 * 500) / (g1 * g1 + g2 * g2), within(1e6));
  }

  @Test
  void aStationOfUnknownBackgroundIsLeftOutOfTheFit() {
    Source source = new Source(38.3, 106.27, 0, SOUTHERLY, Double.NaN);
    double g1 = 2.19941e-6;
    // a station that first reported during the release has no background: it would otherwise
    // count as no increase at all and pull the fit down (to 0 when it is the only one in the plume)
    Reading unknown =
        new Reading("late", FRAME.latitude(1000), FRAME.longitude(0), 90 + 3e9 * g1, Double.NaN);
    PlumeEstimate estimate =
        estimator.estimate(source, List.of(at("north", 0, 1000, 90 + 3e9 * g1), unknown), NOON);
    assertThat(estimate.releaseRate()).isCloseTo(3e9, within(3e6));
    JsonObject late =
        EmergencyJson.plume(estimate, false).getJsonArray("stations").getJsonObject(1);
    assertThat(late.getValue("background")).isNull();
    assertThat(late.getValue("measuredIncrease")).isNull();
  }

  @Test
  void nothingAboveBackgroundFitsNoRelease() {
    Source source = new Source(38.3, 106.27, 0, SOUTHERLY, Double.NaN);
    PlumeEstimate estimate = estimator.estimate(source, List.of(at("north", 0, 1000, 80)), NOON);
    assertThat(estimate.releaseRate()).isZero();
  }

  @Test
  void theGridAndItsContoursCoverTheStationsTheEstimateRaises() {
    Source source = new Source(38.3, 106.27, 0, SOUTHERLY, 1e10);
    PlumeEstimate estimate = estimator.estimate(source, List.of(at("north", 0, 15_000, 0)), NOON);
    PlumeGrid grid = estimate.grid();
    assertThat(grid.size()).isEqualTo(200);
    assertThat(grid.values()).hasSize(40_000);
    // the 50 nGy/h contour has segments both sides of the axis, north of the source only
    PlumeEstimate.Contour outer = estimate.contours().get(0);
    assertThat(outer.level()).isEqualTo(50);
    assertThat(outer.segments()).isNotEmpty();
    assertThat(outer.segments()).allSatisfy(s -> assertThat(s[0]).isGreaterThan(38.3));
    assertThat(outer.segments()).anySatisfy(s -> assertThat(s[1]).isLessThan(106.27));
    assertThat(outer.segments()).anySatisfy(s -> assertThat(s[1]).isGreaterThan(106.27));
  }

  @Test
  void contoursCrossCellEdgesWhereTheValueMeetsTheLevel() {
    // a 3 × 3 grid with a peak of 10 in the middle: the level 5 runs half way to each neighbour
    float[] values = {0, 0, 0, 0, 10, 0, 0, 0, 0};
    PlumeGrid grid = new PlumeGrid(3, 0, 0, 1, 1, values);
    List<double[]> diamond = Contours.isoline(grid, 5);
    assertThat(diamond).hasSize(4);
    assertThat(diamond)
        .allSatisfy(
            s -> {
              for (double coordinate : s) {
                assertThat(coordinate).isIn(0.5, 1.0, 1.5);
              }
            });
  }
}
