package io.helan.upstream;

import io.helan.config.Upstream;

/**
 * The settings of one upstream link that the upstream itself may change at run time: OverTime and
 * ReCount (1000), the real-time interval (1062) and whether real-time data goes at all (2011 starts
 * it, 2012 stops it). They start from the site file and last until the server restarts.
 */
final class LinkSettings {
  private volatile int timeoutMs;
  private volatile int retries;
  private volatile int realTimeIntervalSeconds;
  private volatile boolean realTime = true;

  LinkSettings(Upstream upstream) {
    this.timeoutMs = upstream.timeoutMs();
    this.retries = upstream.retries();
    this.realTimeIntervalSeconds = upstream.realTimeIntervalSeconds();
  }

  int timeoutMs() {
    return timeoutMs;
  }

  int retries() {
    return retries;
  }

  void timeouts(int newTimeoutMs, int newRetries) {
    timeoutMs = newTimeoutMs;
    retries = newRetries;
  }

  int realTimeIntervalSeconds() {
    return realTimeIntervalSeconds;
  }

  void realTimeIntervalSeconds(int seconds) {
    realTimeIntervalSeconds = seconds;
  }

  boolean realTime() {
    return realTime;
  }

  void realTime(boolean on) {
    realTime = on;
  }
}
