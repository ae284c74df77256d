package io.helan.ingest;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.SampleBatch;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The mode of every device. Commands set it; ingest stamps the mode's flag (C, M) on the device's
 * samples so calibration and maintenance values never count as exceedances or in validated
 * averages, whatever the device itself reports.
 */
public final class DeviceModes {
  private final Map<String, Integer> devicePositions = new HashMap<>();
  private final int[] deviceOfPoint;
  private final AtomicReferenceArray<DeviceMode> modes;

  public DeviceModes(Site site) {
    var devices = site.devices();
    modes = new AtomicReferenceArray<>(devices.size());
    deviceOfPoint = new int[site.points().size()];
    for (int d = 0; d < devices.size(); d++) {
      Device device = devices.get(d);
      devicePositions.put(device.id(), d);
      modes.set(d, DeviceMode.NORMAL);
      for (Point point : device.points()) {
        deviceOfPoint[point.index()] = d;
      }
    }
  }

  public DeviceMode mode(String deviceId) {
    return modes.get(position(deviceId));
  }

  public void set(String deviceId, DeviceMode mode) {
    modes.set(position(deviceId), mode);
  }

  /** Stamps each sample of a device in calibration or maintenance with C or M. */
  void apply(SampleBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      DataFlag forced = modes.get(deviceOfPoint[batch.point(i)]).flag();
      if (forced != null) {
        batch.setFlag(i, forced);
      }
    }
  }

  private int position(String deviceId) {
    Integer position = devicePositions.get(deviceId);
    if (position == null) {
      throw new IllegalArgumentException("no device '" + deviceId + "'");
    }
    return position;
  }
}
