package io.helan.bench;

import io.helan.config.SiteLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The site of a load run: air stations, each an {@code air-analyser-rack} polled over Modbus TCP
 * (11 points), and one radiation station, a {@code gamma-station} subscribed over OPC UA (8
 * points), per {@value #AIR_PER_GAMMA} air stations; regions and device types are the default
 * site's. Written as a site file, with the ports the simulators took.
 *
 * @param airStations Modbus TCP stations
 * @param gammaStations OPC UA stations
 * @param periodMs poll interval of the racks and publishing interval of the gamma stations
 */
record LoadSite(int airStations, int gammaStations, long periodMs) {
  static final int AIR_POINTS = 11;
  static final int GAMMA_POINTS = 8;
  static final int AIR_PER_GAMMA = 20;

  /** The site closest to {@code points} points, read {@code rateHz} times a second. */
  static LoadSite of(int points, double rateHz) {
    int gamma = Math.max(1, points / (AIR_PER_GAMMA * AIR_POINTS + GAMMA_POINTS));
    int air = Math.max(1, (int) Math.ceil((points - gamma * GAMMA_POINTS) / (double) AIR_POINTS));
    return new LoadSite(air, gamma, Math.max(1, Math.round(1000 / rateHz)));
  }

  int points() {
    return airStations * AIR_POINTS + gammaStations * GAMMA_POINTS;
  }

  int devices() {
    return airStations + gammaStations;
  }

  static String airStation(int n) {
    return String.format("load-air-%05d", n);
  }

  static String gammaStation(int n) {
    return String.format("load-gamma-%04d", n);
  }

  /**
   * The site file; a station missing from {@code ports} (station id to port) is at port 1, a
   * placeholder: {@link io.helan.simulator.SimulatedNetwork#onFreePorts} gives it a free port.
   */
  String yaml(Map<String, Integer> ports) {
    StringBuilder yaml = new StringBuilder(defaultSiteHead());
    yaml.append("stations:\n");
    for (int s = 0; s < airStations; s++) {
      String id = airStation(s);
      station(yaml, id, "air-city", s);
      yaml.append("      - id: aqm\n        type: air-analyser-rack\n");
      yaml.append(
          String.format(
              "        connection: {host: 127.0.0.1, port: %d, pollIntervalMs: %d}%n",
              ports.getOrDefault(id, 1), periodMs));
    }
    for (int s = 0; s < gammaStations; s++) {
      String id = gammaStation(s);
      station(yaml, id, "radiation-gamma", s);
      yaml.append("      - id: gamma\n        type: gamma-station\n");
      yaml.append(
          String.format(
              "        connection: {endpointUrl: \"opc.tcp://127.0.0.1:%d/helan/gamma\","
                  + " publishingIntervalMs: %d}%n",
              ports.getOrDefault(id, 1), periodMs));
    }
    return yaml.toString();
  }

  private static void station(StringBuilder yaml, String id, String kind, int n) {
    yaml.append("  - id: ").append(id).append('\n');
    yaml.append("    name: ").append(id).append('\n');
    yaml.append("    nameEn: ").append(id).append('\n');
    yaml.append("    kind: ").append(kind).append('\n');
    yaml.append("    region: yinchuan\n");
    yaml.append(
        String.format(
            "    location: {lat: %.4f, lon: %.4f}%n",
            38.0 + (n % 100) * 0.01, 106.0 + n / 100 * 0.01));
    yaml.append("    devices:\n");
  }

  /**
   * The default site's file up to its stations: site, regions and device types, without its
   * emergency section.
   */
  private static String defaultSiteHead() {
    try (InputStream in =
        SiteLoader.class.getClassLoader().getResourceAsStream(SiteLoader.DEFAULT_SITE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "no " + SiteLoader.DEFAULT_SITE_RESOURCE + " on the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int stations = text.indexOf("\nstations:");
      String head = text.substring(0, stations + 1).replace("id: ningxia", "id: load");
      // the emergency plans name the default site's stations: the load site keeps the defaults
      int emergency = head.indexOf("\nemergency:");
      int regions = head.indexOf("\nregions:");
      return emergency < 0 ? head : head.substring(0, emergency + 1) + head.substring(regions + 1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default site", e);
    }
  }
}
