package io.helan.bench;

import io.helan.config.Site;
import io.helan.driver.SampleSink;
import io.helan.historian.Historian;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The full ingest path the benchmark drives: built once per run around a fresh historian, it
 * receives every generated batch and must not keep the batch after returning (it is reused).
 */
@FunctionalInterface
public interface IngestPath {

  /** Batches go straight to {@link Historian#append}: the historian's share of the full path. */
  IngestPath HISTORIAN_ONLY = (site, historian, registry) -> historian::append;

  SampleSink open(Site site, Historian historian, MeterRegistry registry);
}
