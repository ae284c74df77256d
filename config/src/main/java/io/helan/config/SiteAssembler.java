package io.helan.config;

import io.helan.config.SiteDocument.BoundsEntry;
import io.helan.config.SiteDocument.CommandEntry;
import io.helan.config.SiteDocument.DeviceEntry;
import io.helan.config.SiteDocument.DeviceTypeEntry;
import io.helan.config.SiteDocument.DoseRateEntry;
import io.helan.config.SiteDocument.EmergencyEntry;
import io.helan.config.SiteDocument.EmissionEntry;
import io.helan.config.SiteDocument.LimitsEntry;
import io.helan.config.SiteDocument.PointEntry;
import io.helan.config.SiteDocument.PointOverride;
import io.helan.config.SiteDocument.QualityEntry;
import io.helan.config.SiteDocument.StationEntry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated site document into the site model: applies defaults, expands each device from
 * its device type with the device's point overrides, and numbers the points in file order.
 */
final class SiteAssembler {
  private static final PointOverride NO_OVERRIDE =
      new PointOverride(null, null, null, null, null, null, null, null, null);

  private final Map<String, DeviceTypeEntry> deviceTypes = new HashMap<>();
  private final ConnectionTypes connectionTypes;
  private final Map<DeviceEntry, Connection> connections;
  private int nextPointIndex;

  private SiteAssembler(
      SiteDocument document,
      ConnectionTypes connectionTypes,
      Map<DeviceEntry, Connection> connections) {
    for (DeviceTypeEntry type : document.deviceTypes()) {
      deviceTypes.put(type.id(), type);
    }
    this.connectionTypes = connectionTypes;
    this.connections = connections;
  }

  /**
   * Builds the site; {@code document} must have passed {@link SiteValidator}, which read {@code
   * connections}.
   */
  static Site assemble(
      SiteDocument document,
      ConnectionTypes connectionTypes,
      Map<DeviceEntry, Connection> connections,
      List<Upstream> upstreams) {
    return new SiteAssembler(document, connectionTypes, connections).site(document, upstreams);
  }

  private Site site(SiteDocument document, List<Upstream> upstreams) {
    List<Region> regions =
        document.regions().stream()
            .map(r -> new Region(r.id(), r.name(), firstSet(r.nameEn(), "")))
            .toList();
    List<Station> stations = new ArrayList<>();
    for (StationEntry station : document.stations()) {
      stations.add(station(station));
    }
    return new Site(
        document.site().id(),
        document.site().name(),
        regions,
        stations,
        emergency(document.emergency(), stations),
        upstreams);
  }

  private static EmergencySettings emergency(EmergencyEntry entry, List<Station> stations) {
    EmergencySettings defaults = EmergencySettings.defaults(stations);
    if (entry == null) {
      return defaults;
    }
    int highFrequency = firstSet(entry.highFrequencySeconds(), defaults.highFrequencySeconds());
    Map<EmergencyClass, EmergencyPlan> plans = new EnumMap<>(EmergencyClass.class);
    entry
        .plans()
        .forEach(
            (key, plan) -> {
              EmergencyClass emergencyClass = EmergencyClass.fromKey(key);
              plans.put(
                  emergencyClass,
                  new EmergencyPlan(
                      emergencyClass,
                      firstSet(plan.intervalSeconds(), highFrequency),
                      plan.stations(),
                      plan.samplers(),
                      plan.notifications()));
            });
    BoundsEntry b = entry.bounds();
    return new EmergencySettings(
        firstSet(entry.radiusKm(), defaults.radiusKm()),
        highFrequency,
        firstSet(entry.routineSeconds(), defaults.routineSeconds()),
        b == null ? defaults.bounds() : new SiteBounds(b.south(), b.west(), b.north(), b.east()),
        firstSet(entry.cloudDoseFactor(), defaults.cloudDoseFactor()),
        firstSet(entry.ambientDosePerAirKerma(), defaults.ambientDosePerAirKerma()),
        firstSet(entry.countryCode(), defaults.countryCode()),
        plans);
  }

  private Station station(StationEntry entry) {
    List<Device> devices = new ArrayList<>();
    for (DeviceEntry device : entry.devices()) {
      devices.add(device(entry.id(), device));
    }
    return new Station(
        entry.id(),
        entry.name(),
        firstSet(entry.nameEn(), ""),
        StationKind.fromKey(entry.kind()),
        entry.region(),
        entry.location().lat(),
        entry.location().lon(),
        devices);
  }

  private Device device(String stationId, DeviceEntry entry) {
    DeviceTypeEntry type = deviceTypes.get(entry.type());
    ConnectionType protocol = connectionTypes.find(type.protocol()).orElseThrow();
    String deviceId = stationId + "." + entry.id();
    Map<String, PointOverride> overrides = new HashMap<>();
    for (PointOverride override : entry.points()) {
      overrides.put(override.id(), override);
    }
    List<Point> points = new ArrayList<>();
    for (PointEntry point : type.points()) {
      points.add(
          point(stationId, deviceId, protocol, point, overrides.get(point.id()), type.quality()));
    }
    List<CommandDefinition> commands = new ArrayList<>();
    for (CommandEntry command : type.commands()) {
      commands.add(
          new CommandDefinition(
              command.id(),
              CommandKind.fromKey(command.kind()),
              command.name(),
              command.target(),
              firstSet(command.durationSeconds(), 0),
              ParameterTargets.build(command.parameters()),
              command.runningWhile() == null
                  ? null
                  : new RunningWhile(
                      deviceId + "." + command.runningWhile().point(),
                      firstSet(command.runningWhile().mask(), 0L))));
    }
    return new Device(
        deviceId,
        stationId,
        firstSet(entry.name(), type.name()),
        type.id(),
        connections.get(entry),
        points,
        commands);
  }

