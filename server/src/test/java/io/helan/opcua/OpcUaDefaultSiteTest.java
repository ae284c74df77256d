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
          // the default site's PLC4X links start at a random moment within their 5 s poll and a
          // cold first read may be cut off and retried; on a loaded machine that took over 30 s
          .atMost(Duration.ofSeconds(90))
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
