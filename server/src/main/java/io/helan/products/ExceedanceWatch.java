package io.helan.products;

import io.helan.aggregates.MeanRecomputation;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.emissions.EmissionJudge;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Hands every pollution source's validated hourly averages at reference O2 to the judge (the alarm
 * engine, which opens enforcement notices) whenever the means of their days were recomputed: after
 * each hour ends, and again when late data or a reviewer's correction changes them. Only ended
 * hours are handed over; the current hour's mean is not final.
 */
public final class ExceedanceWatch implements MeanRecomputation.MeansChanged {
  private final DataProducts products;
  private final ZoneId zone;
  private final Clock clock;
  private final EmissionJudge judge;
  private final List<Station> sources;

  public ExceedanceWatch(DataProducts products, ZoneId zone, Clock clock, EmissionJudge judge) {
    this.products = products;
    this.zone = zone;
    this.clock = clock;
    this.judge = judge;
    this.sources =
        products.site().stations().stream()
            .filter(s -> s.kind() == StationKind.POLLUTION_SOURCE)
            .toList();
  }

  @Override
  public void meansChanged(LocalDate firstDay, LocalDate lastDay) {
    Instant from = firstDay.atStartOfDay(zone).toInstant();
    Instant dayEnd = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
    Instant to = dayEnd.isBefore(currentHour) ? dayEnd : currentHour;
    if (!to.isAfter(from)) {
      return;
    }
    for (Station station : sources) {
      products.emissionHours(station, from, to).forEach(judge::validatedHours);
    }
  }
}
