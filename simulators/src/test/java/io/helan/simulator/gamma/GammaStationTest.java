package io.helan.simulator.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.config.OpcUaConnection;
import io.helan.simulator.FieldDevices;
import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GammaStationTest {
  private static final Duration TICK_WAIT = Duration.ofSeconds(3);

  // one station for all tests, since a Milo server takes a while to build; tests undo their orders
  private static GammaStation station;
  // the endpoint at the free port the station took; clients find it there through the endpoints
  // the station advertises, so these carry that port too
  private static String endpoint;

  @BeforeAll
  static void startStation() throws Exception {
    station = new GammaStation(FieldDevices.gammaStation("yc-jinfeng", 0));
    station.start();
    endpoint = ((OpcUaConnection) station.device().connection()).endpointUrl();
  }

  @AfterAll
  static void closeStation() {
    station.close();
    Stack.releaseSharedResources();
  }

  @Test
  void the_station_object_under_objects_holds_every_variable_and_method() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      assertThat(client.objects()).contains("Station");
      for (String node :
          List.of(
              "DoseRate",
              "HighVoltage",
              "DetectorTemperature",
              "Rain",
              "SamplerFlow",
              "Mode",
              "StartSampler",
              "StopSampler",
              "SetMeasurementInterval",
              "SetMaintenance")) {
        assertThat(client.owners(node)).as(node).containsExactly("Station");
      }
    }
  }

  @Test
  void counts_the_values_published_while_a_client_monitors_them() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      client.read("DetectorTemperature");
      List<Object> received = client.subscribe("DoseRate");

      await().atMost(TICK_WAIT.multipliedBy(2)).until(() -> received.size() >= 3);
      // read but never monitored: nothing was sent
      assertThat(station.published().total("DetectorTemperature")).isZero();
      // the first value a subscriber gets is the current one, not a change published to it; the
      // station goes on publishing while this runs
      assertThat(station.published().total("DoseRate")).isGreaterThanOrEqualTo(2L);
    }
  }

  @Test
  void values_change_every_second() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      double first = client.read("DoseRate");

      await().atMost(TICK_WAIT).until(() -> client.read("DoseRate") != first);
    }
  }

  @Test
  void serves_a_plausible_dose_rate_and_instrument_state() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      assertThat(client.read("DoseRate")).isBetween(50.0, 150.0);
      assertThat(client.read("HighVoltage")).isBetween(395.0, 410.0);
      assertThat(client.read("DetectorTemperature")).isBetween(5.0, 35.0);
      assertThat(client.read("Rain")).isIn(0.0, 1.0);
      assertThat(client.read("SamplerFlow")).isZero();
      assertThat(client.read("Mode")).isZero();
    }
  }

  @Test
  void the_sampler_runs_when_started_and_stands_still_when_stopped() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      assertThat(client.call("StartSampler", new Variant(60))).isEqualTo(StatusCode.GOOD);
      assertThat(client.read("SamplerFlow")).as("at once").isBetween(60.0, 80.0);

      assertThat(client.call("StopSampler")).isEqualTo(StatusCode.GOOD);
      assertThat(client.read("SamplerFlow")).isZero();
    }
  }

  @Test
  void the_sampler_stops_by_itself_after_its_duration() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      // long enough that a starved test thread still reads it running, short enough to wait for
      long started = System.nanoTime();
      client.call("StartSampler", new Variant(4));
      assertThat(client.read("SamplerFlow")).isPositive();

      await()
          .atMost(Duration.ofSeconds(4).plus(TICK_WAIT))
          .until(() -> client.read("SamplerFlow") == 0);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }
  }

  @Test
  void bad_arguments_are_rejected_as_invalid() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      assertThat(client.call("StartSampler", new Variant(-5)).getValue())
          .isEqualTo(StatusCodes.Bad_InvalidArgument);
      assertThat(client.call("StartSampler", new Variant("sixty")).getValue())
          .isEqualTo(StatusCodes.Bad_InvalidArgument);
      assertThat(client.call("SetMeasurementInterval", new Variant(0)).getValue())
          .isEqualTo(StatusCodes.Bad_InvalidArgument);
      assertThat(client.read("SamplerFlow")).isZero();
    }
  }

  @Test
  void emergency_measurement_and_maintenance_show_in_mode() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      client.call("SetMeasurementInterval", new Variant(30));
      assertThat(client.read("Mode")).isEqualTo(2);

      client.call("SetMaintenance", new Variant(true));
      assertThat(client.read("Mode")).as("maintenance wins").isEqualTo(1);

      client.call("SetMaintenance", new Variant(false));
      assertThat(client.read("Mode")).isEqualTo(2);
      client.call("SetMeasurementInterval", new Variant(300));
      assertThat(client.read("Mode")).isZero();
    }
  }

  @Test
  void stop_breaks_the_clients_link_and_a_restart_serves_again() throws Exception {
    try (GammaClient client = new GammaClient(endpoint)) {
      client.call("StartSampler", new Variant(600));

      station.stop();

      assertThat(station.isRunning()).isFalse();
      assertThatThrownBy(() -> client.read("DoseRate")).isInstanceOf(UaException.class);
    }

    station.start();

    try (GammaClient client = new GammaClient(endpoint)) {
      assertThat(client.read("DoseRate")).isBetween(50.0, 150.0);
      assertThat(client.read("SamplerFlow")).as("the sampler kept running").isPositive();
      client.call("StopSampler");
    }
  }
}
