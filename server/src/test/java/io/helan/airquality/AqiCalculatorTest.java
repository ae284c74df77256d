package io.helan.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AQI worked examples, each computed by hand from the HJ 633-2012 table 1 breakpoints with IAQI =
 * (IAQI_hi − IAQI_lo)/(BP_hi − BP_lo) × (C − BP_lo) + IAQI_lo, rounded up.
 */
class AqiCalculatorTest {
  private final AqiCalculator calculator = new AqiCalculator();

  @Test
  void dailyAqiOfAFullSetOfPollutants() {
    Concentrations day =
        Concentrations.none()
            .with(Indicator.SO2_24H, 40) // 0–50 µg/m³ → 0–50: 40
            .with(Indicator.NO2_24H, 60) // 40–80 → 50–100: 50 + 50 × 20/40 = 75
            .with(Indicator.PM10_24H, 180) // 150–250 → 100–150: 100 + 50 × 30/100 = 115
            .with(Indicator.CO_24H, 1.2) // 0–2 mg/m³ → 0–50: 30
            .with(Indicator.O3_8H, 120) // 100–160 → 50–100: 50 + 50 × 20/60 = 66.7 → 67
            .with(Indicator.PM2_5_24H, 95); // 75–115 → 100–150: 100 + 50 × 20/40 = 125

    Aqi aqi = calculator.compute(AqiReport.DAILY, day).orElseThrow();

    assertThat(aqi.subIndices())
        .extracting(SubIndex::value)
        .containsExactly(40, 75, 115, 30, 67, 125);
    assertThat(aqi.value()).isEqualTo(125);
    assertThat(aqi.category()).isEqualTo(AqiCategory.LIGHTLY_POLLUTED);
    assertThat(aqi.category().displayName()).isEqualTo("轻度污染");
    assertThat(aqi.category().colour()).isEqualTo("#FF7E00");
    assertThat(aqi.primary()).containsExactly(Pollutant.PM2_5);
    assertThat(aqi.exceeding()).containsExactly(Pollutant.PM10, Pollutant.PM2_5);
    assertThat(aqi.isComplete()).isTrue();
  }

  @Test
  void hourlyAqiUsesOneHourGasesAndMovingDailyParticulates() {
    Concentrations hour =
        Concentrations.none()
            .with(Indicator.SO2_1H, 100) // 0–150 → 0–50: 33.3 → 34
            .with(Indicator.NO2_1H, 250) // 200–700 → 100–150: 100 + 50 × 50/500 = 105
            .with(Indicator.NO2_24H, 900) // not used by the hourly report
            .with(Indicator.PM10_24H, 100) // 50–150 → 50–100: 75
            .with(Indicator.CO_1H, 12) // 10–35 → 100–150: 100 + 50 × 2/25 = 104
            .with(Indicator.O3_1H, 180) // 160–200 → 50–100: 75
            .with(Indicator.PM2_5_24H, 40); // 35–75 → 50–100: 56.25 → 57

    Aqi aqi = calculator.compute(AqiReport.HOURLY, hour).orElseThrow();

    assertThat(aqi.subIndices())
        .extracting(SubIndex::indicator)
        .containsExactly(
            Indicator.SO2_1H,
            Indicator.NO2_1H,
            Indicator.PM10_24H,
            Indicator.CO_1H,
            Indicator.O3_1H,
            Indicator.PM2_5_24H);
    assertThat(aqi.subIndices())
        .extracting(SubIndex::value)
        .containsExactly(34, 105, 75, 104, 75, 57);
    assertThat(aqi.value()).isEqualTo(105);
    assertThat(aqi.primary()).containsExactly(Pollutant.NO2);
    assertThat(aqi.exceeding()).containsExactly(Pollutant.NO2, Pollutant.CO);
  }

