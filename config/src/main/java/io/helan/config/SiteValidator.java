package io.helan.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.helan.config.SiteDocument.BoundsEntry;
import io.helan.config.SiteDocument.CommandEntry;
import io.helan.config.SiteDocument.DeviceEntry;
import io.helan.config.SiteDocument.DeviceTypeEntry;
import io.helan.config.SiteDocument.DoseRateEntry;
import io.helan.config.SiteDocument.EmergencyEntry;
import io.helan.config.SiteDocument.EmissionEntry;
import io.helan.config.SiteDocument.LimitsEntry;
import io.helan.config.SiteDocument.LocationEntry;
import io.helan.config.SiteDocument.PointEntry;
import io.helan.config.SiteDocument.PointOverride;
import io.helan.config.SiteDocument.QualityEntry;
import io.helan.config.SiteDocument.RegionEntry;
import io.helan.config.SiteDocument.RunningWhileEntry;
import io.helan.config.SiteDocument.SiteHeader;
import io.helan.config.SiteDocument.StationEntry;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a parsed site document against the rules of the site format (config/README.md) and reports
 * every violation with its key path. Checks go on past a bad value wherever the rest can still be
 * judged, so one run lists every problem of the file.
 */
final class SiteValidator {

  /** Kebab case: ids appear in URLs and are joined with dots into device and point ids. */
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  private final LocationIndex locations;
  private final ConfigErrors errors;
  private final Map<String, RegionEntry> regions = new HashMap<>();
  private final Map<String, DeviceTypeEntry> deviceTypes = new HashMap<>();
  private final Map<String, String> deviceTypePaths = new HashMap<>();

  /**
   * Problems a protocol found with a device type's addresses, once however many devices share it.
   */
  private final Set<String> addressProblems = new HashSet<>();

  private final Map<String, ConnectionType> protocols = new HashMap<>();
  private final ConnectionTypes connectionTypes;
  private final Map<DeviceEntry, Connection> connections = new IdentityHashMap<>();
  private List<Upstream> upstreams = List.of();

  SiteValidator(LocationIndex locations, ConfigErrors errors, ConnectionTypes connectionTypes) {
    this.locations = locations;
    this.errors = errors;
    this.connectionTypes = connectionTypes;
  }

  /** The connection of each device read so far, as its protocol's type read it. */
  Map<DeviceEntry, Connection> connections() {
    return connections;
  }

  void validate(SiteDocument document) {
    checkHeader(document.site());
    checkRegions(document.regions());
    checkDeviceTypes(document.deviceTypes());
    checkStations(document.stations());
    checkEmergency(document.emergency(), document.stations());
    upstreams = UpstreamSection.read(document, connections, this::report);
  }

  /** The upstreams as read by {@link #validate}. */
  List<Upstream> upstreams() {
    return upstreams;
  }

  private void checkEmergency(EmergencyEntry emergency, List<StationEntry> stations) {
    if (emergency == null) {
      return;
    }
    checkPositive("emergency.radiusKm", emergency.radiusKm());
    checkPositive("emergency.highFrequencySeconds", emergency.highFrequencySeconds());
    checkPositive("emergency.routineSeconds", emergency.routineSeconds());
    checkPositive("emergency.cloudDoseFactor", emergency.cloudDoseFactor());
    checkPositive("emergency.ambientDosePerAirKerma", emergency.ambientDosePerAirKerma());
    BoundsEntry bounds = emergency.bounds();
    if (bounds != null) {
      checkCoordinate("emergency.bounds.south", "latitude", bounds.south(), 90);
      checkCoordinate("emergency.bounds.north", "latitude", bounds.north(), 90);
      checkCoordinate("emergency.bounds.west", "longitude", bounds.west(), 180);
      checkCoordinate("emergency.bounds.east", "longitude", bounds.east(), 180);
      if (bounds.south() != null
          && bounds.north() != null
          && bounds.west() != null
          && bounds.east() != null
          && !(bounds.south() < bounds.north() && bounds.west() < bounds.east())) {
        report("emergency.bounds", "south must be below north and west below east");
      }
    }
    Set<String> stationIds = new HashSet<>();
    for (StationEntry station : stations) {
      if (station != null && station.id() != null) {
        stationIds.add(station.id());
      }
    }
    emergency
        .plans()
        .forEach(
            (key, plan) -> {
              String path = "emergency.plans." + key;
              requireKey(
                  path,
                  key,
                  EmergencyClass::fromKey,
                  "emergency class",
                  keysOf(EmergencyClass.values(), EmergencyClass::key));
              if (plan == null) {
                report(path, "empty plan");
                return;
              }
              checkPositive(path + ".intervalSeconds", plan.intervalSeconds());
              checkStationIds(path + ".stations", plan.stations(), stationIds);
              checkStationIds(path + ".samplers", plan.samplers(), stationIds);
              for (int i = 0; i < plan.notifications().size(); i++) {
                requireText(path + ".notifications[" + i + "]", plan.notifications().get(i));
              }
            });
  }

