package io.helan.opcua;

import io.helan.airquality.Aqi;
import io.helan.airquality.Pollutant;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.products.AqiRow;
import io.helan.products.DataProducts;
import io.helan.waterquality.SectionClass;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The data products beside the raw points: on every city air station, region folder and the Helan
 * root the latest hourly AQI ({@code AQI}, Int32), its primary pollutant(s) ({@code
 * PrimaryPollutant}, e.g. "O3" or "PM10,PM2.5", empty at AQI ≤ 50) and category ({@code Category},
 * 优 … 严重污染); on every water section its GB 3838 class ({@code WaterClass}, Ⅰ … 劣Ⅴ) of today or,
 * while today has no valid daily means yet, yesterday. NodeIds are {@code s=<owner>#<name>} (owner:
 * the station id, {@code region:<id>} or {@code Helan}); the source timestamp is the end of the
 * hour or the start of the day the value is of. A value not yet computed reads
 * Bad_WaitingForInitialData, none in the last hours Bad_NoData.
 */
final class AggregateNodes {
  static final String AQI = "AQI";
  static final String PRIMARY = "PrimaryPollutant";
  static final String CATEGORY = "Category";
  static final String WATER_CLASS = "WaterClass";

  /** How far back the latest valid hourly AQI is looked for. */
  private static final int HOURS_BACK = 3;

  private final UaNodeContext context;
  private final HelanNodeIds ids;
  private final Site site;
  private final DataProducts products;
  private final ZoneId zone;
  private final Clock clock;
  private final Map<String, UaVariableNode[]> aqiNodes = new LinkedHashMap<>();
  private final Map<Station, UaVariableNode> waterNodes = new LinkedHashMap<>();

  AggregateNodes(
      UaNodeContext context, HelanNodeIds ids, DataProducts products, ZoneId zone, Clock clock) {
    this.context = context;
    this.ids = ids;
    this.site = products.site();
    this.products = products;
    this.zone = zone;
    this.clock = clock;
  }

  /** Adds the variables to the station, region and root nodes {@link SiteNodes} built. */
  void build() {
    for (Station station : site.stations()) {
      if (station.kind() == StationKind.AIR_CITY) {
        addAqi("station:" + station.id(), station.id(), ids.station(station));
      } else if (station.kind() == StationKind.WATER_SECTION) {
        waterNodes.put(
            station,
            variable(station.id(), ids.station(station), WATER_CLASS, NodeIds.String, "水质类别"));
      }
    }
    for (Region region : site.regions()) {
      if (!products.stationsOf("region:" + region.id()).isEmpty()) {
        addAqi("region:" + region.id(), "region:" + region.id(), ids.region(region));
      }
    }
    if (!products.stationsOf("site").isEmpty()) {
      addAqi("site", HelanNodeIds.ROOT, ids.root());
    }
  }

  private void addAqi(String area, String ownerId, NodeId owner) {
    aqiNodes.put(
        area,
        new UaVariableNode[] {
          variable(ownerId, owner, AQI, NodeIds.Int32, "空气质量指数"),
          variable(ownerId, owner, PRIMARY, NodeIds.String, "首要污染物"),
          variable(ownerId, owner, CATEGORY, NodeIds.String, "空气质量指数类别")
        });
  }

  /** Computes every variable again from the stored validated means. */
  void refresh() {
    Instant now = clock.instant();
    DateTime serverTime = new DateTime(now);
    Map<String, List<AqiRow>> rowsByArea =
        products.hourlyAqi(aqiNodes.keySet(), now.minus(HOURS_BACK, ChronoUnit.HOURS), now);
    for (Map.Entry<String, UaVariableNode[]> area : aqiNodes.entrySet()) {
      List<AqiRow> rows = rowsByArea.get(area.getKey());
      // an hour still running has no hourly AQI yet, however many valid minutes it already holds
      Optional<AqiRow> latest =
          rows.stream()
              .filter(row -> row.aqi().isPresent() && !row.end().isAfter(now))
              .reduce((first, second) -> second);
      UaVariableNode[] nodes = area.getValue();
      if (latest.isEmpty()) {
        for (UaVariableNode node : nodes) {
          node.setValue(new DataValue(new StatusCode(StatusCodes.Bad_NoData)));
        }
        continue;
      }
      Aqi aqi = latest.get().aqi().get();
      DateTime hourEnd = new DateTime(latest.get().end());
      nodes[0].setValue(good(aqi.value(), hourEnd, serverTime));
      nodes[1].setValue(
          good(
              aqi.primary().stream().map(Pollutant::label).collect(Collectors.joining(",")),
              hourEnd,
              serverTime));
      nodes[2].setValue(good(aqi.category().displayName(), hourEnd, serverTime));
    }
    LocalDate today = LocalDate.ofInstant(now, zone);
    for (Map.Entry<Station, UaVariableNode> water : waterNodes.entrySet()) {
      DataValue value = new DataValue(new StatusCode(StatusCodes.Bad_NoData));
      for (LocalDate day : List.of(today, today.minusDays(1))) {
        Optional<SectionClass> section = products.waterClass(water.getKey(), day);
        if (section.isPresent()) {
          value =
              good(
                  section.get().waterClass().label(),
                  new DateTime(day.atStartOfDay(zone).toInstant()),
                  serverTime);
          break;
        }
      }
      water.getValue().setValue(value);
    }
  }

  /** The variables, for tests and the log. */
  List<UaVariableNode> variables() {
    List<UaVariableNode> all = new ArrayList<>();
    aqiNodes.values().forEach(nodes -> all.addAll(List.of(nodes)));
    all.addAll(waterNodes.values());
    return all;
  }

  private static DataValue good(Object value, DateTime source, DateTime server) {
    return new DataValue(new Variant(value), StatusCode.GOOD, source, server);
  }

  private UaVariableNode variable(
      String ownerId, NodeId ownerNode, String name, NodeId dataType, String displayName) {
    UaVariableNode node =
        new UaVariableNode.UaVariableNodeBuilder(context)
            .setNodeId(ids.state(ownerId, name))
            .setBrowseName(new QualifiedName(ids.namespaceIndex(), name))
            .setDisplayName(new LocalizedText("zh-CN", displayName))
            .setDescription(LocalizedText.english(name))
            .setDataType(dataType)
            .setAccessLevel(AccessLevel.READ_ONLY)
            .setUserAccessLevel(AccessLevel.READ_ONLY)
            .setMinimumSamplingInterval(SiteNodes.STATE_SAMPLING_MS)
            .setTypeDefinition(NodeIds.BaseDataVariableType)
            .build();
    node.setValue(new DataValue(new StatusCode(StatusCodes.Bad_WaitingForInitialData)));
    context.getNodeManager().addNode(node);
    UaNode owner =
        context
            .getNodeManager()
            .getNode(ownerNode)
            .orElseThrow(() -> new IllegalStateException("no node " + ownerNode));
    owner.addReference(
        new Reference(owner.getNodeId(), NodeIds.HasComponent, node.getNodeId().expanded(), true));
    return node;
  }
}
