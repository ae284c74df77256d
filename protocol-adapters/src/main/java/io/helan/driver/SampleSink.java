package io.helan.driver;

/**
 * Receives sample batches from drivers. Called on driver threads; implementations must not block
 * for long and must not keep the batch after returning (drivers may reuse it).
 */
@FunctionalInterface
public interface SampleSink {
  void accept(SampleBatch batch);
}
