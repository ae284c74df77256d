package io.helan.opcua;

import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * Turns a point's configured unit into OPC UA {@link EUInformation} with its UNECE Recommendation
 * 20 common code, the way OPC UA Part 8 asks for. Units without a common code (NTU, pH) keep their
 * symbol with unit id -1.
 */
final class EngineeringUnits {
  /** The namespace URI Part 8 gives for UNECE common codes. */
  static final String UNECE_NAMESPACE = "http://www.opcfoundation.org/UA/units/un/cefact";

  private record Unit(String code, String description) {}

  private static final Map<String, Unit> UNITS =
      Map.ofEntries(
          Map.entry("µg/m³", new Unit("GQ", "microgram per cubic metre")),
          Map.entry("mg/m³", new Unit("GP", "milligram per cubic metre")),
          Map.entry("nGy/h", new Unit("P64", "nanogray per hour")),
          Map.entry("µGy/h", new Unit("P63", "microgray per hour")),
          Map.entry("mGy/h", new Unit("P62", "milligray per hour")),
          Map.entry("°C", new Unit("CEL", "degree Celsius")),
          Map.entry("K", new Unit("KEL", "kelvin")),
          Map.entry("%", new Unit("P1", "percent")),
          Map.entry("m/s", new Unit("MTS", "metre per second")),
          Map.entry("°", new Unit("DD", "degree [unit of angle]")),
          Map.entry("mg/L", new Unit("M1", "milligram per litre")),
          Map.entry("µS/cm", new Unit("G42", "microsiemens per centimetre")),
          Map.entry("V", new Unit("VLT", "volt")),
          Map.entry("m³/h", new Unit("MQH", "cubic metre per hour")),
          Map.entry("m³/s", new Unit("MQS", "cubic metre per second")),
          Map.entry("L/s", new Unit("G51", "litre per second")),
          Map.entry("kPa", new Unit("KPA", "kilopascal")),
          Map.entry("hPa", new Unit("A97", "hectopascal")),
          Map.entry("Pa", new Unit("PAL", "pascal")),
          Map.entry("mm", new Unit("MMT", "millimetre")));

  private EngineeringUnits() {}

  /** The EUInformation for a configured unit; empty when the point has no unit. */
  static Optional<EUInformation> of(String unit) {
    if (unit == null || unit.isBlank() || "-".equals(unit) || "–".equals(unit)) {
      return Optional.empty();
    }
    Unit known = UNITS.get(normalise(unit));
    if (known == null) {
      return Optional.of(
          new EUInformation(
              UNECE_NAMESPACE, -1, LocalizedText.english(unit), LocalizedText.english(unit)));
    }
    return Optional.of(
        new EUInformation(
            UNECE_NAMESPACE,
            unitId(known.code()),
            LocalizedText.english(unit),
            LocalizedText.english(known.description())));
  }

  /** The Part 8 unit id: the common code's characters packed into an Int32, first char highest. */
  static int unitId(String commonCode) {
    int id = 0;
    for (int i = 0; i < commonCode.length(); i++) {
      id = (id << 8) | (commonCode.charAt(i) & 0xFF);
    }
    return id;
  }

  /** Accepts the spellings site files use: Greek mu for micro, a plain 3 for cubed, l for L. */
  private static String normalise(String unit) {
    String text = unit.trim().replace('\u03BC', '\u00B5').replace("m3", "m³");
    if (text.startsWith("ug/")) {
      text = "µ" + text.substring(1);
    }
    if (text.endsWith("/l")) {
      text = text.substring(0, text.length() - 1) + "L";
    }
    return text;
  }
}
