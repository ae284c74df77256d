package io.helan.config;

import io.helan.config.SiteDocument.DeviceEntry;
import io.helan.config.SiteDocument.DeviceTypeEntry;
import io.helan.config.SiteDocument.ForwardEntry;
import io.helan.config.SiteDocument.PointEntry;
import io.helan.config.SiteDocument.StationEntry;
import io.helan.config.SiteDocument.UpstreamEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads and checks the {@code upstreams} section of a site file: the platforms this node forwards
 * data to, and which devices go to each under which MN. Each problem is reported at its key path.
 */
final class UpstreamSection {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /** A device of the document: its site-wide id, type and connection as read. */
  private record KnownDevice(DeviceTypeEntry type, Connection connection) {}

  private final BiConsumer<String, String> report;
  private final Map<String, KnownDevice> devices = new HashMap<>();
  private boolean failed;

  private UpstreamSection(BiConsumer<String, String> report) {
    this.report = report;
  }

  /**
   * The upstreams of the document, or an empty list if any is wrong (each problem reported).
   *
   * @param connections the devices' connections as the validator read them
   */
  static List<Upstream> read(
      SiteDocument document,
      Map<DeviceEntry, Connection> connections,
      BiConsumer<String, String> report) {
    UpstreamSection section = new UpstreamSection(report);
    Map<String, DeviceTypeEntry> types = new HashMap<>();
    for (DeviceTypeEntry type : document.deviceTypes()) {
      if (type != null && type.id() != null) {
        types.put(type.id(), type);
      }
    }
    for (StationEntry station : document.stations()) {
      if (station == null) {
        continue;
      }
      for (DeviceEntry device : station.devices()) {
        if (device != null && types.containsKey(device.type())) {
          section.devices.put(
              station.id() + "." + device.id(),
              new KnownDevice(types.get(device.type()), connections.get(device)));
        }
      }
    }
    List<Upstream> upstreams = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < document.upstreams().size(); i++) {
      String path = "upstreams[" + i + "]";
      UpstreamEntry entry = document.upstreams().get(i);
      if (entry == null) {
        section.problem(path, "empty entry");
        continue;
      }
      Upstream upstream = section.upstream(path, entry);
      if (upstream != null && !ids.add(upstream.id())) {
        section.problem(path + ".id", "duplicate upstream id '" + upstream.id() + "'");
      }
      upstreams.add(upstream);
    }
    return section.failed ? List.of() : List.copyOf(upstreams);
  }

  private Upstream upstream(String path, UpstreamEntry entry) {
    boolean ok = true;
    if (entry.id() == null || !ID.matcher(entry.id()).matches()) {
      ok =
          problem(
              path + ".id", "required: kebab case, lower-case letters and digits joined by '-'");
    }
    if (entry.host() == null || entry.host().isBlank()) {
      ok = problem(path + ".host", "required: where the upstream platform listens");
    }
    if (entry.port() == null || entry.port() < 1 || entry.port() > 65535) {
      ok = problem(path + ".port", "required: the upstream's HJ 212 port, 1 to 65535");
    }
    String password = password(path, entry);
    ok &= password != null;
    ok &= positive(path + ".timeoutMs", entry.timeoutMs(), Integer.MAX_VALUE);
    if (entry.retries() != null && entry.retries() < 0) {
      ok = problem(path + ".retries", "must not be negative");
    }
    ok &= positive(path + ".realTimeIntervalSeconds", entry.realTimeIntervalSeconds(), 3600);
    ok &= positive(path + ".maxQueuedRecords", entry.maxQueuedRecords(), Integer.MAX_VALUE);
    List<Upstream.ForwardedDevice> forwarded = new ArrayList<>();
    if (entry.devices().isEmpty()) {
      ok = problem(path + ".devices", "required: the devices whose data goes upstream");
    }
    Set<String> mns = new HashSet<>();
    for (int i = 0; i < entry.devices().size(); i++) {
      String devicePath = path + ".devices[" + i + "]";
      Upstream.ForwardedDevice device = forwarded(devicePath, entry.devices().get(i));
      if (device == null) {
        ok = false;
      } else if (!mns.add(device.mn())) {
        ok = problem(devicePath + ".mn", "MN '" + device.mn() + "' is already forwarded here");
      } else {
        forwarded.add(device);
      }
    }
    if (!ok) {
      return null;
    }
    return new Upstream(
        entry.id(),
        entry.host().trim(),
        entry.port(),
        password,
        orDefault(entry.timeoutMs(), Hj212Connection.DEFAULT_TIMEOUT_MS),
        orDefault(entry.retries(), Hj212Connection.DEFAULT_RETRIES),
        orDefault(entry.realTimeIntervalSeconds(), Upstream.DEFAULT_REAL_TIME_INTERVAL_SECONDS),
        orDefault(entry.maxQueuedRecords(), Upstream.DEFAULT_MAX_QUEUED_RECORDS),
        forwarded);
  }

  /** The password as written, or read from {@code passwordFile} (so it stays out of the site). */
  private String password(String path, UpstreamEntry entry) {
    if ((entry.password() == null) == (entry.passwordFile() == null)) {
      problem(path + ".password", "set one of password or passwordFile");
      return null;
    }
    String key = entry.password() != null ? ".password" : ".passwordFile";
    String password = entry.password();
    if (password == null) {
      try {
        password = Files.readString(Path.of(entry.passwordFile()), StandardCharsets.UTF_8).trim();
      } catch (IOException | RuntimeException e) {
        problem(path + key, "cannot read '" + entry.passwordFile() + "': " + e.getMessage());
        return null;
      }
    }
    if (!Hj212ConnectionType.PASSWORD.matcher(password).matches()) {
      problem(path + key, "password must be 1 to 16 characters without ; , = & or spaces");
      return null;
    }
    return password;
  }

  private Upstream.ForwardedDevice forwarded(String path, ForwardEntry entry) {
    if (entry == null) {
      problem(path, "empty entry");
      return null;
    }
    KnownDevice device = entry.device() == null ? null : devices.get(entry.device());
    if (device == null) {
      problem(path + ".device", "unknown device '" + entry.device() + "' (station.device)");
      return null;
    }
    String mn = entry.mn();
    if (mn == null && device.connection() instanceof Hj212Connection logger) {
      mn = logger.stationCode();
    }
    if (mn == null) {
      problem(path + ".mn", "required: the MN the upstream knows the device by");
      return null;
    }
    if (!Hj212ConnectionType.STATION_CODE.matcher(mn).matches()) {
      problem(path + ".mn", "MN '" + mn + "' is not 1 to 24 letters or digits");
      return null;
    }
    Integer st = entry.st();
    if (st == null && Hj212Connection.PROTOCOL.equals(device.type().protocol())) {
      st = systemCodeOf(device.type());
    }
    if (st == null || st < 1 || st > 99) {
      problem(
          path + ".st",
          "required: the system code, 1 to 99 (21 surface water, 22 air quality, 31 flue gas,"
              + " 32 wastewater, ...)");
      return null;
    }
    return new Upstream.ForwardedDevice(entry.device(), mn, st);
  }

  /** A logger measuring water codes (w...) is a wastewater outlet (32), else flue gas (31). */
  private static int systemCodeOf(DeviceTypeEntry type) {
    for (PointEntry point : type.points()) {
      if (point != null && point.code() != null && point.code().startsWith("w")) {
        return 32;
      }
    }
    return 31;
  }

  private boolean positive(String path, Integer value, int max) {
    return value == null || (value > 0 && value <= max) || problem(path, "must be 1 to " + max);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  /** Reports a problem; returns false so a check can end with it. */
  private boolean problem(String path, String message) {
    failed = true;
    report.accept(path, message);
    return false;
  }
}
