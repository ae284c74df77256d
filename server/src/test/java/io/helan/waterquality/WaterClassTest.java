package io.helan.waterquality;

import static io.helan.waterquality.WaterBody.LAKE;
import static io.helan.waterquality.WaterBody.RIVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GB 3838-2002 single-factor classes at their limits, and section classes worked by hand. */
class WaterClassTest {

  @Test
  void limitsAreInclusive() {
    assertThat(WaterParameter.AMMONIA_NITROGEN.classOf(0.15, RIVER)).hasValue(WaterClass.I);
    assertThat(WaterParameter.AMMONIA_NITROGEN.classOf(0.16, RIVER)).hasValue(WaterClass.II);
    assertThat(WaterParameter.AMMONIA_NITROGEN.classOf(1.0, RIVER)).hasValue(WaterClass.III);
    assertThat(WaterParameter.AMMONIA_NITROGEN.classOf(2.0, RIVER)).hasValue(WaterClass.V);
    assertThat(WaterParameter.AMMONIA_NITROGEN.classOf(2.01, RIVER))
        .hasValue(WaterClass.WORSE_THAN_V);
    assertThat(WaterParameter.PERMANGANATE_INDEX.classOf(6, RIVER)).hasValue(WaterClass.III);
    assertThat(WaterParameter.PERMANGANATE_INDEX.classOf(6.1, RIVER)).hasValue(WaterClass.IV);
    assertThat(WaterParameter.BOD5.classOf(3, RIVER)).hasValue(WaterClass.I);
  }

  @Test
  void classesWithTheSameLimitGiveTheBetterClass() {
    assertThat(WaterParameter.COD.classOf(15, RIVER))
        .as("I and II share 15 mg/L")
        .hasValue(WaterClass.I);
    assertThat(WaterParameter.COD.classOf(15.5, RIVER)).hasValue(WaterClass.III);
    assertThat(WaterParameter.COD.classOf(40, RIVER)).hasValue(WaterClass.V);
  }

  @Test
  void dissolvedOxygenIsBetterWhenHigher() {
    assertThat(WaterParameter.DISSOLVED_OXYGEN.classOf(9.2, RIVER)).hasValue(WaterClass.I);
    assertThat(WaterParameter.DISSOLVED_OXYGEN.classOf(7.5, RIVER)).hasValue(WaterClass.I);
    assertThat(WaterParameter.DISSOLVED_OXYGEN.classOf(7.4, RIVER)).hasValue(WaterClass.II);
    assertThat(WaterParameter.DISSOLVED_OXYGEN.classOf(5, RIVER)).hasValue(WaterClass.III);
    assertThat(WaterParameter.DISSOLVED_OXYGEN.classOf(2, RIVER)).hasValue(WaterClass.V);
    assertThat(WaterParameter.DISSOLVED_OXYGEN.classOf(1.9, RIVER))
        .hasValue(WaterClass.WORSE_THAN_V);
  }

  @Test
  void phMeetsEveryClassWithinSixToNine() {
    assertThat(WaterParameter.PH.classOf(6, RIVER)).hasValue(WaterClass.I);
    assertThat(WaterParameter.PH.classOf(9, LAKE)).hasValue(WaterClass.I);
    assertThat(WaterParameter.PH.classOf(5.9, RIVER)).hasValue(WaterClass.WORSE_THAN_V);
    assertThat(WaterParameter.PH.classOf(9.1, RIVER)).hasValue(WaterClass.WORSE_THAN_V);
  }

  @Test
  void phosphorusAndNitrogenDependOnTheWaterBody() {
    assertThat(WaterParameter.TOTAL_PHOSPHORUS.classOf(0.05, RIVER)).hasValue(WaterClass.II);
    assertThat(WaterParameter.TOTAL_PHOSPHORUS.classOf(0.05, LAKE)).hasValue(WaterClass.III);
    assertThat(WaterParameter.TOTAL_PHOSPHORUS.classOf(0.3, LAKE))
        .hasValue(WaterClass.WORSE_THAN_V);
    assertThat(WaterParameter.TOTAL_NITROGEN.classOf(1.2, LAKE)).hasValue(WaterClass.IV);
    assertThat(WaterParameter.TOTAL_NITROGEN.classOf(1.2, RIVER))
        .as("total nitrogen is not assessed for rivers")
        .isEmpty();
  }

  @Test
  void aRiverSectionTakesTheClassOfItsWorstParameter() {
    Map<WaterParameter, Double> values = new EnumMap<>(WaterParameter.class);
    values.put(WaterParameter.PH, 7.8); // I
    values.put(WaterParameter.DISSOLVED_OXYGEN, 6.5); // II
    values.put(WaterParameter.PERMANGANATE_INDEX, 4.5); // III
    values.put(WaterParameter.COD, 18.0); // III
    values.put(WaterParameter.BOD5, 3.5); // III
    values.put(WaterParameter.AMMONIA_NITROGEN, 1.2); // IV
    values.put(WaterParameter.TOTAL_PHOSPHORUS, 0.25); // IV
    values.put(WaterParameter.TOTAL_NITROGEN, 5.0); // not assessed for a river

    SectionClass section = SectionClass.assess(values, RIVER).orElseThrow();

    assertThat(section.waterClass()).isEqualTo(WaterClass.IV);
    assertThat(section.waterClass().label()).isEqualTo("Ⅳ");
    assertThat(section.determining())
        .containsExactly(WaterParameter.AMMONIA_NITROGEN, WaterParameter.TOTAL_PHOSPHORUS);
    assertThat(section.factors()).hasSize(7);
    assertThat(section.isComplete()).isTrue();
  }

  @Test
  void missingParametersAreListedAndTheClassIsOverTheOthers() {
    Map<WaterParameter, Double> values = new EnumMap<>(WaterParameter.class);
    values.put(WaterParameter.PH, 8.0);
    values.put(WaterParameter.DISSOLVED_OXYGEN, 1.5); // 劣Ⅴ
    values.put(WaterParameter.AMMONIA_NITROGEN, Double.NaN);

    SectionClass section = SectionClass.assess(values, LAKE).orElseThrow();

    assertThat(section.waterClass()).isEqualTo(WaterClass.WORSE_THAN_V);
    assertThat(section.waterClass().label()).isEqualTo("劣Ⅴ");
    assertThat(section.isComplete()).isFalse();
    assertThat(section.missing())
        .containsExactly(
            WaterParameter.PERMANGANATE_INDEX,
            WaterParameter.COD,
            WaterParameter.BOD5,
            WaterParameter.AMMONIA_NITROGEN,
            WaterParameter.TOTAL_PHOSPHORUS,
            WaterParameter.TOTAL_NITROGEN);
    assertThat(SectionClass.assess(Map.of(), RIVER)).isEmpty();
  }

  @Test
  void negativeValuesAreRejected() {
    assertThatThrownBy(() -> WaterParameter.COD.classOf(-1, RIVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("COD");
  }
}