  @Test
  void categoryBoundariesOfPm25() {
    assertThat(dailyPm25(35)).as("35 µg/m³ is IAQI 50 exactly").isEqualTo(50);
    assertThat(dailyPm25(35.1)).as("50 + 50 × 0.1/40 = 50.125, rounded up").isEqualTo(51);
    assertThat(dailyPm25(75)).isEqualTo(100);
    assertThat(dailyPm25(75.1)).isEqualTo(101);
    assertThat(dailyPm25(115)).isEqualTo(150);
    assertThat(dailyPm25(150)).isEqualTo(200);
    assertThat(dailyPm25(250)).isEqualTo(300);
    assertThat(dailyPm25(250.5)).as("300 + 100 × 0.5/100 = 300.5").isEqualTo(301);

    Aqi excellent = daily(Concentrations.none().with(Indicator.PM2_5_24H, 35));
    assertThat(excellent.category()).isEqualTo(AqiCategory.EXCELLENT);
    assertThat(excellent.primary()).as("no primary pollutant at AQI ≤ 50").isEmpty();

    Aqi good = daily(Concentrations.none().with(Indicator.PM2_5_24H, 35.1));
    assertThat(good.category()).isEqualTo(AqiCategory.GOOD);
    assertThat(good.primary()).containsExactly(Pollutant.PM2_5);

    Aqi atLimit = daily(Concentrations.none().with(Indicator.PM2_5_24H, 75));
    assertThat(atLimit.category()).isEqualTo(AqiCategory.GOOD);
    assertThat(atLimit.exceeding()).as("IAQI 100 is not above the limit").isEmpty();
  }

  @Test
  void categoriesCoverEveryAqi() {
    assertThat(List.of(0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500))
        .extracting(AqiCategory::of)
        .containsExactly(
            AqiCategory.EXCELLENT,
            AqiCategory.EXCELLENT,
            AqiCategory.GOOD,
            AqiCategory.GOOD,
            AqiCategory.LIGHTLY_POLLUTED,
            AqiCategory.LIGHTLY_POLLUTED,
            AqiCategory.MODERATELY_POLLUTED,
            AqiCategory.MODERATELY_POLLUTED,
            AqiCategory.HEAVILY_POLLUTED,
            AqiCategory.HEAVILY_POLLUTED,
            AqiCategory.SEVERELY_POLLUTED,
            AqiCategory.SEVERELY_POLLUTED);
    assertThat(AqiCategory.MODERATELY_POLLUTED.colour()).isEqualTo("#FF0000");
    assertThat(AqiCategory.HEAVILY_POLLUTED.colour()).isEqualTo("#99004C");
    assertThat(AqiCategory.SEVERELY_POLLUTED.colour()).isEqualTo("#7E0023");
  }

  @Test
  void pollutantsOnTheSameHighestIndexAreAllPrimary() {
    Aqi aqi =
        daily(
            Concentrations.none()
                .with(Indicator.PM10_24H, 150) // 100
                .with(Indicator.PM2_5_24H, 75) // 100
                .with(Indicator.NO2_24H, 80)); // 100

    assertThat(aqi.value()).isEqualTo(100);
    assertThat(aqi.primary()).containsExactly(Pollutant.NO2, Pollutant.PM10, Pollutant.PM2_5);
  }

  @Test
  void missingPollutantsLeaveAnIncompleteAqiOverTheOthers() {
    Aqi aqi =
        daily(
            Concentrations.none()
                .with(Indicator.PM10_24H, 200) // 100 + 50 × 50/100 = 125
                .with(Indicator.SO2_24H, Double.NaN)); // no valid mean

    assertThat(aqi.value()).isEqualTo(125);
    assertThat(aqi.isComplete()).isFalse();
    assertThat(aqi.missing())
        .containsExactly(Pollutant.SO2, Pollutant.NO2, Pollutant.CO, Pollutant.O3, Pollutant.PM2_5);
    assertThat(calculator.compute(AqiReport.DAILY, Concentrations.none())).isEmpty();
  }

