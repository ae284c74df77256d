package io.helan.config;

/**
 * The emission limit of one pollutant at a pollution source (HJ 75/76-2017): the hourly average of
 * valid (flag N) values, converted to the reference O2 content, must not exceed it.
 *
 * @param limit the limit, in the point's unit (mg/m³ for flue gas, mg/L for wastewater)
 * @param referenceO2 reference O2 in % (coal boiler 9, oil/gas boiler 3.5, coal power 6, gas
 *     turbine 15), or NaN when no conversion applies (wastewater)
 * @param o2Point id, within the same device, of the measured O2 point (a19001), or null
 */
public record EmissionLimit(double limit, double referenceO2, String o2Point) {

  public boolean convertsToReferenceO2() {
    return !Double.isNaN(referenceO2) && o2Point != null;
  }
}
