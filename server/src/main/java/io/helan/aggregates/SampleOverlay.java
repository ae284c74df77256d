package io.helan.aggregates;

import io.helan.historian.RawSample;
import java.time.Instant;
import java.util.List;

/**
 * The reviewers' corrections laid over stored samples before they are averaged: periods marked
 * invalid leave their samples out, corrected values replace the measured ones. The stored samples
 * themselves are never changed.
 */
public interface SampleOverlay {
  /** No corrections. */
  SampleOverlay NONE =
      new SampleOverlay() {
        @Override
        public boolean covers(String pointId, Instant from, Instant to) {
          return false;
        }

        @Override
        public List<RawSample> apply(String pointId, List<RawSample> samples) {
          return samples;
        }
      };

  /** Whether any correction of the point overlaps [from, to). */
  boolean covers(String pointId, Instant from, Instant to);

  /** The samples as validated: the point's corrections applied, in time order. */
  List<RawSample> apply(String pointId, List<RawSample> samples);
}
