package io.helan.sources;

import io.helan.alarms.AlarmEngine;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.dispersion.LocalFrame;
import io.helan.driver.Quality;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.PointValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each registered source with a fence and a monitored position: once a second it compares
 * where the monitor says the source is with the source's registered place and tells the alarm
 * engine when the source leaves its fence or comes back (the engine raises and clears the alarm,
 * with acknowledgement, shelving and the journal as for any alarm). A position that is not good
 * (link lost, no fix) changes nothing: the monitor's communication alarm tells of that. A source
 * removed from the register, or whose fence is removed, counts as back inside.
 *
 * <p>The container's dose rate needs no watch of its own: its point's limits in the site file raise
 * the alarms as for any measurement.
 */
public final class SourceWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceWatch.class);
  static final long PERIOD_MILLIS = 1_000;

  private final Site site;
  private final SourceRegister register;
  private final CurrentValueTable values;
  private final AlarmEngine alarms;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "helan-source-watch");
            thread.setDaemon(true);
            return thread;
          });

  // ticker thread only: the monitor devices last told to be outside their fence
  private final Map<String, Boolean> outside = new HashMap<>();

  public SourceWatch(
      Site site, SourceRegister register, CurrentValueTable values, AlarmEngine alarms) {
    this.site = site;
    this.register = register;
    this.values = values;
    this.alarms = alarms;
  }

  public void start() {
    ticker.scheduleWithFixedDelay(
        this::checkSafely, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.error("Source fence check failed", e);
    }
  }

  /** Compares every fenced source's position with its fence; tells the engine what changed. */
  void check() {
    Set<String> watched = new HashSet<>();
    PointValue latitude = new PointValue();
    PointValue longitude = new PointValue();
    for (RadioactiveSource source : register.all()) {
      Optional<Point> latitudePoint = source.point("latitude").flatMap(site::point);
      Optional<Point> longitudePoint = source.point("longitude").flatMap(site::point);
      if (Double.isNaN(source.fenceMetres())
          || latitudePoint.isEmpty()
          || longitudePoint.isEmpty()
          || !alarms.watchesFence(latitudePoint.get().deviceId())) {
        continue;
      }
      String device = latitudePoint.get().deviceId();
      watched.add(device);
      values.read(latitudePoint.get().index(), latitude);
      values.read(longitudePoint.get().index(), longitude);
      if (!good(latitude) || !good(longitude)) {
        continue;
      }
      double distance =
          new LocalFrame(source.latitude(), source.longitude())
              .distance(latitude.value(), longitude.value());
      boolean out = distance > source.fenceMetres();
      if (!Boolean.valueOf(out).equals(outside.get(device))) {
        outside.put(device, out);
        alarms.sourceFence(device, out, distance, source.fenceMetres());
      }
    }
    for (String device : Set.copyOf(outside.keySet())) {
      if (!watched.contains(device)) {
        if (outside.remove(device)) {
          alarms.sourceFence(device, false, Double.NaN, Double.NaN);
        }
      }
    }
  }

  private static boolean good(PointValue value) {
    return value.hasValue() && value.quality() == Quality.GOOD && Double.isFinite(value.value());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
