package io.helan.alarms;

import io.helan.config.AlarmLimits;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.config.Upstream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every alarm the site defines, numbered: per device communication loss, stale data and device
 * fault; per point the alarms its limits ask for; and the server's own alarms. Built once at start;
 * read by every thread.
 */
final class AlarmCatalog {
  /** The source of the server's own alarms; it belongs to no station. */
  static final String SERVER_SOURCE = "helan:server";

  private final Site site;
  private final List<Device> devices;
  private final List<AlarmDefinition> definitions = new ArrayList<>();
  private final Map<String, AlarmDefinition> byId = new HashMap<>();
  private final Map<String, Integer> devicePositions = new HashMap<>();
  private final int[] deviceOfPoint;

  /** Slots of point p are pointSlots[p] (inclusive) to pointSlots[p + 1] (exclusive). */
  private final int[] pointSlots;

  private final int[][] deviceSlots;
  private final int journalRejectsSlot;
  private final Map<String, Integer> upstreamDropSlots = new HashMap<>();

  /** Index of the rain point of each dose-rate point's device, or -1. */
  private final int[] rainPointOf;

  /** Index of the O2 point of each pollutant point with a converted emission limit, or -1. */
  private final int[] o2PointOf;

  AlarmCatalog(Site site, AlarmSettings settings) {
    this.site = site;
    this.devices = site.devices();
    int pointCount = site.points().size();
    deviceOfPoint = new int[pointCount];
    pointSlots = new int[pointCount + 1];
    rainPointOf = new int[pointCount];
    o2PointOf = new int[pointCount];
    Arrays.fill(rainPointOf, -1);
    Arrays.fill(o2PointOf, -1);
    deviceSlots = new int[devices.size()][AlarmKind.values().length];

    for (int d = 0; d < devices.size(); d++) {
      Device device = devices.get(d);
      devicePositions.put(device.id(), d);
      Arrays.fill(deviceSlots[d], -1);
      for (Point point : device.points()) {
        deviceOfPoint[point.index()] = d;
      }
      String region = regionOf(device.stationId());
      deviceSlots[d][AlarmKind.COMMUNICATION_LOSS.ordinal()] =
          addDeviceAlarm(
              device, region, AlarmKind.COMMUNICATION_LOSS, settings.commLossOnDelay().toMillis());
      // a device that pushes at its own pace (HJ 212) has no known interval to be late against
      if (settings.staleFactor() > 0 && deliveryInterval(device) > 0) {
        deviceSlots[d][AlarmKind.STALE_DATA.ordinal()] =
            addDeviceAlarm(device, region, AlarmKind.STALE_DATA, 0);
      }
      deviceSlots[d][AlarmKind.DEVICE_FAULT.ordinal()] =
          addDeviceAlarm(device, region, AlarmKind.DEVICE_FAULT, 0);
      if (isSourceMonitor(device)) {
        deviceSlots[d][AlarmKind.SOURCE_OUT_OF_FENCE.ordinal()] =
            add(
                device.id(),
                site.station(device.stationId()).map(Station::name).orElse(device.name()),
                "m",
                device.stationId(),
                region,
                AlarmKind.SOURCE_OUT_OF_FENCE,
                AlarmKind.SOURCE_OUT_OF_FENCE.defaultPriority(),
                Double.NaN,
                0,
                0,
                0);
      }
    }

    for (Point point : site.points()) {
      pointSlots[point.index()] = definitions.size();
      addPointAlarms(point);
    }
    pointSlots[pointCount] = definitions.size();
    journalRejectsSlot =
        add(
            SERVER_SOURCE,
            "Helan 服务器 / server",
            "",
            "",
            "",
            AlarmKind.JOURNAL_ROWS_REJECTED,
            AlarmKind.JOURNAL_ROWS_REJECTED.defaultPriority(),
            Double.NaN,
            0,
            0,
            0);
    for (Upstream upstream : site.upstreams()) {
      upstreamDropSlots.put(
          upstream.id(),
          add(
              SERVER_SOURCE + ":upstream:" + upstream.id(),
              "上级平台 " + upstream.id() + " / upstream " + upstream.id(),
              "",
              "",
              "",
              AlarmKind.UPSTREAM_RECORDS_DROPPED,
              AlarmKind.UPSTREAM_RECORDS_DROPPED.defaultPriority(),
              Double.NaN,
              0,
              0,
              0));
    }
  }

  /**
   * A radioactive source's monitor: a device reporting a position at a radiation-source station.
   */
  private boolean isSourceMonitor(Device device) {
    return site.station(device.stationId()).map(Station::kind).orElse(null)
            == StationKind.RADIATION_SOURCE
        && site.point(device.id() + ".latitude").isPresent()
        && site.point(device.id() + ".longitude").isPresent();
  }

