package io.helan.emissions;

import io.helan.config.Point;
import java.util.List;

/** Where a source pollutant's validated hourly averages at reference O2 are judged. */
public interface EmissionJudge {
  /**
   * The point's validated hours, oldest first, each recomputed from the stored data (late data and
   * reviewers' corrections included); an hour may come again with a new value.
   */
  void validatedHours(Point point, List<EmissionHour> hours);
}
