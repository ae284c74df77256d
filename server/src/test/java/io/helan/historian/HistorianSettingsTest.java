package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HistorianSettingsTest {
  static final Path DATA = Path.of("/var/lib/helan");

  @Test
  void defaultsAreEmbeddedWithoutConsole() {
    HistorianSettings settings = HistorianSettings.defaults(DATA);

    assertThat(settings.mode()).isEqualTo(HistorianSettings.Mode.EMBEDDED);
    assertThat(settings.console()).isNull();
    assertThat(settings.questDbDir()).isEqualTo(DATA.resolve("questdb"));
    assertThat(settings.spoolDir()).isEqualTo(DATA.resolve("spool"));
  }

  @Test
  void theConsolePasswordIsFreshForEachStartAndNeverShownInSettings() {
    QuestDbConsole first = QuestDbConsole.withGeneratedPassword(9000, 8812);
    QuestDbConsole second = QuestDbConsole.withGeneratedPassword(9000, 8812);

    assertThat(first.user()).isEqualTo("helan");
    assertThat(first.password()).hasSize(24).isNotEqualTo(second.password()).isNotEqualTo("quest");
    assertThat(HistorianSettings.defaults(DATA).withConsole(first).toString())
        .doesNotContain(first.password());
    assertThatThrownBy(() -> new QuestDbConsole(70000, 8812, "helan", first.password()))
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
