package io.helan.config;

import java.util.List;

/**
 * A higher platform (city, province, national) this node forwards data to over HJ 212, acting as
 * the data logger toward it: it dials out, sends the forwarded devices' uploads under their MNs
 * with the upstream's password, and answers the upstream's requests.
 *
 * @param id names the upstream in logs, metrics and the queue directory (kebab case)
 * @param host where the upstream listens
 * @param port its HJ 212 port
 * @param password the PW the upstream expects in every packet
 * @param timeoutMs how long an upload waits for its 9014 answer (OverTime)
 * @param retries how often an unanswered upload is sent again before the connection is dropped and
 *     made anew (ReCount)
 * @param realTimeIntervalSeconds real-time data (2011) of a device is forwarded at most once per
 *     interval (RtdInterval; the upstream may change it with 1062)
 * @param maxQueuedRecords records the queue keeps while the upstream is away; beyond, the oldest
 *     are dropped and counted
 * @param devices the devices whose data is forwarded, each under its MN
 */
public record Upstream(
    String id,
    String host,
    int port,
    String password,
    int timeoutMs,
    int retries,
    int realTimeIntervalSeconds,
    int maxQueuedRecords,
    List<ForwardedDevice> devices) {

  public static final int DEFAULT_REAL_TIME_INTERVAL_SECONDS = 30;
  public static final int DEFAULT_MAX_QUEUED_RECORDS = 200_000;

  public Upstream {
    devices = List.copyOf(devices);
  }

  /**
   * One device whose data goes upstream.
   *
   * @param deviceId the device, {@code station.device}
   * @param mn the MN it is known by upstream (an HJ 212 logger's own MN unless set)
   * @param st the system code of its packets (31 flue gas, 32 wastewater, 22 air quality, ...)
   */
  public record ForwardedDevice(String deviceId, String mn, int st) {}
}
