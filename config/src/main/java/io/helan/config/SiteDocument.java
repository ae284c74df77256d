package io.helan.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A site file as written, before defaults and device-type templates are applied. Component names
 * are the YAML keys (see config/README.md); an absent key is null, an absent list is empty.
 */
record SiteDocument(
    SiteHeader site,
    List<RegionEntry> regions,
    List<DeviceTypeEntry> deviceTypes,
    List<StationEntry> stations,
    EmergencyEntry emergency,
    List<UpstreamEntry> upstreams) {

  static final double DEFAULT_SCALE = 1;
  static final double DEFAULT_OFFSET = 0;

  SiteDocument {
    regions = orEmpty(regions);
    deviceTypes = orEmpty(deviceTypes);
    stations = orEmpty(stations);
    upstreams = orEmpty(upstreams);
  }

  /** Analogue values (floating point on the wire) are measurements: they need a unit and range. */
  static boolean isMeasured(DataType dataType) {
    return dataType == DataType.FLOAT32 || dataType == DataType.FLOAT64;
  }

  record SiteHeader(String id, String name) {}

  /** The emergency section; see {@link EmergencySettings}. Plans are keyed by class key. */
  record EmergencyEntry(
      Double radiusKm,
      Integer highFrequencySeconds,
      Integer routineSeconds,
      BoundsEntry bounds,
      Double cloudDoseFactor,
      Double ambientDosePerAirKerma,
      String countryCode,
      Map<String, PlanEntry> plans) {
    EmergencyEntry {
      plans = plans == null ? Map.of() : plans;
    }
  }

  record BoundsEntry(Double south, Double west, Double north, Double east) {}

  record PlanEntry(
      Integer intervalSeconds,
      List<String> stations,
      List<String> samplers,
      List<String> notifications) {
    PlanEntry {
      stations = orEmpty(stations);
      samplers = orEmpty(samplers);
      notifications = orEmpty(notifications);
    }
  }

  /** A platform data is forwarded to; see {@link Upstream}. */
  record UpstreamEntry(
      String id,
      String host,
      Integer port,
      String password,
      String passwordFile,
      Integer timeoutMs,
      Integer retries,
      Integer realTimeIntervalSeconds,
      Integer maxQueuedRecords,
      List<ForwardEntry> devices) {
    UpstreamEntry {
      devices = orEmpty(devices);
    }
  }

  /** A device forwarded upstream, by {@code station.device}, with its MN and system code. */
  record ForwardEntry(String device, String mn, Integer st) {}

  record RegionEntry(String id, String name, String nameEn) {}

  record DeviceTypeEntry(
      String id,
      String name,
      String protocol,
      List<PointEntry> points,
      List<CommandEntry> commands,
      QualityEntry quality) {
    DeviceTypeEntry {
      points = orEmpty(points);
      commands = orEmpty(commands);
    }
  }

  record PointEntry(
      String id,
      String name,
      String code,
      String unit,
      String dataType,
      String address,
      Double scale,
      Double offset,
      List<Double> range,
      LimitsEntry limits,
      QualityEntry quality) {}

  /**
   * Data-quality rules; see {@link QualityLimits}. On a device type for all its points, on a point
   * or a station's point override, each field winning over the one before.
   */
  record QualityEntry(
      List<Double> range,
      Double flatlineMinutes,
      Double flatlineTolerance,
      Double spike,
      Double ratePerMinute,
      Double staleMinutes) {}

  record LimitsEntry(
      Double hihi,
      Double hi,
      Double lo,
      Double lolo,
      Double deadband,
      Long onDelayMs,
      Long offDelayMs,
      Integer priority,
      Double rateOfChange,
      DoseRateEntry doseRate,
      EmissionEntry emission) {}

  /** Dose-rate levels against the station's own background; see {@link DoseRateLevels}. */
  record DoseRateEntry(
      Double baselineDays,
      Double investigationSigmas,
      Double alarmSigmas,
      Double investigationLevel,
      Double alarmLevel,
      Integer confirmSamples,
      String rainPoint,
      Double rainAllowance,
      Double rainHoldoffHours) {}

  /** An emission limit at reference O2; see {@link EmissionLimit}. */
  record EmissionEntry(Double limit, Double referenceO2, String o2Point) {}

  record CommandEntry(
      String id,
      String kind,
      String name,
      String target,
      Integer durationSeconds,
      Map<String, ParameterEntry> parameters,
      RunningWhileEntry runningWhile) {
    CommandEntry {
      parameters = parameters == null ? Map.of() : parameters;
    }
  }

  /**
   * Where one command parameter goes: {@code address} (with {@code dataType} and {@code scale} for
   * a holding register) on Modbus, {@code argument} on OPC UA, {@code field} on HJ 212.
   */
  record ParameterEntry(
      String address, String dataType, Double scale, Integer argument, String field) {}

  /** The point whose value says a command's effect is under way, and which bits of it. */
  record RunningWhileEntry(String point, Long mask) {}

  record StationEntry(
      String id,
      String name,
      String nameEn,
      String kind,
      String region,
      LocationEntry location,
      List<DeviceEntry> devices) {
    StationEntry {
      devices = orEmpty(devices);
    }
  }

  record LocationEntry(Double lat, Double lon) {}

  /** {@code connection} is read by the device's {@link ConnectionType}, by key. */
  record DeviceEntry(
      String id, String name, String type, JsonNode connection, List<PointOverride> points) {
    DeviceEntry {
      points = orEmpty(points);
    }
  }

  /**
   * Changes one point of the device type for one device. Set keys replace the type's values (range
   * and limits as a whole); the register map (address, dataType) belongs to the type.
   */
  record PointOverride(
      String id,
      String name,
      String code,
      String unit,
      Double scale,
      Double offset,
      List<Double> range,
      LimitsEntry limits,
      QualityEntry quality) {}

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