  private Point point(
      String stationId,
      String deviceId,
      ConnectionType protocol,
      PointEntry entry,
      PointOverride override,
      QualityEntry typeQuality) {
    DataType dataType =
        entry.dataType() == null ? protocol.defaultDataType() : DataType.fromKey(entry.dataType());
    PointOverride o = firstSet(override, NO_OVERRIDE);
    double scale = firstSet(o.scale(), entry.scale(), SiteDocument.DEFAULT_SCALE);
    double offset = firstSet(o.offset(), entry.offset(), SiteDocument.DEFAULT_OFFSET);
    List<Double> range = o.range() != null ? o.range() : entry.range();
    if (range == null) {
      range = rawRange(dataType, scale, offset);
    }
    return new Point(
        nextPointIndex++,
        deviceId + "." + entry.id(),
        stationId,
        deviceId,
        firstSet(o.name(), entry.name()),
        firstSet(o.code(), entry.code(), null),
        firstSet(o.unit(), entry.unit(), ""),
        dataType,
        entry.address(),
        scale,
        offset,
        range.get(0),
        range.get(1),
        limits(o.limits() != null ? o.limits() : entry.limits()),
        quality(o.quality(), entry.quality(), typeQuality));
  }

  /** The rules of a point: each field from the override, else the point, else its device type. */
  private static QualityLimits quality(QualityEntry... entries) {
    List<Double> range = null;
    Double flatlineMinutes = null;
    Double flatlineTolerance = null;
    Double spike = null;
    Double ratePerMinute = null;
    Double staleMinutes = null;
    for (int i = entries.length - 1; i >= 0; i--) {
      QualityEntry entry = entries[i];
      if (entry == null) {
        continue;
      }
      range = firstSet(entry.range(), range);
      flatlineMinutes = firstSet(entry.flatlineMinutes(), flatlineMinutes);
      flatlineTolerance = firstSet(entry.flatlineTolerance(), flatlineTolerance);
      spike = firstSet(entry.spike(), spike);
      ratePerMinute = firstSet(entry.ratePerMinute(), ratePerMinute);
      staleMinutes = firstSet(entry.staleMinutes(), staleMinutes);
    }
    return new QualityLimits(
        range == null ? Double.NaN : range.get(0),
        range == null ? Double.NaN : range.get(1),
        firstSet(flatlineMinutes, Double.NaN),
        firstSet(flatlineTolerance, 0.0),
        firstSet(spike, Double.NaN),
        firstSet(ratePerMinute, Double.NaN),
        firstSet(staleMinutes, Double.NaN));
  }

  /** A status or counter point without a configured range spans what its raw type can carry. */
  private static List<Double> rawRange(DataType dataType, double scale, double offset) {
    double[] raw =
        switch (dataType) {
          case BOOL -> new double[] {0, 1};
          case INT16 -> new double[] {Short.MIN_VALUE, Short.MAX_VALUE};
          case UINT16 -> new double[] {0, 0xFFFF};
          case INT32 -> new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
          case UINT32 -> new double[] {0, 0xFFFF_FFFFL};
          case FLOAT32, FLOAT64 ->
              throw new IllegalStateException("a measured point always has a configured range");
        };
    double a = raw[0] * scale + offset;
    double b = raw[1] * scale + offset;
    return List.of(Math.min(a, b), Math.max(a, b));
  }

  private static AlarmLimits limits(LimitsEntry entry) {
    if (entry == null) {
      return AlarmLimits.NONE;
    }
    return new AlarmLimits(
        firstSet(entry.hihi(), Double.NaN),
        firstSet(entry.hi(), Double.NaN),
        firstSet(entry.lo(), Double.NaN),
        firstSet(entry.lolo(), Double.NaN),
        firstSet(entry.deadband(), 0.0),
        firstSet(entry.onDelayMs(), 0L),
        firstSet(entry.offDelayMs(), 0L),
        firstSet(entry.priority(), 0),
        firstSet(entry.rateOfChange(), Double.NaN),
        doseRate(entry.doseRate()),
        emission(entry.emission()));
  }

  private static DoseRateLevels doseRate(DoseRateEntry entry) {
    if (entry == null) {
      return null;
    }
    return new DoseRateLevels(
        entry.baselineDays() == null
            ? DoseRateLevels.DEFAULT_BASELINE_WINDOW_MS
            : Math.round(entry.baselineDays() * 86_400_000),
        firstSet(entry.investigationSigmas(), DoseRateLevels.DEFAULT_INVESTIGATION_SIGMAS),
        firstSet(entry.alarmSigmas(), DoseRateLevels.DEFAULT_ALARM_SIGMAS),
        firstSet(entry.investigationLevel(), Double.NaN),
        firstSet(entry.alarmLevel(), Double.NaN),
        firstSet(entry.confirmSamples(), DoseRateLevels.DEFAULT_CONFIRM_SAMPLES),
        entry.rainPoint(),
        firstSet(entry.rainAllowance(), DoseRateLevels.DEFAULT_RAIN_ALLOWANCE),
        entry.rainHoldoffHours() == null
            ? DoseRateLevels.DEFAULT_RAIN_HOLDOFF_MS
            : Math.round(entry.rainHoldoffHours() * 3_600_000));
  }

  private static EmissionLimit emission(EmissionEntry entry) {
    if (entry == null) {
      return null;
    }
    return new EmissionLimit(
        entry.limit(), firstSet(entry.referenceO2(), Double.NaN), entry.o2Point());
  }

  /** The first value that is set: an override's, then the template's, then the default. */
  @SafeVarargs
  private static <T> T firstSet(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
