package io.helan.emissions;

/**
 * Conversion of a flue-gas concentration to the reference O2 content of its emission standard (HJ
 * 75-2017): C_ref = C × (21 − O2_ref) / (21 − O2_measured), O2 in % by volume. Typical reference
 * contents: coal boilers 9 % and oil or gas boilers 3.5 % (GB 13271), coal-fired power 6 % and gas
 * turbines 15 % (GB 13223); the permit states the one that applies.
 */
public final class ReferenceOxygen {
  private static final double AIR_O2 = 21;

  private ReferenceOxygen() {}

  /**
   * The concentration at the reference O2 content.
   *
   * @throws IllegalArgumentException when the measured O2 is not below 21 % (no conversion exists)
   *     or either O2 content is not a number
   */
  public static double convert(double concentration, double referenceO2, double measuredO2) {
    if (Double.isNaN(referenceO2) || Double.isNaN(measuredO2) || measuredO2 >= AIR_O2) {
      throw new IllegalArgumentException(
          "cannot convert to reference O2 "
              + referenceO2
              + " % from measured O2 "
              + measuredO2
              + " %: the measured O2 must be below 21 %");
    }
    return concentration * (AIR_O2 - referenceO2) / (AIR_O2 - measuredO2);
  }

  /** NOx expressed as NO2 from NO and NO2 (mass concentrations): C_NO × 46/30 + C_NO2. */
  public static double nitrogenOxidesAsNo2(double no, double no2) {
    return no * 46 / 30 + no2;
  }
}
