package io.helan.products;

import io.helan.airquality.Aqi;
import io.helan.airquality.Indicator;
import io.helan.airquality.Pollutant;
import io.helan.airquality.SubIndex;
import io.helan.emissions.EmissionHour;
import io.helan.waterquality.FactorClass;
import io.helan.waterquality.SectionClass;
import io.helan.waterquality.WaterParameter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Map;

/** The JSON of the data products, one shape for the operators' and the public API. */
public final class ProductJson {
  private ProductJson() {}

  /**
   * An AQI row with everything needed to recompute it: the means per indicator, each IAQI (exact
   * and rounded), the AQI, primary, exceeding and missing pollutants, category and colour.
   */
  public static JsonObject aqi(AqiRow row) {
    JsonObject means = new JsonObject();
    for (Map.Entry<Indicator, Double> entry : row.concentrations().asMap().entrySet()) {
      means.put(entry.getKey().name(), entry.getValue());
    }
    JsonObject json =
        new JsonObject()
            .put("start", row.start().toString())
            .put("end", row.end().toString())
            .put("area", row.area())
            .put("stations", new JsonArray(row.stations()))
            .put("means", means);
    if (row.aqi().isEmpty()) {
      return json.putNull("aqi");
    }
    Aqi aqi = row.aqi().get();
    JsonArray iaqi = new JsonArray();
    for (SubIndex subIndex : aqi.subIndices()) {
      iaqi.add(
          new JsonObject()
              .put("pollutant", subIndex.pollutant().label())
              .put("indicator", subIndex.indicator().name())
              .put("concentration", subIndex.concentration())
              .put("exact", subIndex.exact().toPlainString())
              .put("iaqi", subIndex.value()));
    }
    return json.put("iaqi", iaqi)
        .put("aqi", aqi.value())
        .put("primary", labels(aqi.primary()))
        .put("exceeding", labels(aqi.exceeding()))
        .put("missing", labels(aqi.missing()))
        .put("category", aqi.category().displayName())
        .put("categoryEn", aqi.category().displayNameEn())
        .put("colour", aqi.category().colour());
  }

  private static JsonArray labels(Collection<Pollutant> pollutants) {
    JsonArray labels = new JsonArray();
    pollutants.forEach(p -> labels.add(p.label()));
    return labels;
  }

  /** A section's class, per parameter and as a whole. */
  public static JsonObject water(String stationId, String day, SectionClass section) {
    JsonArray factors = new JsonArray();
    for (FactorClass factor : section.factors()) {
      factors.add(
          new JsonObject()
              .put("parameter", factor.parameter().displayName())
              .put("code", factor.parameter().code())
              .put("value", factor.value())
              .put("class", factor.waterClass().label()));
    }
    return new JsonObject()
        .put("station", stationId)
        .put("day", day)
        .put("class", section.waterClass().label())
        .put("factors", factors)
        .put("determining", codes(section.determining()))
        .put("missing", codes(section.missing()));
  }

  private static JsonArray codes(Collection<WaterParameter> parameters) {
    JsonArray codes = new JsonArray();
    parameters.forEach(p -> codes.add(p.code()));
    return codes;
  }

  /** One source hour at reference O2, judged against the limit. */
  public static JsonObject emission(EmissionHour hour) {
    return new JsonObject()
        .put("start", hour.measured().start().toString())
        .put("measured", number(hour.measured().value()))
        .put("o2", hour.o2() == null ? null : number(hour.o2().value()))
        .put("atReferenceO2", number(hour.converted()))
        .put("limit", hour.limit())
        .put("valid", hour.isValid())
        .put("exceedance", hour.isExceedance())
        .put("captureRate", hour.measured().captureRate());
  }

  private static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
