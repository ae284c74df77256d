package io.helan.historian;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import java.time.Instant;

/** One stored sample of a point, as a raw history read returns it. */
public record RawSample(Instant time, double value, Quality quality, DataFlag flag) {}