  private void addPointAlarms(Point point) {
    AlarmLimits limits = point.limits();
    int priority = limits.priority();
    addLimit(point, AlarmKind.HIHI, limits.hihi(), urgentTier(priority));
    addLimit(point, AlarmKind.HI, limits.hi(), priority);
    addLimit(point, AlarmKind.LO, limits.lo(), priority);
    addLimit(point, AlarmKind.LOLO, limits.lolo(), urgentTier(priority));
    addLimit(point, AlarmKind.RATE_OF_CHANGE, limits.rateOfChange(), priority);
    if (limits.doseRate() != null) {
      addPointAlarm(point, AlarmKind.DOSE_RATE_INVESTIGATION, Double.NaN, priority);
      addPointAlarm(point, AlarmKind.DOSE_RATE_ALARM, Double.NaN, urgentTier(priority));
      String rain = limits.doseRate().rainPoint();
      if (rain != null) {
        rainPointOf[point.index()] = siblingPoint(point, rain, "rain point").index();
      }
    }
    if (limits.emission() != null) {
      addPointAlarm(point, AlarmKind.EMISSION_EXCEEDANCE, limits.emission().limit(), priority);
      if (limits.emission().convertsToReferenceO2()) {
        o2PointOf[point.index()] =
            siblingPoint(point, limits.emission().o2Point(), "O2 point").index();
      }
    }
  }

  private void addLimit(Point point, AlarmKind kind, double limit, int priority) {
    if (!Double.isNaN(limit)) {
      addPointAlarm(point, kind, limit, priority);
    }
  }

  private void addPointAlarm(Point point, AlarmKind kind, double limit, int priority) {
    AlarmLimits limits = point.limits();
    boolean delayed = kind != AlarmKind.EMISSION_EXCEEDANCE;
    add(
        point.id(),
        point.name(),
        point.unit() == null ? "" : point.unit(),
        point.stationId(),
        regionOf(point.stationId()),
        kind,
        priority > 0 ? priority : kind.defaultPriority(),
        limit,
        limits.deadband(),
        delayed ? limits.onDelayMs() : 0,
        delayed ? limits.offDelayMs() : 0);
  }

  private int addDeviceAlarm(Device device, String region, AlarmKind kind, long onDelayMs) {
    return add(
        device.id(),
        device.name(),
        "",
        device.stationId(),
        region,
        kind,
        kind.defaultPriority(),
        Double.NaN,
        0,
        onDelayMs,
        0);
  }

  private int add(
      String source,
      String sourceName,
      String unit,
      String stationId,
      String regionId,
      AlarmKind kind,
      int priority,
      double limit,
      double deadband,
      long onDelayMs,
      long offDelayMs) {
    int slot = definitions.size();
    AlarmDefinition definition =
        new AlarmDefinition(
            slot,
            AlarmDefinition.idOf(source, kind),
            source,
            sourceName,
            unit,
            stationId,
            regionId,
            kind,
            Math.max(1, Math.min(4, priority)),
            limit,
            deadband,
            onDelayMs,
            offDelayMs);
    definitions.add(definition);
    byId.put(definition.id(), definition);
    return slot;
  }

  /**
   * HIHI, LOLO and the dose-rate alarm level are one step more urgent than the point's priority.
   */
  private static int urgentTier(int priority) {
    return priority > 0 ? Math.max(1, priority - 1) : 0;
  }

  private Point siblingPoint(Point point, String name, String what) {
    String id = point.deviceId() + "." + name;
    return site.point(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "point "
                        + point.id()
                        + " names "
                        + what
                        + " '"
                        + name
                        + "', but its device has no point "
                        + id));
  }

  private String regionOf(String stationId) {
    return site.station(stationId).map(Station::regionId).orElse("");
  }

  Site site() {
    return site;
  }

  List<Device> devices() {
    return devices;
  }

  List<AlarmDefinition> definitions() {
    return definitions;
  }

  AlarmDefinition definition(int slot) {
    return definitions.get(slot);
  }

  int size() {
    return definitions.size();
  }

  Optional<AlarmDefinition> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  int deviceOfPoint(int point) {
    return deviceOfPoint[point];
  }

  int devicePosition(String deviceId) {
    Integer position = devicePositions.get(deviceId);
    return position == null ? -1 : position;
  }

  int firstSlot(int point) {
    return pointSlots[point];
  }

  int endSlot(int point) {
    return pointSlots[point + 1];
  }

  /** The slot of a device alarm of this kind, or -1 when the device has none. */
  int deviceSlot(int device, AlarmKind kind) {
    return deviceSlots[device][kind.ordinal()];
  }

  /** The server's alarm for journal rows it could not restore. */
  /** The slot of the alarm for records dropped for the upstream, or -1 if there is none. */
  int upstreamDropSlot(String upstreamId) {
    return upstreamDropSlots.getOrDefault(upstreamId, -1);
  }

  int journalRejectsSlot() {
    return journalRejectsSlot;
  }

  int rainPointOf(int point) {
    return rainPointOf[point];
  }

  int o2PointOf(int point) {
    return o2PointOf[point];
  }

  /**
   * How long a connected device may stay silent: a multiple of the interval at which it delivers
   * data (poll interval, or OPC UA publishing interval), never less than the minimum.
   */
  long staleAfterMillis(int device, AlarmSettings settings) {
    return Math.max(
        settings.staleMinimum().toMillis(),
        settings.staleFactor() * deliveryInterval(devices.get(device)));
  }

  /** How often the device delivers data (poll or publishing interval), 0 when unknown. */
  private static long deliveryInterval(Device device) {
    return device.connection().updateIntervalMs();
  }
}
