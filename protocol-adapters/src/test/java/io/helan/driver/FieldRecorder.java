package io.helan.driver;

import io.helan.config.Device;
import io.helan.config.Point;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records what drivers deliver in tests: the latest sample of each point and each link's state. */
public final class FieldRecorder implements SampleSink, LinkListener {

  /** One sample as delivered, with the moment it arrived. */
  public record Sample(
      double value, Quality quality, DataFlag flag, long timeMicros, long arrivedNanos) {}

  private final Map<Integer, Sample> latest = new ConcurrentHashMap<>();
  private final Map<Integer, Long> counts = new ConcurrentHashMap<>();
  private final Map<String, LinkState> states = new ConcurrentHashMap<>();

  @Override
  public void accept(SampleBatch batch) {
    long now = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      latest.put(
          batch.point(i),
          new Sample(batch.value(i), batch.quality(i), batch.flag(i), batch.timeMicros(i), now));
      counts.merge(batch.point(i), 1L, Long::sum);
    }
  }

  @Override
  public void onLinkState(Device device, LinkState state, String reason) {
    states.put(device.id(), state);
  }

  /** The latest sample of the point, or null if none came yet. */
  public Sample latest(Point point) {
    return latest.get(point.index());
  }

  /** How many samples of the point came so far. */
  public long count(Point point) {
    return counts.getOrDefault(point.index(), 0L);
  }

  public LinkState state(Device device) {
    return states.get(device.id());
  }

  /** Whether every point of the device has a latest sample of this quality. */
  public boolean allOf(Device device, Quality quality) {
    for (Point point : device.points()) {
      Sample sample = latest(point);
      if (sample == null || sample.quality() != quality) {
        return false;
      }
    }
    return true;
  }
}
