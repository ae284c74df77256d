package io.helan.ingest;

import io.helan.driver.SampleBatch;

/**
 * Sees every batch after quality rules and the current-value update (alarms, OPC UA variables).
 * Called on the ingesting thread: must not block and must not keep the batch.
 */
@FunctionalInterface
public interface IngestListener {
  void onBatch(SampleBatch batch, long change);
}
