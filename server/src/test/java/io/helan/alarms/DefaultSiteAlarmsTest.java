package io.helan.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.StationKind;
import org.junit.jupiter.api.Test;

/** The alarms the default Ningxia site defines. */
class DefaultSiteAlarmsTest {

  @Test
  void everyGammaStationWatchesItsBackgroundWithItsRainSensor() {
    Site site = SiteLoader.loadDefault();
    AlarmCatalog catalog = new AlarmCatalog(site, AlarmSettings.defaults());
    var gammaStations =
        site.stations().stream().filter(s -> s.kind() == StationKind.RADIATION_GAMMA).toList();
    assertThat(gammaStations).isNotEmpty();
    for (var station : gammaStations) {
      String dose = station.id() + ".gamma.dose-rate";
      var point = site.point(dose).orElseThrow();
      assertThat(catalog.byId(dose + "/DOSE_RATE_INVESTIGATION")).isPresent();
      assertThat(catalog.byId(dose + "/DOSE_RATE_ALARM")).isPresent();
      assertThat(catalog.byId(dose + "/HI")).isPresent();
      assertThat(site.points().get(catalog.rainPointOf(point.index())).id())
          .isEqualTo(station.id() + ".gamma.rain");
    }
    for (var device : site.devices()) {
      assertThat(catalog.byId(device.id() + "/COMMUNICATION_LOSS")).isPresent();
      assertThat(catalog.byId(device.id() + "/DEVICE_FAULT")).isPresent();
    }
  }
}
