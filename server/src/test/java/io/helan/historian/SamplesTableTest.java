package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SAMPLE BY steps are whole seconds, minutes, hours or days and nothing else reaches the SQL. */
class SamplesTableTest {

  @Test
  void aStepIsWrittenInTheLargestUnitThatDividesIt() {
    assertThat(SamplesTable.sampleBy(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(SamplesTable.sampleBy(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(SamplesTable.sampleBy(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(SamplesTable.sampleBy(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(SamplesTable.sampleBy(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(SamplesTable.sampleBy(Duration.ofDays(7))).isEqualTo("7d");
  }

  @Test
  void stepsThatAreNotWholePositiveSecondsAreRefused() {
    for (Duration step :
        new Duration[] {Duration.ZERO, Duration.ofSeconds(-60), Duration.ofMillis(1500)}) {
      assertThatThrownBy(() -> SamplesTable.sampleBy(step))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void quotedLiteralsCannotEndTheString() {
    assertThat(QuestDbHttp.quote("a'; DROP TABLE samples; --"))
        .isEqualTo("'a''; DROP TABLE samples; --'");
  }
}
