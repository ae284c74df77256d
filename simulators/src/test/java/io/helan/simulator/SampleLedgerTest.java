package io.helan.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleLedgerTest {
  @Test
  void counts_per_key_and_second_of_the_wall_clock() {
    SampleLedger ledger = new SampleLedger();
    ledger.count("reads", 10_000);
    ledger.count("reads", 10_999);
    ledger.count("reads", 11_000);
    ledger.count("DoseRate", 10_500);

    assertThat(ledger.perSecond("reads")).containsExactly(Map.entry(10L, 2L), Map.entry(11L, 1L));
    assertThat(ledger.total("reads")).isEqualTo(3);
    assertThat(ledger.total("DoseRate")).isEqualTo(1);
    assertThat(ledger.perSecond("Rain")).isEmpty();
    assertThat(ledger.keys()).containsExactlyInAnyOrder("reads", "DoseRate");
  }
}
