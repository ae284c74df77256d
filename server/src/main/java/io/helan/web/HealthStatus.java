package io.helan.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /api/health} says of a server that falls behind: DEGRADED, with the reasons, when the
 * historian holds samples it has not committed for longer than {@link #MAX_COMMIT_LAG_SECONDS}
 * (commits normally come every two seconds, holding back the last second's samples), or when more
 * than half the device links wait for a turn on the shared link pool (their polls run late). Memory
 * stays bounded either way: the historian's queue spills to its disk spool and late polls are
 * skipped, not queued; this makes the falling behind visible. Other parts add their own problems
 * ({@link #with}), such as an upstream platform that is down.
 *
 * @param status UP or DEGRADED
 * @param reasons why DEGRADED; empty when UP
 */
record HealthStatus(String status, List<String> reasons) {
  static final double MAX_COMMIT_LAG_SECONDS = 5;

  static HealthStatus judge(double commitLagSeconds, int linksWaiting, int devices) {
    List<String> reasons = new ArrayList<>();
    if (commitLagSeconds > MAX_COMMIT_LAG_SECONDS) {
      reasons.add(
          String.format(
              "historian %.1f s behind: samples wait longer than %.0f s to be committed",
              commitLagSeconds, MAX_COMMIT_LAG_SECONDS));
    }
    if (devices > 0 && linksWaiting > devices / 2) {
      reasons.add(
          linksWaiting + " of " + devices + " device links wait for a thread: polls run late");
    }
    return new HealthStatus(reasons.isEmpty() ? "UP" : "DEGRADED", List.copyOf(reasons));
  }

  /** The same judgement with more problems: DEGRADED if there are any. */
  HealthStatus with(List<String> problems) {
    if (problems.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(reasons);
    all.addAll(problems);
    return new HealthStatus("DEGRADED", List.copyOf(all));
  }
}
