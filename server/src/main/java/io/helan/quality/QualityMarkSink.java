package io.helan.quality;

import io.helan.driver.SampleBatch;
import java.util.List;

/**
 * Where ingest hands the rule failures of a batch. Called on the ingesting thread: never blocks.
 */
@FunctionalInterface
public interface QualityMarkSink {
  /** Keeps no mark. */
  QualityMarkSink NONE = (batch, failures) -> {};

  /** Takes the failures of one batch (never empty); copies what it keeps, the batch is reused. */
  void marked(SampleBatch batch, List<RuleFailure> failures);
}
