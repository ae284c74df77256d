package io.helan.server;

import io.helan.config.Protocol;
import io.helan.config.Site;
import io.helan.driver.FieldDriver;
import io.helan.driver.registry.FieldDrivers;
import io.helan.field.FieldLinks;
import io.helan.historian.Historian;
import io.helan.historian.Historians;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.simulator.SimulatedNetwork;
import io.helan.web.WebVerticle;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisory server: starts the parts in data-flow order (historian, ingest, field links, web)
 * and stops them in reverse. A failure while starting stops what was started.
 */
public final class HelanServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelanServer.class);

  private final Site site;
  private final ServerSettings settings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private PrometheusMeterRegistry metrics;
  private SimulatedNetwork simulators;
  private Historian historian;
  private IngestPipeline ingest;
  private FieldLinks links;
  private Vertx vertx;
  private WebVerticle web;

  public HelanServer(Site site, ServerSettings settings) {
    this.site = site;
    this.settings = settings;
  }

  /** Starts everything; returns when the HTTP listener is up. */
  public HelanServer start() throws Exception {
    try {
      Files.createDirectories(settings.dataDir());
      metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      new JvmGcMetrics().bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      new ClassLoaderMetrics().bindTo(metrics);
      new ProcessorMetrics().bindTo(metrics);
      new UptimeMetrics().bindTo(metrics);
      started.push(metrics::close);

      if (settings.simulators()) {
        simulators = new SimulatedNetwork(site);
        started.push(simulators);
        simulators.start();
        LOG.info("Simulated field network up: {} devices", simulators.simulators().size());
      }

      historian = Historians.open(settings.historian(), site, metrics);
      started.push(historian);
      historian.start();

      ingest =
          new IngestPipeline(
              site, new CurrentValueTable(site), new DeviceModes(site), historian, metrics);

      FieldDrivers drivers = new FieldDrivers();
      started.push(drivers);
      links = new FieldLinks(site, p -> driverFor(drivers, p), ingest, metrics);

      vertx = Vertx.vertx();
      started.push(() -> vertx.close().await(10, TimeUnit.SECONDS));
      web =
          new WebVerticle(
              site, ingest, links, historian, metrics, settings.bindHost(), settings.httpPort());
      vertx.deployVerticle(web).await(30, TimeUnit.SECONDS);

      // Links close before Vert.x, so their last state changes still reach the web verticle.
      started.push(links);

      links.start();
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private static Optional<FieldDriver> driverFor(FieldDrivers drivers, Protocol protocol) {
    try {
      return Optional.of(drivers.driverFor(protocol));
    } catch (IllegalArgumentException noDriver) {
      return Optional.empty();
    }
  }

  public Site site() {
    return site;
  }

  public int httpPort() {
    return web.actualPort();
  }

  public Historian historian() {
    return historian;
  }

  public IngestPipeline ingest() {
    return ingest;
  }

  public FieldLinks links() {
    return links;
  }

  /** The in-process field network, if this server started one. */
  public Optional<SimulatedNetwork> simulators() {
    return Optional.ofNullable(simulators);
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}", part, e);
      }
    }
  }
}
