package io.helan.alarms;

/**
 * Which devices deliver stale data: a device is stale when its link is up, it has delivered a
 * sample since the link came up, and it has then been silent for longer than its stale time (a few
 * of its poll or publishing intervals). Before the first sample after the link comes up nothing
 * counts: after a restart, or while a link is still coming up, silence is expected; a link that is
 * down is the communication-loss alarm's business.
 *
 * <p>Engine thread only, except {@link #linkUp}'s time, which the caller takes when the link
 * reports.
 */
final class StaleDataWatch {
  private static final byte UNKNOWN = -1;

  /** Hears a device's stale-data condition when it changes. */
  interface Report {
    void stale(int slot, boolean stale, double silentSeconds, double limitSeconds);
  }

  private final AlarmCatalog catalog;
  private final ConditionDetector detector;
  private final boolean[] up;
  private final long[] upSinceMillis;
  private final long[] staleAfterMillis;
  private final byte[] reported;

  StaleDataWatch(AlarmCatalog catalog, AlarmSettings settings, ConditionDetector detector) {
    this.catalog = catalog;
    this.detector = detector;
    int devices = catalog.devices().size();
    up = new boolean[devices];
    upSinceMillis = new long[devices];
    staleAfterMillis = new long[devices];
    reported = new byte[devices];
    for (int d = 0; d < devices; d++) {
      staleAfterMillis[d] = catalog.staleAfterMillis(d, settings);
      reported[d] = UNKNOWN;
    }
  }

  /** The device's link came up at {@code atMillis} (wall clock, as samples are stamped). */
  void linkUp(int device, long atMillis) {
    up[device] = true;
    upSinceMillis[device] = atMillis;
  }

  void linkDown(int device) {
    up[device] = false;
  }

  /** Judges every device with a stale-data alarm and reports those whose condition changed. */
  void check(long nowMillis, Report report) {
    for (int d = 0; d < up.length; d++) {
      int slot = catalog.deviceSlot(d, AlarmKind.STALE_DATA);
      if (slot < 0) {
        continue;
      }
      long lastArrival = detector.lastArrivalMillis(d);
      long silentMillis = nowMillis - lastArrival;
      boolean stale =
          up[d] && lastArrival >= upSinceMillis[d] && silentMillis > staleAfterMillis[d];
      byte state = (byte) (stale ? 1 : 0);
      if (reported[d] != state) {
        reported[d] = state;
        report.stale(slot, stale, silentMillis / 1000.0, staleAfterMillis[d] / 1000.0);
      }
    }
  }
}
