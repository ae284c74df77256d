package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.junit.jupiter.api.Test;

/** Units as OPC UA Part 8 wants them: UNECE common codes packed into the unit id. */
class OpcUaEngineeringUnitsTest {

  @Test
  void packsTheCommonCodeAsPart8Shows() {
    // Part 8's own example: degree Celsius, code CEL, unit id 4408652
    assertThat(EngineeringUnits.unitId("CEL")).isEqualTo(4408652);
    assertThat(EngineeringUnits.of("°C").orElseThrow().getUnitId()).isEqualTo(4408652);
  }

  @Test
  void knowsTheSiteUnitsInTheSpellingsSiteFilesUse() {
    EUInformation microgram = EngineeringUnits.of("µg/m³").orElseThrow();
    assertThat(microgram.getUnitId()).isEqualTo(EngineeringUnits.unitId("GQ"));
    assertThat(microgram.getNamespaceUri()).isEqualTo(EngineeringUnits.UNECE_NAMESPACE);
    assertThat(microgram.getDisplayName().text()).isEqualTo("µg/m³");
    // Greek mu and a plain 3 are the same unit
    assertThat(EngineeringUnits.of("\u03BCg/m3").orElseThrow().getUnitId())
        .isEqualTo(microgram.getUnitId());
    assertThat(EngineeringUnits.of("nGy/h").orElseThrow().getUnitId())
        .isEqualTo(EngineeringUnits.unitId("P64"));
    assertThat(EngineeringUnits.of("mg/l").orElseThrow().getUnitId())
        .isEqualTo(EngineeringUnits.unitId("M1"));
  }

  @Test
  void keepsUnitsWithoutACodeAndDropsMissingOnes() {
    EUInformation ntu = EngineeringUnits.of("NTU").orElseThrow();
    assertThat(ntu.getUnitId()).isEqualTo(-1);
    assertThat(ntu.getDisplayName().text()).isEqualTo("NTU");
    assertThat(EngineeringUnits.of("")).isEmpty();
    assertThat(EngineeringUnits.of(null)).isEmpty();
  }
}
