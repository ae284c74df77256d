package io.helan.simulator;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a simulator sent, per key (a rack's reads, a station's variable) and second of the wall
 * clock: how a load run checks, per point and second, that the server stored everything it was
 * sent.
 */
public final class SampleLedger {
  private final Map<String, ConcurrentSkipListMap<Long, LongAdder>> counts =
      new ConcurrentHashMap<>();

  /** Counts one sample of {@code key} sent at {@code epochMillis}. */
  public void count(String key, long epochMillis) {
    counts
        .computeIfAbsent(key, k -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(Math.floorDiv(epochMillis, 1000L), s -> new LongAdder())
        .increment();
  }

  /** Samples of {@code key} sent, per epoch second, ascending. */
  public NavigableMap<Long, Long> perSecond(String key) {
    NavigableMap<Long, Long> seconds = new TreeMap<>();
    Map<Long, LongAdder> counted = counts.get(key);
    if (counted != null) {
      counted.forEach((second, n) -> seconds.put(second, n.sum()));
    }
    return seconds;
  }

  /** Samples of {@code key} sent in all. */
  public long total(String key) {
    return perSecond(key).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The keys counted so far. */
  public Iterable<String> keys() {
    return counts.keySet();
  }
}
