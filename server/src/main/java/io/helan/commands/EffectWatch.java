package io.helan.commands;

import io.helan.config.RunningWhile;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.ingest.IngestListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Watches the points by which devices report a command's effect under way ({@link RunningWhile}:
 * the racks' calibration bits, the gamma sampler's flow) and tells when the device reports it over:
 * the first good sample that reads idle after one that read running. Samples from before the
 * command reached the device read idle too; they are passed over because no running one came before
 * them.
 *
 * <p>Sees every ingested batch on the link threads; with nothing watched that costs one map look.
 */
final class EffectWatch implements IngestListener {

  /** What is watched on one point; one command at a time per device, so one per point. */
  private static final class Watch {
    final String commandId;
    final RunningWhile rule;
    volatile boolean seenRunning;

    Watch(String commandId, RunningWhile rule) {
      this.commandId = commandId;
      this.rule = rule;
    }
  }

  private final Map<Integer, Watch> byPoint = new ConcurrentHashMap<>();
  private final BiConsumer<String, String> over;

  /**
   * @param over told the command's id and what the device reported, once per watch, on the ingest
   *     thread: it must not block
   */
  EffectWatch(BiConsumer<String, String> over) {
    this.over = over;
  }

  /** Watches point {@code pointIndex} for the end of the command's effect. */
  void watch(String commandId, int pointIndex, RunningWhile rule) {
    byPoint.put(pointIndex, new Watch(commandId, rule));
  }

  /** Stops watching for the command (it ended some other way). */
  void forget(String commandId) {
    byPoint.values().removeIf(watch -> watch.commandId.equals(commandId));
  }

  @Override
  public void onBatch(SampleBatch batch, long change) {
    if (byPoint.isEmpty()) {
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      Watch watch = byPoint.get(point);
      if (watch == null || batch.quality(i) != Quality.GOOD) {
        continue;
      }
      double value = batch.value(i);
      if (watch.rule.isRunning(value)) {
        watch.seenRunning = true;
      } else if (watch.seenRunning && byPoint.remove(point, watch)) {
        over.accept(watch.commandId, watch.rule.pointId() + " = " + format(value));
      }
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
