package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HistorianSettingsTest {
  static final Path DATA = Path.of("/var/lib/helan");

  @Test
  void defaultsAreEmbeddedWithLoopbackListeners() {
    HistorianSettings settings = HistorianSettings.defaults(DATA);

    assertThat(settings.mode()).isEqualTo(HistorianSettings.Mode.EMBEDDED);
    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.pgPort()).isEqualTo(8812);
    assertThat(settings.questDbDir()).isEqualTo(DATA.resolve("questdb"));
    assertThat(settings.spoolDir()).isEqualTo(DATA.resolve("spool"));
  }

  @Test
  void portsAreNumbersOrOff() {
    assertThat(HistorianSettings.parsePort("off")).isEqualTo(HistorianSettings.OFF);
    assertThat(HistorianSettings.parsePort("9100")).isEqualTo(9100);
    assertThatThrownBy(() -> HistorianSettings.parsePort("70000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistorianSettings.parsePort("on"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExternalServerNeedsAnHttpUrl() {
    HistorianSettings settings = HistorianSettings.external(DATA, "http://db.example:9000");

    assertThat(settings.mode()).isEqualTo(HistorianSettings.Mode.EXTERNAL);
    assertThat(settings.externalUrl()).isEqualTo(URI.create("http://db.example:9000"));
    assertThatThrownBy(() -> HistorianSettings.external(DATA, "db.example:9000"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
