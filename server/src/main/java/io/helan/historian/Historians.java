package io.helan.historian;

import io.helan.config.Site;
import io.micrometer.core.instrument.MeterRegistry;

/** Opens the historian that the settings ask for. */
public final class Historians {
  private Historians() {}

  /**
   * An embedded QuestDB (started here, stopped when the historian closes) or a client of an
   * external server. Call {@link Historian#start()} next.
   */
  public static Historian open(HistorianSettings settings, Site site, MeterRegistry registry) {
    return switch (settings.mode()) {
      case EMBEDDED -> QuestDbHistorian.embedded(settings, site, registry);
      case EXTERNAL ->
          new IlpHistorian(site, settings.externalUrl(), registry, settings.spoolDir());
    };
  }
}
