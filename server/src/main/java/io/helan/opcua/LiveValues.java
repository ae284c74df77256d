package io.helan.opcua;

import io.helan.driver.SampleBatch;
import io.helan.ingest.IngestListener;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;

/**
 * Delivers ingested samples to the monitored items of their points, by exception: each batch
 * touches only the points it carries, and a point nobody monitors costs one array read. Nothing
 * polls the current-value table, and a sample monitored by any number of items becomes one
 * DataValue.
 *
 * <p>Monitored items per point are a copy-on-write array, changed under this object's lock (rare:
 * when clients create or delete items) and read without locking on the ingest threads.
 */
final class LiveValues implements IngestListener {
  private final PointValues values;
  private final AtomicReferenceArray<DataItem[]> items;

  /** The ingest pipeline keeps its listeners: once closed, batches are ignored. */
  private volatile boolean closed;

  LiveValues(PointValues values, int points) {
    this.values = values;
    this.items = new AtomicReferenceArray<>(points);
  }

  @Override
  public void onBatch(SampleBatch batch, long change) {
    if (closed) {
      return;
    }
    DateTime serverTime = null;
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      DataItem[] monitored = items.get(point);
      if (monitored == null) {
        continue;
      }
      if (serverTime == null) {
        serverTime = DateTime.now();
      }
      DataValue value =
          values.dataValue(
              point, batch.value(i), batch.timeMicros(i), batch.quality(i), serverTime);
      for (DataItem item : monitored) {
        if (item.isSamplingEnabled()) {
          item.setValue(value);
        }
      }
    }
  }

  /** Starts delivering to {@code item} and gives it the point's current value. */
  void add(int point, DataItem item) {
    synchronized (this) {
      DataItem[] monitored = items.get(point);
      DataItem[] grown =
          monitored == null ? new DataItem[1] : Arrays.copyOf(monitored, monitored.length + 1);
      grown[grown.length - 1] = item;
      items.set(point, grown);
    }
    sendCurrent(point, item);
  }

  void remove(int point, DataItem item) {
    synchronized (this) {
      DataItem[] monitored = items.get(point);
      if (monitored == null) {
        return;
      }
      DataItem[] kept = Arrays.stream(monitored).filter(m -> m != item).toArray(DataItem[]::new);
      items.set(point, kept.length == 0 ? null : kept);
    }
  }

  /**
   * Gives the item the point's current value. Reading the table while holding the item's lock
   * (which {@link DataItem#setValue} takes too) keeps a newer sample delivered by an ingest thread
   * from being overtaken: the table is written before listeners run, so whichever runs second sends
   * the newest value.
   */
  void sendCurrent(int point, DataItem item) {
    if (!item.isSamplingEnabled()) {
      return;
    }
    synchronized (item) {
      item.setValue(values.current(point));
    }
  }

  void close() {
    closed = true;
  }
}
