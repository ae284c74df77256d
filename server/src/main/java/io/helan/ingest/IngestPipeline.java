package io.helan.ingest;

import io.helan.config.Site;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.historian.Historian;
import io.helan.quality.QualityMarkSink;
import io.helan.quality.QualityRuleSet;
import io.helan.quality.RuleFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The hot path from drivers onwards: device-mode flags, drill flags, instrument range, the site's
 * quality rules (a failing sample becomes uncertain and the rule's name is kept beside it), current
 * values, historian, listeners.
 *
 * <p>Runs on the calling driver thread: each device link ingests its own batches, so there is no
 * hand-off and no per-sample allocation; the historian copies the batch into its own queue and
 * never blocks. Live displays pick changes up from the {@link CurrentValueTable} at their own frame
 * rate.
 */
public final class IngestPipeline implements SampleSink {
  private final QualityRules rules;
  private final QualityRuleSet ruleSet;
  private final QualityMarkSink marks;
  private final DeviceModes modes;
  private final DrillData drill;
  private final CurrentValueTable currentValues;
  private final Historian historian;
  private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
  private final Counter samplesIngested;
  private final DistributionSummary batchSizes;

  public IngestPipeline(
      Site site,
      CurrentValueTable currentValues,
      DeviceModes modes,
      Historian historian,
      MeterRegistry registry) {
    this(
        site,
        currentValues,
        modes,
        QualityRuleSet.builder(site).build(),
        QualityMarkSink.NONE,
        historian,
        registry);
  }

  /**
   * @param ruleSet the site's quality rules; a failing sample becomes uncertain, its value stays
   * @param marks where the names of failed rules go
   */
  public IngestPipeline(
      Site site,
      CurrentValueTable currentValues,
      DeviceModes modes,
      QualityRuleSet ruleSet,
      QualityMarkSink marks,
      Historian historian,
      MeterRegistry registry) {
    this.rules = new QualityRules(site);
    this.ruleSet = ruleSet;
    this.marks = marks;
    this.modes = modes;
    this.drill = new DrillData(site);
    this.currentValues = currentValues;
    this.historian = historian;
    this.samplesIngested =
        Counter.builder("helan.samples.ingested")
            .description("Samples that passed the ingest pipeline")
            .register(registry);
    this.batchSizes =
        DistributionSummary.builder("helan.ingest.batch.size")
            .description("Samples per ingested batch")
            .register(registry);
  }

  public void addListener(IngestListener listener) {
    listeners.add(listener);
  }

  @Override
  public void accept(SampleBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    modes.apply(batch);
    drill.apply(batch);
    rules.apply(batch);
    List<RuleFailure> failures = ruleSet.apply(batch);
    if (!failures.isEmpty()) {
      marks.marked(batch, failures);
    }
    long change = currentValues.beginChange();
    try {
      for (int i = 0; i < batch.size(); i++) {
        currentValues.write(
            batch.point(i),
            batch.timeMicros(i),
            batch.value(i),
            batch.quality(i),
            batch.flag(i),
            change);
      }
    } finally {
      // Before the historian, which may wait: live readers must not wait for it.
      currentValues.completeChange(change);
    }
    historian.append(batch);
    for (IngestListener listener : listeners) {
      listener.onBatch(batch, change);
    }
    samplesIngested.increment(batch.size());
    batchSizes.record(batch.size());
  }

  /** Samples ingested since start. */
  public long samplesIngested() {
    return (long) samplesIngested.count();
  }

  public DeviceModes deviceModes() {
    return modes;
  }

  public CurrentValueTable currentValues() {
    return currentValues;
  }
}
