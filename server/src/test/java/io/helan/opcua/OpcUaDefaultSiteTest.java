package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Point;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OPC UA server as the run command wires it: the whole default site, read by a client. */
@ExtendWith(DefaultSiteServer.class)
class OpcUaDefaultSiteTest {

  @Test
  void everyPointOfTheDefaultSiteReadsGoodOverOpcUa(HelanServer server) throws Exception {
    OpcUaClient client = OpcUaTestClient.anonymous(server.opcUaEndpoint());
    try {
      int ns =
          client.getNamespaceTable().getIndex("urn:helan:site:" + server.site().id()).intValue();
      List<NodeId> ids =
          server.site().points().stream().map(Point::id).map(id -> new NodeId(ns, id)).toList();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                List<DataValue> values = client.readValues(0, TimestampsToReturn.Both, ids);
                assertThat(values).hasSize(ids.size());
                assertThat(values)
                    .allSatisfy(
                        v -> {
                          assertThat(v.statusCode().isGood()).isTrue();
                          // bool points (a water-station PLC's pump and valves) are Booleans
                          assertThat(v.value().value())
                              .isInstanceOfAny(Number.class, Boolean.class);
                          assertThat(v.sourceTime()).isNotNull();
                        });
              });
    } finally {
      client.disconnect();
    }
  }
}
