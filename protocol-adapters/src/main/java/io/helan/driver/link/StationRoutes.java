package io.helan.driver.link;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which link a device that dials in belongs to, by the code it identifies itself with (HJ 212's MN,
 * the station code in every frame). A driver registers each link when it connects the device and
 * routes each incoming connection or frame by its code; a code no device of the site has is refused
 * by the driver, never guessed.
 */
public final class StationRoutes<L> {
  private final Map<String, L> links = new ConcurrentHashMap<>();

  /**
   * Routes {@code stationCode} to {@code link} until {@link #remove}.
   *
   * @throws IllegalArgumentException if another link already has the code: two devices of a site
   *     must not share one
   */
  public void register(String stationCode, L link) {
    L other = links.putIfAbsent(stationCode, link);
    if (other != null && other != link) {
      throw new IllegalArgumentException(
          "station code " + stationCode + " already belongs to " + other);
    }
  }

  /** The link of the device with that code, or empty if no device of the site has it. */
  public Optional<L> route(String stationCode) {
    return Optional.ofNullable(links.get(stationCode));
  }

  /** Stops routing {@code stationCode} to {@code link} (when the link closes). */
  public void remove(String stationCode, L link) {
    links.remove(stationCode, link);
  }
}
