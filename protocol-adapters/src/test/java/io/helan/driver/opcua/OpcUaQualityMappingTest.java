package io.helan.driver.opcua;

import static io.helan.driver.opcua.OpcUaQualityMapping.qualityOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.helan.driver.Quality;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.Test;

class OpcUaQualityMappingTest {

  @Test
  void goodCodesAreGood() {
    assertThat(qualityOf(StatusCode.GOOD)).isEqualTo(Quality.GOOD);
    assertThat(qualityOf(code(StatusCodes.Good_Clamped))).isEqualTo(Quality.GOOD);
  }

  @Test
  void lastUsableValueIsTheOnlyUncertainWithItsOwnQuality() {
    assertThat(qualityOf(code(StatusCodes.Uncertain_LastUsableValue)))
        .isEqualTo(Quality.UNCERTAIN_LAST_USABLE);
    assertThat(qualityOf(code(StatusCodes.Uncertain_SensorNotAccurate)))
        .isEqualTo(Quality.UNCERTAIN);
    assertThat(qualityOf(StatusCode.UNCERTAIN)).isEqualTo(Quality.UNCERTAIN);
  }

  @Test
  void communicationFailures() {
    for (long code :
        new long[] {
          StatusCodes.Bad_CommunicationError,
          StatusCodes.Bad_NotConnected,
          StatusCodes.Bad_NoCommunication,
          StatusCodes.Bad_ServerNotConnected,
          StatusCodes.Bad_Timeout
        }) {
      assertThat(qualityOf(code(code))).as("0x%08X", code).isEqualTo(Quality.BAD_COMMUNICATION);
    }
  }

  @Test
  void sensorAndDeviceFailures() {
    assertThat(qualityOf(code(StatusCodes.Bad_SensorFailure)))
        .isEqualTo(Quality.BAD_SENSOR_FAILURE);
    assertThat(qualityOf(code(StatusCodes.Bad_DeviceFailure)))
        .isEqualTo(Quality.BAD_SENSOR_FAILURE);
  }

  @Test
  void configurationErrors() {
    for (long code :
        new long[] {
          StatusCodes.Bad_ConfigurationError,
          StatusCodes.Bad_NodeIdUnknown,
          StatusCodes.Bad_NodeIdInvalid,
          StatusCodes.Bad_TypeMismatch
        }) {
      assertThat(qualityOf(code(code))).as("0x%08X", code).isEqualTo(Quality.BAD_CONFIGURATION);
    }
  }

  @Test
  void outOfServiceAndWaitingForInitialData() {
    assertThat(qualityOf(code(StatusCodes.Bad_OutOfService))).isEqualTo(Quality.BAD_OUT_OF_SERVICE);
    assertThat(qualityOf(code(StatusCodes.Bad_WaitingForInitialData)))
        .isEqualTo(Quality.BAD_WAITING_FOR_INITIAL_DATA);
  }

  @Test
  void otherBadCodesAreBad() {
    assertThat(qualityOf(code(StatusCodes.Bad_UserAccessDenied))).isEqualTo(Quality.BAD);
    assertThat(qualityOf(StatusCode.BAD)).isEqualTo(Quality.BAD);
  }

  @Test
  void infoBitsDoNotChangeTheQuality() {
    // Overflow bit and a limit bit set in the low word.
    long withInfoBits = StatusCodes.Bad_SensorFailure | 0x0480L;
    assertThat(qualityOf(code(withInfoBits))).isEqualTo(Quality.BAD_SENSOR_FAILURE);
    assertThat(qualityOf(code(StatusCodes.Uncertain_LastUsableValue | 0x0100L)))
        .isEqualTo(Quality.UNCERTAIN_LAST_USABLE);
  }

  @Test
  void theQualitiesStatusCodesMapBackToThemselves() {
    for (Quality quality : Quality.values()) {
      assertThat(qualityOf(code(quality.statusCode()))).as("%s", quality).isEqualTo(quality);
    }
  }

  private static StatusCode code(long value) {
    return new StatusCode(value);
  }
}
