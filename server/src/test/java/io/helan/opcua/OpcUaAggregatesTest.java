package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.testing.ProductsServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Milo client reads the data products beside the raw points: the hourly AQI, primary pollutant
 * and category of a station, its city and the site, and a water section's class, computed by hand
 * from the ingested values.
 */
class OpcUaAggregatesTest {

  @Test
  void aClientReadsHourlyAqiOfStationCityAndSiteAndTheWaterClass(@TempDir Path dir)
      throws Exception {
    try (ProductsServer products = new ProductsServer(dir)) {
      Instant now = Instant.now();
      Instant first = now.minus(2, ChronoUnit.DAYS);
      // yc-a: SO2 100, NO2 150, CO 3, O3 250; yc-b the same but O3 150; szs-a nothing; the river
      // for two days: pH 7.5, DO 6.5 (class II), NH3-N 0.8 (class III)
      Map<String, Double> air = Map.of("so2", 100.0, "no2", 150.0, "co", 3.0, "o3", 250.0);
      for (Instant minute = first;
          minute.isBefore(now);
          minute = minute.plus(1, ChronoUnit.MINUTES)) {
        SampleBatch batch = new SampleBatch(12);
        long micros = minute.toEpochMilli() * 1000;
        if (!minute.isBefore(now.minus(3, ChronoUnit.HOURS))) {
          for (Map.Entry<String, Double> entry : air.entrySet()) {
            double b = entry.getKey().equals("o3") ? 150 : entry.getValue();
            add(products, batch, "yc-a.aqm." + entry.getKey(), micros, entry.getValue());
            add(products, batch, "yc-b.aqm." + entry.getKey(), micros, b);
          }
        }
        add(products, batch, "yc-river.wqm.ph", micros, 7.5);
        add(products, batch, "yc-river.wqm.do", micros, 6.5);
        add(products, batch, "yc-river.wqm.nh3n", micros, 0.8);
        products.server.ingest().accept(batch);
      }
      OpcUaClient client = OpcUaTestClient.anonymous(products.server.opcUaEndpoint());
      try {
        int ns = client.getNamespaceTable().getIndex("urn:helan:site:products").intValue();
        NodeId stationAqi = new NodeId(ns, "yc-a#AQI");
        assertThat(read(client, stationAqi).statusCode().getValue())
            .as("nothing computed yet")
            .isIn(StatusCodes.Bad_NoData, StatusCodes.Bad_WaitingForInitialData);

        products.server.recomputation().runOnce();

        // O3 1-h 250: IAQI 125 (NO2 75, SO2 34, CO 30): 125, O3, 轻度污染
        assertThat(values(client, ns, "yc-a")).containsExactly(125, "O3", "轻度污染");
        // the city: O3 mean 200 on the breakpoint: IAQI 100 (NO2 75): 100, O3, 良
        assertThat(values(client, ns, "region:yinchuan")).containsExactly(100, "O3", "良");
        // the site: the mean of three city stations, szs-a without data: the same as the city
        assertThat(values(client, ns, "Helan")).containsExactly(100, "O3", "良");
        Instant hourEnd = read(client, stationAqi).sourceTime().getJavaInstant();
        assertThat(hourEnd)
            .as("the end of the latest hour with a valid AQI")
            .isEqualTo(hourEnd.truncatedTo(ChronoUnit.HOURS))
            .isBeforeOrEqualTo(now);
        assertThat(read(client, new NodeId(ns, "szs-a#AQI")).statusCode().getValue())
            .isEqualTo(StatusCodes.Bad_NoData);
        assertThat(read(client, new NodeId(ns, "yc-river#WaterClass")).value().value())
            .isEqualTo("Ⅲ");
      } finally {
        client.disconnect();
      }
    }
  }

  static void add(ProductsServer products, SampleBatch batch, String point, long micros, double v) {
    batch.add(
        products.server.site().point(point).orElseThrow().index(),
        micros,
        v,
        Quality.GOOD,
        DataFlag.N);
  }

  static DataValue read(OpcUaClient client, NodeId node) throws Exception {
    return client.readValue(0, TimestampsToReturn.Both, node);
  }

  static List<Object> values(OpcUaClient client, int ns, String owner) throws Exception {
    return List.of(
        read(client, new NodeId(ns, owner + "#" + AggregateNodes.AQI)).value().value(),
        read(client, new NodeId(ns, owner + "#" + AggregateNodes.PRIMARY)).value().value(),
        read(client, new NodeId(ns, owner + "#" + AggregateNodes.CATEGORY)).value().value());
  }
}
