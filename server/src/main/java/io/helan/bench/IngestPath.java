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

  SampleSink open(Site site, Historian historian, MeterRegistry registry);
}
