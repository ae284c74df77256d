package io.helan.aggregates;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.RawSample;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which stored samples count in validated means. HJ 75/76-2017 excludes data flagged F (stopped), M
 * (maintenance), S (manual), D (fault), C (calibrating) and B (communication error), and drill data
 * (X) is never real; a sample whose quality is not good (a device fault, or a quality rule that
 * marked it uncertain) does not count either.
 */
public final class SampleValidity {
  private static final Set<DataFlag> EXCLUDED =
      EnumSet.of(
          DataFlag.F, DataFlag.M, DataFlag.S, DataFlag.D, DataFlag.C, DataFlag.B, DataFlag.X);

  private SampleValidity() {}

  public static boolean counts(RawSample sample) {
    return sample.quality() == Quality.GOOD
        && !EXCLUDED.contains(sample.flag())
        && Double.isFinite(sample.value());
  }
}