  @Test
  void so2AboveTheOneHourTableUsesTheDailyMean() {
    Concentrations hour =
        Concentrations.none().with(Indicator.SO2_1H, 900).with(Indicator.SO2_24H, 500);

    SubIndex so2 = hourly(hour).subIndices().get(0);

    // 24-h table, 475–800 → 150–200: 150 + 50 × 25/325 = 153.85 → 154
    assertThat(so2.indicator()).isEqualTo(Indicator.SO2_24H);
    assertThat(so2.concentration()).isEqualTo(500);
    assertThat(so2.value()).isEqualTo(154);

    assertThat(hourly(Concentrations.none().with(Indicator.SO2_1H, 800)).value())
        .as("800 µg/m³ is still on the 1-h table")
        .isEqualTo(200);

    Aqi withoutDailyMean =
        hourly(Concentrations.none().with(Indicator.SO2_1H, 900).with(Indicator.CO_1H, 5));
    assertThat(withoutDailyMean.missing()).contains(Pollutant.SO2);
    assertThat(withoutDailyMean.value()).isEqualTo(50);
  }

  @Test
  void ozoneAboveTheEightHourTableUsesTheOneHourMaximum() {
    Concentrations day =
        Concentrations.none().with(Indicator.O3_8H, 850).with(Indicator.O3_1H, 900);

    SubIndex o3 = daily(day).subIndices().get(0);

    // 1-h table, 800–1000 → 300–400: 300 + 100 × 100/200 = 350
    assertThat(o3.indicator()).isEqualTo(Indicator.O3_1H);
    assertThat(o3.value()).isEqualTo(350);
    assertThat(daily(day).category()).isEqualTo(AqiCategory.SEVERELY_POLLUTED);

    Aqi withoutOneHourMaximum =
        daily(Concentrations.none().with(Indicator.O3_8H, 850).with(Indicator.CO_24H, 2));
    assertThat(withoutOneHourMaximum.missing()).contains(Pollutant.O3);
    assertThat(withoutOneHourMaximum.value()).isEqualTo(50);
  }

  @Test
  void concentrationsAboveTheLastBreakpointStayAt500() {
    assertThat(dailyPm25(500)).isEqualTo(500);
    assertThat(dailyPm25(620)).isEqualTo(500);
  }

  @Test
  void cityAqiIsComputedFromTheMeanConcentrationsOfItsStations() {
    Concentrations a =
        Concentrations.none().with(Indicator.PM2_5_24H, 60).with(Indicator.SO2_24H, 20);
    Concentrations b = Concentrations.none().with(Indicator.PM2_5_24H, 90);
    // Station AQIs: 50 + 50 × 25/40 = 81.25 → 82 and 100 + 50 × 15/40 = 118.75 → 119.
    assertThat(daily(a).value()).isEqualTo(82);
    assertThat(daily(b).value()).isEqualTo(119);

    Concentrations city = Concentrations.meanOf(List.of(a, b));

    assertThat(city.get(Indicator.PM2_5_24H)).hasValue(75);
    assertThat(city.get(Indicator.SO2_24H))
        .as("a station without a value does not count")
        .hasValue(20);
    assertThat(daily(city).value())
        .as("IAQI of the mean 75 µg/m³, not the mean AQI")
        .isEqualTo(100);
  }

  @Test
  void roundingModeIsAParameter() {
    AqiCalculator halfUp = new AqiCalculator(RoundingMode.HALF_UP);
    Aqi aqi =
        halfUp
            .compute(AqiReport.DAILY, Concentrations.none().with(Indicator.PM2_5_24H, 35.1))
            .orElseThrow();
    assertThat(aqi.value()).isEqualTo(50);
    assertThat(aqi.subIndices().get(0).exact()).isEqualByComparingTo("50.125");
  }

  @Test
  void negativeConcentrationsAreRejected() {
    assertThatThrownBy(() -> Concentrations.none().with(Indicator.PM10_24H, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PM10_24H");
  }

  private int dailyPm25(double concentration) {
    return daily(Concentrations.none().with(Indicator.PM2_5_24H, concentration)).value();
  }

  private Aqi daily(Concentrations concentrations) {
    return calculator.compute(AqiReport.DAILY, concentrations).orElseThrow();
  }

  private Aqi hourly(Concentrations concentrations) {
    return calculator.compute(AqiReport.HOURLY, concentrations).orElseThrow();
  }
}
