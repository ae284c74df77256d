package io.helan.driver.opcua;

import io.helan.driver.Quality;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * The {@link Quality} of an OPC UA status code. The info bits (overflow, limit bits) are ignored;
 * codes without a quality of their own fall back to their severity: UNCERTAIN or BAD.
 */
public final class OpcUaQualityMapping {

  /** The status code's severity and sub-code, without the info bits in the low 16 bits. */
  private static final long CODE_MASK = 0xFFFF_0000L;

  private OpcUaQualityMapping() {}

  public static Quality qualityOf(StatusCode status) {
    long code = status.value() & CODE_MASK;
    if (status.isGood()) {
      return Quality.GOOD;
    }
    if (status.isUncertain()) {
      return code == StatusCodes.Uncertain_LastUsableValue
          ? Quality.UNCERTAIN_LAST_USABLE
          : Quality.UNCERTAIN;
    }
    if (code == StatusCodes.Bad_CommunicationError
        || code == StatusCodes.Bad_NotConnected
        || code == StatusCodes.Bad_NoCommunication
        || code == StatusCodes.Bad_ServerNotConnected
        || code == StatusCodes.Bad_Timeout) {
      return Quality.BAD_COMMUNICATION;
    }
    if (code == StatusCodes.Bad_SensorFailure || code == StatusCodes.Bad_DeviceFailure) {
      return Quality.BAD_SENSOR_FAILURE;
    }
    if (code == StatusCodes.Bad_ConfigurationError
        || code == StatusCodes.Bad_NodeIdUnknown
        || code == StatusCodes.Bad_NodeIdInvalid
        || code == StatusCodes.Bad_TypeMismatch) {
      return Quality.BAD_CONFIGURATION;
    }
    if (code == StatusCodes.Bad_OutOfService) {
      return Quality.BAD_OUT_OF_SERVICE;
    }
    if (code == StatusCodes.Bad_WaitingForInitialData) {
      return Quality.BAD_WAITING_FOR_INITIAL_DATA;
    }
    return Quality.BAD;
  }
}
