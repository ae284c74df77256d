package io.helan.testing;

import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.MeanRecomputation;
import io.helan.aggregates.MeanStore;
import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.quality.QualityMarks;
import io.helan.quality.QualityRuleSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The data-product path with real parts: embedded QuestDB, historian, the ingest pipeline with
 * quality rules and marks, and the validated means recomputed from what ingest stored.
 */
public final class IngestRig implements AutoCloseable {
  public final Site site;
  public final QuestDbEmbedded questDb;
  public final QuestDbHistorian historian;
  public final QualityMarks marks;
  public final DeviceModes modes;
  public final IngestPipeline ingest;
  public final MeanStore means;
  public final MeanRecomputation recomputation;

  public IngestRig(Site site, Path dir, QualityRuleSet rules, Clock clock, SampleOverlay overlay) {
    this.site = site;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    questDb = QuestDbEmbedded.start(dir.resolve("db"));
    historian =
        new QuestDbHistorian(
            site, () -> questDb, CommitCadence.DEFAULT, registry, dir.resolve("spool"));
    historian.start();
    marks = new QualityMarks(site, questDb.engine());
    modes = new DeviceModes(site);
    ingest =
        new IngestPipeline(
            site, new CurrentValueTable(site), modes, rules, marks, historian, registry);
    means = new MeanStore(questDb.engine());
    recomputation =
        new MeanRecomputation(
            site,
            historian,
            means,
            new ValidatedAverages(AveragingRules.DEFAULT, ValidatedAverages.NETWORK_ZONE),
            overlay,
            clock);
    ingest.addListener(recomputation);
  }

  public IngestRig(Site site, Path dir, QualityRuleSet rules) {
    this(site, dir, rules, Clock.systemUTC(), SampleOverlay.NONE);
  }

  public Point point(String id) {
    return site.point(id).orElseThrow();
  }

  /** Ingests one good, flag N sample of each given point at one time. */
  public void ingest(Instant time, Map<String, Double> values) {
    SampleBatch batch = new SampleBatch(values.size());
    long micros = time.toEpochMilli() * 1000;
    values.forEach(
        (id, value) -> batch.add(point(id).index(), micros, value, Quality.GOOD, DataFlag.N));
    ingest.accept(batch);
  }

  @Override
  public void close() {
    recomputation.close();
    marks.close();
    historian.close();
    questDb.close();
  }
}