  private void checkStationIds(String path, List<String> ids, Set<String> known) {
    for (int i = 0; i < ids.size(); i++) {
      if (!known.contains(ids.get(i))) {
        report(path + "[" + i + "]", "unknown station '" + ids.get(i) + "'");
      }
    }
  }

  private void checkHeader(SiteHeader site) {
    if (site == null) {
      report("site", "required: site: {id, name}");
      return;
    }
    checkIdSyntax("site.id", site.id());
    requireText("site.name", site.name());
  }

  private void checkRegions(List<RegionEntry> entries) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = "regions[" + i + "]";
      RegionEntry region = entries.get(i);
      if (region == null) {
        report(path, "empty entry");
        continue;
      }
      checkUniqueId(path + ".id", region.id(), "region", seen);
      requireText(path + ".name", region.name());
      if (region.id() != null) {
        regions.putIfAbsent(region.id(), region);
      }
    }
  }

  private void checkDeviceTypes(List<DeviceTypeEntry> entries) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = "deviceTypes[" + i + "]";
      DeviceTypeEntry type = entries.get(i);
      if (type == null) {
        report(path, "empty entry");
        continue;
      }
      checkUniqueId(path + ".id", type.id(), "device type", seen);
      requireText(path + ".name", type.name());
      Optional<ConnectionType> protocol =
          requireKey(
              path + ".protocol",
              type.protocol(),
              id -> connectionTypes.find(id).orElseThrow(IllegalArgumentException::new),
              "protocol",
              String.join(", ", connectionTypes.protocols()));
      if (type.id() != null) {
        deviceTypes.putIfAbsent(type.id(), type);
        deviceTypePaths.putIfAbsent(type.id(), path);
        protocol.ifPresent(p -> protocols.putIfAbsent(type.id(), p));
      }
      checkPoints(path, type.points(), protocol);
      checkQuality(path + ".quality", type.quality());
      checkCommands(path, type.commands(), protocol, type.points());
    }
  }

  private void checkPoints(
      String typePath, List<PointEntry> points, Optional<ConnectionType> protocol) {
    if (points.isEmpty()) {
      report(typePath + ".points", "a device type needs at least one point");
      return;
    }
    Map<String, String> seen = new HashMap<>();
    Optional<ConnectionType.PointAddressCheck> addressCheck =
        protocol.map(ConnectionType::newPointAddressCheck);
    for (int i = 0; i < points.size(); i++) {
      String path = typePath + ".points[" + i + "]";
      PointEntry point = points.get(i);
      if (point == null) {
        report(path, "empty entry");
        continue;
      }
      checkUniqueId(path + ".id", point.id(), "point", seen);
      requireText(path + ".name", point.name());
      Optional<DataType> dataType =
          point.dataType() == null
              ? protocol.map(ConnectionType::defaultDataType)
              : requireKey(
                  path + ".dataType",
                  point.dataType(),
                  DataType::fromKey,
                  "data type",
                  keysOf(DataType.values(), DataType::key));
      if (requireText(path + ".address", point.address()) && protocol.isPresent()) {
        if (dataType.isPresent()) {
          addressCheck
              .get()
              .check(
                  point.id() == null ? path : point.id(),
                  point.address(),
                  dataType.get(),
                  (key, message) -> report(path + "." + key, message));
        } else {
          protocol
              .get()
              .checkPointAddress(point.address())
              .ifPresent(message -> report(path + ".address", message));
        }
      }
      if (dataType.isPresent() && SiteDocument.isMeasured(dataType.get())) {
        String why = "required for a measured (" + dataType.get().key() + ") point";
        if (point.unit() == null) {
          report(path + ".unit", why + "; write unit: \"\" for a dimensionless value");
        }
        if (point.range() == null) {
          report(path + ".range", why + ": [low, high] of the instrument");
        }
      }
      checkScaling(path, point.scale(), point.offset());
      checkRange(path + ".range", point.range());
      checkLimits(path + ".limits", point.limits(), pointIds(points));
      checkQuality(path + ".quality", point.quality());
    }
  }

  private void checkCommands(
      String typePath,
      List<CommandEntry> commands,
      Optional<ConnectionType> protocol,
      List<PointEntry> points) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < commands.size(); i++) {
      String path = typePath + ".commands[" + i + "]";
      CommandEntry command = commands.get(i);
      if (command == null) {
        report(path, "empty entry");
        continue;
      }
      checkUniqueId(path + ".id", command.id(), "command", seen);
      Optional<CommandKind> kind =
          requireKey(
              path + ".kind",
              command.kind(),
              CommandKind::fromKey,
              "command kind",
              keysOf(CommandKind.values(), CommandKind::key));
      requireText(path + ".name", command.name());
      if (requireText(path + ".target", command.target()) && protocol.isPresent()) {
        protocol
            .get()
            .checkCommandTarget(command.target())
            .ifPresent(message -> report(path + ".target", message));
      }
      if (command.durationSeconds() != null && command.durationSeconds() < 0) {
        report(path + ".durationSeconds", "must not be negative");
      }
      if (kind.isPresent() && protocol.isPresent()) {
        new ParameterTargets(protocol.get(), kind.get(), path + ".parameters", this::report)
            .check(command.parameters());
      }
      if (command.runningWhile() != null && kind.isPresent()) {
        checkRunningWhile(path + ".runningWhile", command.runningWhile(), kind.get(), points);
      }
    }
  }

  /** The point must be one of the type's, and a mask needs a point that holds whole numbers. */
  private void checkRunningWhile(
      String path, RunningWhileEntry runningWhile, CommandKind kind, List<PointEntry> points) {
    if (!kind.hasEffectPeriod()) {
      report(
          path,
          kind.key()
              + " has no effect period to report: runningWhile applies to "
              + Arrays.stream(CommandKind.values())
                  .filter(CommandKind::hasEffectPeriod)
                  .map(CommandKind::key)
                  .collect(Collectors.joining(", ")));
      return;
    }
    if (!requireText(path + ".point", runningWhile.point())) {
      return;
    }
    Optional<PointEntry> point =
        points.stream().filter(p -> p != null && runningWhile.point().equals(p.id())).findFirst();
    if (point.isEmpty()) {
      checkSibling(path + ".point", runningWhile.point(), pointIds(points));
      return;
    }
    Long mask = runningWhile.mask();
    if (mask == null) {
      return;
    }
    if (mask <= 0 || mask > 0xFFFF_FFFFL) {
      report(path + ".mask", "mask must be a positive bit mask of at most 32 bits, got " + mask);
    } else if (point.get().dataType() == null || point.get().dataType().startsWith("float")) {
      report(
          path + ".mask",
          "point '"
              + runningWhile.point()
              + "' is not an integer point: a mask needs a dataType such as uint16");
    }
  }

  private void checkStations(List<StationEntry> stations) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < stations.size(); i++) {
      String path = "stations[" + i + "]";
      StationEntry station = stations.get(i);
      if (station == null) {
        report(path, "empty entry");
        continue;
      }
      checkUniqueId(path + ".id", station.id(), "station", seen);
      requireText(path + ".name", station.name());
      requireKey(
          path + ".kind",
          station.kind(),
          StationKind::fromKey,
          "station kind",
          keysOf(StationKind.values(), StationKind::key));
      if (requireText(path + ".region", station.region())
          && !regions.containsKey(station.region())) {
        report(
            path + ".region",
            "unknown region '"
                + station.region()
                + "' (regions: "
                + idList(regions.keySet())
                + ")");
      }
      checkLocation(path + ".location", station.location());
      checkDevices(path, station.devices());
    }
  }

  private void checkLocation(String path, LocationEntry location) {
    if (location == null) {
      report(path, "required: location: {lat, lon}");
      return;
    }
    checkCoordinate(path + ".lat", "latitude", location.lat(), 90);
    checkCoordinate(path + ".lon", "longitude", location.lon(), 180);
  }

  private void checkCoordinate(String path, String what, Double value, double bound) {
    if (value == null) {
      report(path, "required");
    } else if (!(value >= -bound && value <= bound)) {
      report(
          path,
          what + " " + format(value) + " out of range -" + format(bound) + ".." + format(bound));
    }
  }

  private void checkDevices(String stationPath, List<DeviceEntry> devices) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      String path = stationPath + ".devices[" + i + "]";
      DeviceEntry device = devices.get(i);
      if (device == null) {
        report(path, "empty entry");
        continue;
      }
      checkUniqueId(path + ".id", device.id(), "device", seen);
      if (device.name() != null && device.name().isBlank()) {
        report(path + ".name", "must not be empty (leave it out to use the device type's name)");
      }
      if (!requireText(path + ".type", device.type())) {
        continue;
      }
      DeviceTypeEntry type = deviceTypes.get(device.type());
      if (type == null) {
        report(
            path + ".type",
            "unknown device type '"
                + device.type()
                + "' (device types: "
                + idList(deviceTypes.keySet())
                + ")");
        continue;
      }
      ConnectionType protocol = protocols.get(device.type());
      if (protocol != null) {
        readConnection(path + ".connection", protocol, device);
        Connection connection = connections.get(device);
        if (connection != null) {
          protocol.checkDeviceAddresses(
              connection, addressesOf(device.type()), this::reportAddressProblem);
        }
      }
      checkOverrides(path, device.points(), type);
    }
  }

  private void readConnection(String path, ConnectionType protocol, DeviceEntry device) {
    JsonNode block = device.connection();
    if (block == null || block.isNull()) {
      if (protocol.connectionRequired()) {
        report(path, "required for " + protocol.protocol() + " devices");
        return;
      }
    } else if (!block.isObject()) {
      report(path, "expected a mapping of connection settings");
      return;
    }
    Connection connection =
        protocol.read(new ConnectionSettings(protocol.protocol(), block, path, this::report));
    if (connection != null) {
      connections.put(device, connection);
    }
  }

  /** The addresses of a device type's points and command targets, by their key paths. */
  private Map<String, String> addressesOf(String typeId) {
    DeviceTypeEntry type = deviceTypes.get(typeId);
    String typePath = deviceTypePaths.get(typeId);
    Map<String, String> addresses = new LinkedHashMap<>();
    for (int i = 0; i < type.points().size(); i++) {
      PointEntry point = type.points().get(i);
      if (point != null && point.address() != null && !point.address().isBlank()) {
        addresses.put(typePath + ".points[" + i + "].address", point.address());
      }
    }
    for (int i = 0; i < type.commands().size(); i++) {
      CommandEntry command = type.commands().get(i);
      if (command != null && command.target() != null && !command.target().isBlank()) {
        addresses.put(typePath + ".commands[" + i + "].target", command.target());
      }
    }
    return addresses;
  }

  private void reportAddressProblem(String path, String message) {
    if (addressProblems.add(path + "\n" + message)) {
      report(path, message);
    }
  }

  private void checkOverrides(
      String devicePath, List<PointOverride> overrides, DeviceTypeEntry type) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < overrides.size(); i++) {
      String path = devicePath + ".points[" + i + "]";
      PointOverride override = overrides.get(i);
      if (override == null) {
        report(path, "empty entry");
        continue;
      }
      if (requireText(path + ".id", override.id())) {
        boolean inType =
            type.points().stream().anyMatch(p -> p != null && override.id().equals(p.id()));
        if (!inType) {
          report(
              path + ".id", "device type '" + type.id() + "' has no point '" + override.id() + "'");
        } else {
          checkUniqueId(path + ".id", override.id(), "point override", seen);
        }
      }
      if (override.name() != null && override.name().isBlank()) {
        report(path + ".name", "must not be empty");
      }
      checkScaling(path, override.scale(), override.offset());
      checkRange(path + ".range", override.range());
      checkLimits(path + ".limits", override.limits(), pointIds(type.points()));
      checkQuality(path + ".quality", override.quality());
    }
  }

  private void checkScaling(String pointPath, Double scale, Double offset) {
    if (scale != null && (scale == 0 || !Double.isFinite(scale))) {
      report(pointPath + ".scale", "scale must be a finite number other than 0");
    }
    if (offset != null && !Double.isFinite(offset)) {
      report(pointPath + ".offset", "offset must be a finite number");
    }
  }

  private void checkRange(String path, List<Double> range) {
    if (range == null) {
      return;
    }
    if (range.size() != 2 || range.contains(null)) {
      report(path, "range must be two numbers: [low, high]");
      return;
    }
    double low = range.get(0);
    double high = range.get(1);
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      report(path, "range must be finite numbers");
    } else if (low >= high) {
      report(path, "range low " + format(low) + " must be below high " + format(high));
    }
  }

  /** Data-quality rules: a plausible range, positive durations and limits. */
  private void checkQuality(String path, QualityEntry quality) {
    if (quality == null) {
      return;
    }
    checkRange(path + ".range", quality.range());
    checkPositive(path + ".flatlineMinutes", quality.flatlineMinutes());
    if (quality.flatlineTolerance() != null && !(quality.flatlineTolerance() >= 0)) {
      report(path + ".flatlineTolerance", "must not be negative");
    }
    checkPositive(path + ".spike", quality.spike());
    checkPositive(path + ".ratePerMinute", quality.ratePerMinute());
    checkPositive(path + ".staleMinutes", quality.staleMinutes());
  }

  /**
   * Limits that are set must rise from lolo to hihi; unset ones are skipped. Points named by the
   * dose-rate and emission blocks must be points of the same device type ({@code siblings}).
   */
  private void checkLimits(String path, LimitsEntry limits, Set<String> siblings) {
    if (limits == null) {
      return;
    }
    List<String> names = List.of("lolo", "lo", "hi", "hihi");
    List<Double> values = Arrays.asList(limits.lolo(), limits.lo(), limits.hi(), limits.hihi());
    String lowerName = null;
    double lower = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < names.size(); i++) {
      Double value = values.get(i);
      if (value == null) {
        continue;
      }
      if (!Double.isFinite(value)) {
        report(path + "." + names.get(i), names.get(i) + " must be a finite number");
      } else if (value < lower) {
        report(
            path + "." + names.get(i),
            names.get(i)
                + " "
                + format(value)
                + " is below "
                + lowerName
                + " "
                + format(lower)
                + " (limits must rise: lolo <= lo <= hi <= hihi)");
      } else {
        lowerName = names.get(i);
        lower = value;
      }
    }
    if (limits.deadband() != null && !(limits.deadband() >= 0)) {
      report(path + ".deadband", "deadband must not be negative");
    }
    if (limits.onDelayMs() != null && limits.onDelayMs() < 0) {
      report(path + ".onDelayMs", "must not be negative");
    }
    if (limits.offDelayMs() != null && limits.offDelayMs() < 0) {
      report(path + ".offDelayMs", "must not be negative");
    }
    if (limits.priority() != null && (limits.priority() < 1 || limits.priority() > 4)) {
      report(path + ".priority", "priority must be 1 (most urgent) to 4");
    }
    if (limits.rateOfChange() != null && !(limits.rateOfChange() > 0)) {
      report(path + ".rateOfChange", "must be a positive change per minute");
    }
    DoseRateEntry dose = limits.doseRate();
    if (dose != null) {
      String dosePath = path + ".doseRate";
      checkPositive(dosePath + ".baselineDays", dose.baselineDays());
      checkPositive(dosePath + ".investigationSigmas", dose.investigationSigmas());
      checkPositive(dosePath + ".alarmSigmas", dose.alarmSigmas());
      checkPositive(dosePath + ".investigationLevel", dose.investigationLevel());
      checkPositive(dosePath + ".alarmLevel", dose.alarmLevel());
      checkPositive(dosePath + ".confirmSamples", dose.confirmSamples());
      if (dose.rainAllowance() != null && !(dose.rainAllowance() >= 0)) {
        report(dosePath + ".rainAllowance", "must not be negative");
      }
      if (dose.rainHoldoffHours() != null && !(dose.rainHoldoffHours() >= 0)) {
        report(dosePath + ".rainHoldoffHours", "must not be negative");
      }
      checkSibling(dosePath + ".rainPoint", dose.rainPoint(), siblings);
    }
    EmissionEntry emission = limits.emission();
    if (emission != null) {
      String emissionPath = path + ".emission";
      if (emission.limit() == null) {
        report(emissionPath + ".limit", "required: the hourly emission limit");
      } else {
        checkPositive(emissionPath + ".limit", emission.limit());
      }
      if (emission.referenceO2() != null
          && !(emission.referenceO2() >= 0 && emission.referenceO2() < 21)) {
        report(emissionPath + ".referenceO2", "reference O2 must be 0 to below 21 %");
      }
      if ((emission.referenceO2() == null) != (emission.o2Point() == null)) {
        report(emissionPath, "referenceO2 and o2Point go together: both or neither");
      }
      checkSibling(emissionPath + ".o2Point", emission.o2Point(), siblings);
    }
  }

  private void checkPositive(String path, Double value) {
    if (value != null && !(value > 0 && Double.isFinite(value))) {
      report(path, "must be a positive number");
    }
  }

  private void checkSibling(String path, String pointId, Set<String> siblings) {
    if (pointId != null && !siblings.contains(pointId)) {
      report(path, "the device type has no point '" + pointId + "'");
    }
  }

  private static Set<String> pointIds(List<PointEntry> points) {
    Set<String> ids = new HashSet<>();
    for (PointEntry point : points) {
      if (point != null && point.id() != null) {
        ids.add(point.id());
      }
    }
    return ids;
  }

  private void checkPositive(String path, Integer value) {
    if (value != null && value <= 0) {
      report(path, "must be positive");
    }
  }

  /** Checks syntax and uniqueness; {@code seen} maps ids to the path where each first appeared. */
  private void checkUniqueId(String path, String id, String what, Map<String, String> seen) {
    if (!checkIdSyntax(path, id)) {
      return;
    }
    String first = seen.putIfAbsent(id, path);
    if (first != null) {
      report(
          path,
          "duplicate "
              + what
              + " id '"
              + id
              + "' (first at line "
              + locations.locate(first).line()
              + ")");
    }
  }

  private boolean checkIdSyntax(String path, String id) {
    if (!requireText(path, id)) {
      return false;
    }
    if (!ID.matcher(id).matches()) {
      report(
          path, "id '" + id + "' must be kebab case: lower-case letters and digits joined by '-'");
      return false;
    }
    return true;
  }

  private boolean requireText(String path, String value) {
    if (value == null) {
      report(path, "required");
      return false;
    }
    if (value.isBlank()) {
      report(path, "must not be empty");
      return false;
    }
    return true;
  }

  private <E> Optional<E> requireKey(
      String path, String key, Function<String, E> parse, String what, String allowed) {
    if (!requireText(path, key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(key));
    } catch (IllegalArgumentException e) {
      report(path, "unknown " + what + " '" + key + "' (expected one of: " + allowed + ")");
      return Optional.empty();
    }
  }

  private static <E> String keysOf(E[] values, Function<E, String> key) {
    return Arrays.stream(values).map(key).collect(Collectors.joining(", "));
  }

  private static String idList(Set<String> ids) {
    return ids.isEmpty() ? "none" : ids.stream().sorted().collect(Collectors.joining(", "));
  }

  /** Numbers as written in the file: 500, not 500.0. */
  private static String format(double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : String.valueOf(value);
  }

  private void report(String path, String message) {
    errors.add(locations.locate(path), path, message);
  }
}
