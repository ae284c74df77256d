package io.helan.cluster;

import com.hazelcast.cluster.Member;
import io.helan.http.Access;
import io.helan.http.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/cluster}: this node's view of its cluster, for operators and the cluster
 * benchmark: this member, the members it sees, whether it sees the majority (else it polls and
 * commands nothing) and the devices it polls.
 */
public final class ClusterApi {
  private final ClusterNode node;
  private final DeviceOwnership ownership;

  public ClusterApi(ClusterNode node, DeviceOwnership ownership) {
    this.node = node;
    this.ownership = ownership;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/cluster", Access.READER, this::view));
  }

  private void view(RoutingContext ctx) {
    JsonArray members = new JsonArray();
    for (Member member : node.hazelcast().getCluster().getMembers()) {
      members.add(member.getAddress().toString());
    }
    ctx.json(
        new JsonObject()
            .put("name", node.settings().name())
            .put("member", node.hazelcast().getCluster().getLocalMember().getAddress().toString())
            .put("members", members)
            .put("inMajority", ownership.inMajority())
            .put("owned", new JsonArray(ownership.owned().stream().sorted().toList())));
  }
}
