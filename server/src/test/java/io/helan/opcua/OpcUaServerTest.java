package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.helan.alarms.AlarmKind;
import io.helan.alarms.AlarmRecord;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.driver.Quality;
import io.helan.historian.HistoryRow;
import io.helan.historian.RawSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.AggregateConfiguration;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryData;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRawModifiedDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Milo clients against Helan's OPC UA server on the real pipeline (simulators, drivers, ingest,
 * QuestDB, commands, alarm engine): browse, read, subscribe, methods, history, alarms.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpcUaServerTest {
  /**
   * How long a link may take to be back after a poll that timed out under load (a timeout and a
   * reconnect with its backoff).
   */
  private static final Duration LINK_RECOVERY = Duration.ofSeconds(30);

  @TempDir static Path dataDir;
  static OpcUaTestRig rig;
  static String url;
  static int ns;
  static OpcUaClient anonymous;

  @BeforeAll
  static void start() throws Exception {
    rig = new OpcUaTestRig(dataDir);
    url = rig.server.endpointUrl();
    ns = rig.server.namespaceIndex().intValue();
    anonymous = OpcUaTestClient.anonymous(url);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> allPointsHaveValues());
  }

  @AfterAll
  static void stop() throws Exception {
    if (anonymous != null) {
      anonymous.disconnect();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  @Order(1)
  void browsesTheWholeSiteTree() throws Exception {
    List<ReferenceDescription> top = OpcUaTestClient.children(anonymous, NodeIds.ObjectsFolder);
    ReferenceDescription helan =
        top.stream()
            .filter(r -> r.getBrowseName().name().equals("Helan"))
            .findFirst()
            .orElseThrow();
    Set<String> variables = ConcurrentHashMap.newKeySet();
    Set<String> methods = ConcurrentHashMap.newKeySet();
    List<String> paths = new ArrayList<>();
    walk(node(helan), "Helan", variables, methods, paths);

    for (Point point : rig.site.points()) {
      assertThat(variables).contains(point.id());
      Station station = rig.site.station(point.stationId()).orElseThrow();
      String device = point.deviceId().substring(point.stationId().length() + 1);
      String leaf = point.id().substring(point.deviceId().length() + 1);
      assertThat(paths)
          .contains(String.join("/", "Helan", station.regionId(), station.id(), device, leaf));
    }
    for (Device device : rig.site.devices()) {
      assertThat(variables).contains(device.id() + "#LinkState", device.id() + "#Mode");
      for (var command : device.commands()) {
        assertThat(methods).contains(device.id() + "#" + command.id());
      }
    }
    for (Station station : rig.site.stations()) {
      assertThat(variables).contains(station.id() + "#LinkState", station.id() + "#Mode");
    }
  }

  @Test
  @Order(2)
  void readsValuesWithEngineeringUnitsAndRange() throws Exception {
    Station air = rig.station(StationKind.AIR_CITY);
    Point pm25 = rig.point(air.devices().get(0).id() + ".pm25");
    Point dose =
        rig.point(rig.station(StationKind.RADIATION_GAMMA).devices().get(0).id() + ".dose-rate");

    for (Point point : List.of(pm25, dose)) {
      // under load a poll may time out and the point be BAD until the next: wait for a Good one
      DataValue value =
          await()
              .atMost(LINK_RECOVERY)
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> anonymous.readValue(0, TimestampsToReturn.Both, id(point.id())),
                  v -> v.statusCode().isGood());
      DataValue dataType =
          anonymous.read(
                  0,
                  TimestampsToReturn.Neither,
                  List.of(readId(id(point.id()), AttributeId.DataType)))
              .getResults()[0];
      assertThat(dataType.value().value()).isEqualTo(PointValues.Kind.of(point).dataType());
      assertThat(
              value.value().getDataTypeId().flatMap(x -> x.toNodeId(anonymous.getNamespaceTable())))
          .contains(PointValues.Kind.of(point).dataType());
      assertThat(value.sourceTime()).isNotNull();
      assertThat(value.sourceTime().getJavaInstant())
          .isAfter(Instant.now().minus(Duration.ofMinutes(1)));

      Range range = (Range) decode(property(point.id(), "EURange"));
      assertThat(range.getLow()).isEqualTo(point.rangeLow());
      assertThat(range.getHigh()).isEqualTo(point.rangeHigh());
      EUInformation units = (EUInformation) decode(property(point.id(), "EngineeringUnits"));
      assertThat(units.getNamespaceUri()).isEqualTo(EngineeringUnits.UNECE_NAMESPACE);
      assertThat(units.getDisplayName().text()).isEqualTo(point.unit());
    }
    EUInformation pm25Units = (EUInformation) decode(property(pm25.id(), "EngineeringUnits"));
    assertThat(pm25Units.getUnitId()).isEqualTo(EngineeringUnits.unitId("GQ"));
    EUInformation doseUnits = (EUInformation) decode(property(dose.id(), "EngineeringUnits"));
    assertThat(doseUnits.getUnitId()).isEqualTo(EngineeringUnits.unitId("P64"));
  }

  @Test
  @Order(3)
  void stationsAndDevicesCarryLinkStateAndMode() {
    // every station CONNECTED and NORMAL in one read; a link that dropped a timed-out poll under
    // load is back within its reconnect
    await()
        .atMost(LINK_RECOVERY)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (Station station : rig.site.stations()) {
                List<DataValue> states =
                    anonymous.readValues(
                        0,
                        TimestampsToReturn.Both,
                        List.of(id(station.id() + "#LinkState"), id(station.id() + "#Mode")));
                assertThat(states.get(0).value().value())
                    .as("link state of %s", station.id())
                    .isEqualTo("CONNECTED");
                assertThat(states.get(1).value().value())
                    .as("mode of %s", station.id())
                    .isEqualTo("NORMAL");
              }
            });
  }

  @Test
  @Order(4)
  void subscriptionDeliversLiveSimulatorValues() throws Exception {
    List<Point> watched =
        rig.site.points().stream()
            .filter(p -> !p.stationId().equals(rig.station(StationKind.WATER_SECTION).id()))
            .toList();
    Map<NodeId, List<DataValue>> received = new ConcurrentHashMap<>();
    OpcUaSubscription subscription = new OpcUaSubscription(anonymous, 100.0);
    subscription.create();
    for (Point point : watched) {
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(id(point.id()));
      item.setSamplingInterval(0.0);
      item.setDataValueListener(
          (i, value) ->
              received
                  .computeIfAbsent(
                      i.getReadValueId().getNodeId(), k -> new CopyOnWriteArrayList<>())
                  .add(value));
      subscription.addMonitoredItem(item);
    }
    subscription.synchronizeMonitoredItems();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                for (Point point : watched) {
                  List<DataValue> values = received.getOrDefault(id(point.id()), List.of());
                  // a value that does not change is reported once (data change trigger
                  // StatusValue); measured values change with every reading. Only Good values
                  // count: a poll that timed out under load delivers a BAD one in between.
                  assertThat(
                          values.stream()
                              .filter(v -> v.statusCode().isGood())
                              .map(DataValue::sourceTime)
                              .distinct()
                              .count())
                      .as("source timestamps of Good values of %s", point.id())
                      .isGreaterThanOrEqualTo(measured(point) ? 3 : 1);
                }
              });
      for (Point point : watched) {
        List<DataValue> values = received.get(id(point.id()));
        for (int i = 1; i < values.size(); i++) {
          assertThat(values.get(i).sourceTime().getUtcTime())
              .isGreaterThanOrEqualTo(values.get(i - 1).sourceTime().getUtcTime());
        }
        // Good, or the communication failure of a poll that timed out under load: nothing else
        assertThat(values)
            .as("values of %s", point.id())
            .allMatch(
                v ->
                    v.statusCode().isGood()
                        || v.statusCode().getValue() == Quality.BAD_COMMUNICATION.statusCode());
      }
    } finally {
      subscription.delete();
    }
  }

  @Test
  @Order(5)
  void historyReadRawAndProcessedEqualTheHistorianRows() throws Exception {
    Point point = rig.point(rig.station(StationKind.AIR_CITY).devices().get(0).id() + ".pm25");
    // Under load the rig may have run only a few seconds: wait for a full window of samples.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              rig.historian.flush().get(30, TimeUnit.SECONDS);
              Instant now = Instant.now();
              return rig.historian
                      .raw(point, now.minusSeconds(10), now, 10_000, false)
                      .get(30, TimeUnit.SECONDS)
                      .size()
                  > 6;
            });
    // on the historian's 2 s calendar grid, so its rows are the OPC UA intervals
    Instant end = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 2 * 2);
    Instant start = end.minusSeconds(8);
    rig.historian.flush().get(30, TimeUnit.SECONDS);

    List<RawSample> stored =
        rig.historian.raw(point, start, end, 10_000, false).get(30, TimeUnit.SECONDS);
    assertThat(stored).hasSizeGreaterThan(4);
    List<DataValue> raw = new ArrayList<>();
    ByteString continuation = ByteString.NULL_VALUE;
    int reads = 0;
    do {
      HistoryReadResult result =
          history(
              new ReadRawModifiedDetails(
                  false, new DateTime(start), new DateTime(end), uint(3), false),
              point,
              continuation);
      assertThat(result.getStatusCode().isGood()).isTrue();
      raw.addAll(List.of(values(result)));
      continuation = result.getContinuationPoint();
      reads++;
    } while (continuation != null && continuation.isNotNull());
    assertThat(reads).isGreaterThan(1);
    assertThat(raw.stream().map(v -> v.sourceTime().getJavaInstant()).toList())
        .containsExactlyElementsOf(stored.stream().map(RawSample::time).toList());
    for (int i = 0; i < stored.size(); i++) {
      assertThat(((Number) raw.get(i).value().value()).doubleValue())
          .isCloseTo(stored.get(i).value(), within(1e-3));
    }

    DataValue[] newest =
        values(
            history(
                new ReadRawModifiedDetails(
                    false, DateTime.MIN_VALUE, new DateTime(end), uint(2), false),
                point,
                ByteString.NULL_VALUE));
    assertThat(newest).hasSize(2);
    assertThat(newest[0].sourceTime().getJavaInstant())
        .isEqualTo(stored.get(stored.size() - 1).time());
    assertThat(newest[1].sourceTime().getJavaInstant())
        .isEqualTo(stored.get(stored.size() - 2).time());

    Duration step = Duration.ofSeconds(2);
    List<HistoryRow> rows =
        rig.historian.history(point, start, end, step).get(30, TimeUnit.SECONDS);
    assertThat(rows).isNotEmpty();
    Map<Instant, HistoryRow> byTime =
        rows.stream().collect(Collectors.toMap(HistoryRow::time, r -> r));
    DataValue[] average = processed(point, start, end, step, NodeIds.AggregateFunction_Average);
    DataValue[] minimum = processed(point, start, end, step, NodeIds.AggregateFunction_Minimum);
    DataValue[] maximum = processed(point, start, end, step, NodeIds.AggregateFunction_Maximum);
    DataValue[] count = processed(point, start, end, step, NodeIds.AggregateFunction_Count);
    assertThat(average).hasSize(4);
    for (int i = 0; i < average.length; i++) {
      Instant interval = start.plus(step.multipliedBy(i));
      assertThat(average[i].sourceTime().getJavaInstant()).isEqualTo(interval);
      HistoryRow row = byTime.get(interval);
      if (row == null) {
        assertThat(average[i].statusCode().getValue()).isEqualTo(StatusCodes.Bad_NoData);
        assertThat(count[i].value().value()).isEqualTo(0);
      } else {
        assertThat((Double) average[i].value().value()).isEqualTo(row.avg());
        assertThat((Double) minimum[i].value().value()).isEqualTo(row.min());
        assertThat((Double) maximum[i].value().value()).isEqualTo(row.max());
        assertThat(((Number) count[i].value().value()).longValue()).isEqualTo(row.count());
      }
    }

    DataValue[] interpolated =
        processed(point, start, end, step, NodeIds.AggregateFunction_Interpolative);
    assertThat(interpolated).hasSize(4);
    for (int i = 0; i < interpolated.length; i++) {
      if (interpolated[i].statusCode().isGood()) {
        double value = (Double) interpolated[i].value().value();
        assertThat(value).isBetween(point.rangeLow(), point.rangeHigh());
      }
    }

    Instant offGrid = start.plusMillis(500);
    DataValue[] offGridCount =
        processed(point, offGrid, end, Duration.ofMillis(1500), NodeIds.AggregateFunction_Count);
    long goodStored =
        stored.stream().filter(s -> s.quality().isGood() && !s.time().isBefore(offGrid)).count();
    long counted = 0;
    for (DataValue value : offGridCount) {
      counted += ((Number) value.value().value()).longValue();
    }
    assertThat(counted).isEqualTo(goodStored);
  }

  @Test
  @Order(6)
  void commandMethodsRefuseAnonymousAndMissingRolesAndRunForTheRightRole() throws Exception {
    Device rack = rig.station(StationKind.AIR_CITY).devices().get(0);
    var zero =
        rack.commands().stream()
            .filter(c -> c.kind() == CommandKind.ZERO_CALIBRATION)
            .findFirst()
            .orElseThrow();
    CallMethodRequest call =
        new CallMethodRequest(
            id(rack.id()), id(rack.id() + "#" + zero.id()), new Variant[] {Variant.ofDouble(2.0)});

    CallMethodResult byAnonymous = anonymous.call(List.of(call)).getResults()[0];
    assertThat(byAnonymous.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_UserAccessDenied);

    OpcUaClient viewer = OpcUaTestClient.user(url, "viewer");
    OpcUaClient maintainer = OpcUaTestClient.user(url, "maintainer");
    try {
      CallMethodResult byViewer = viewer.call(List.of(call)).getResults()[0];
      assertThat(byViewer.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_UserAccessDenied);
      assertThat(byViewer.getOutputArguments()[1].value()).isEqualTo("REFUSED");

      CallMethodResult byMaintainer = maintainer.call(List.of(call)).getResults()[0];
      assertThat(byMaintainer.getStatusCode().isGood())
          .as("%s", List.of(byMaintainer.getOutputArguments()))
          .isTrue();
      String commandId = (String) byMaintainer.getOutputArguments()[0].value();
      assertThat(byMaintainer.getOutputArguments()[1].value()).isIn("ACKNOWLEDGED", "COMPLETED");
      assertThat(rig.commands.command(commandId).orElseThrow().user()).isEqualTo("maintainer");
      assertThat(rig.commands.command(commandId).orElseThrow().origin().channel())
          .isEqualTo("opcua");
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(
                          anonymous
                              .readValue(0, TimestampsToReturn.Neither, id(rack.id() + "#Mode"))
                              .value()
                              .value())
                      .isEqualTo("CALIBRATION"));
    } finally {
      viewer.disconnect();
      maintainer.disconnect();
    }
  }

  @Test
  @Order(7)
  void alarmsAreConditionsWithEventsAcknowledgeAndRefresh() throws Exception {
    Station gamma = rig.station(StationKind.RADIATION_GAMMA);
    Device device = gamma.devices().get(0);
    String alarmId = device.id() + "/" + AlarmKind.COMMUNICATION_LOSS.name();
    NodeId conditionId = id(alarmId);
    List<Variant[]> serverEvents = new CopyOnWriteArrayList<>();
    List<Variant[]> stationEvents = new CopyOnWriteArrayList<>();
    OpcUaClient operator = OpcUaTestClient.user(url, "operator");
    OpcUaSubscription subscription = new OpcUaSubscription(operator, 100.0);
    subscription.create();
    OpcUaMonitoredItem onServer = OpcUaMonitoredItem.newEventItem(NodeIds.Server, eventFilter());
    onServer.setQueueSize(uint(100));
    onServer.setEventValueListener((item, fields) -> serverEvents.add(fields));
    OpcUaMonitoredItem onStation = OpcUaMonitoredItem.newEventItem(id(gamma.id()), eventFilter());
    onStation.setQueueSize(uint(100));
    onStation.setEventValueListener((item, fields) -> stationEvents.add(fields));
    subscription.addMonitoredItem(onServer);
    subscription.addMonitoredItem(onStation);
    subscription.synchronizeMonitoredItems();
    try {
      rig.simulators.stopStation(gamma.id());
      Variant[] raised =
          awaitEvent(serverEvents, conditionId, e -> isTrue(e[F_ACTIVE]) && !isTrue(e[F_ACKED]));
      assertThat(raised[F_TYPE].value()).isEqualTo(NodeIds.OffNormalAlarmType);
      assertThat(raised[F_SOURCE].value()).isEqualTo(id(device.id()));
      assertThat(isTrue(raised[F_RETAIN])).isTrue();
      awaitEvent(stationEvents, conditionId, e -> isTrue(e[F_ACTIVE]));

      CallMethodRequest acknowledge =
          new CallMethodRequest(
              conditionId,
              NodeIds.AcknowledgeableConditionType_Acknowledge,
              new Variant[] {
                raised[F_EVENT_ID], Variant.ofLocalizedText(LocalizedText.english("seen"))
              });
      assertThat(anonymous.call(List.of(acknowledge)).getResults()[0].getStatusCode().getValue())
          .isEqualTo(StatusCodes.Bad_UserAccessDenied);
      OpcUaClient viewer = OpcUaTestClient.user(url, "viewer");
      try {
        assertThat(viewer.call(List.of(acknowledge)).getResults()[0].getStatusCode().getValue())
            .isEqualTo(StatusCodes.Bad_UserAccessDenied);
      } finally {
        viewer.disconnect();
      }
      StatusCode acked = operator.call(List.of(acknowledge)).getResults()[0].getStatusCode();
      assertThat(acked.isGood()).as("%s", acked).isTrue();
      awaitEvent(serverEvents, conditionId, e -> isTrue(e[F_ACTIVE]) && isTrue(e[F_ACKED]));
      AlarmRecord journaled = rig.alarms.alarm(alarmId).orElseThrow();
      assertThat(journaled.acknowledgedBy()).isEqualTo("operator");
      assertThat(operator.call(List.of(acknowledge)).getResults()[0].getStatusCode().isBad())
          .isTrue();

      serverEvents.clear();
      UInteger subscriptionId = subscription.getSubscriptionId().orElseThrow();
      StatusCode refreshed =
          operator
              .call(
                  List.of(
                      new CallMethodRequest(
                          NodeIds.ConditionType,
                          NodeIds.ConditionType_ConditionRefresh,
                          new Variant[] {Variant.ofUInt32(subscriptionId)})))
              .getResults()[0]
              .getStatusCode();
      assertThat(refreshed.isGood()).isTrue();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  serverEvents.stream()
                      .anyMatch(e -> NodeIds.RefreshEndEventType.equals(e[F_TYPE].value())));
      List<Object> types = serverEvents.stream().map(e -> e[F_TYPE].value()).toList();
      assertThat(types.get(0)).isEqualTo(NodeIds.RefreshStartEventType);
      assertThat(serverEvents)
          .anyMatch(e -> conditionId.equals(e[F_CONDITION].value()) && isTrue(e[F_RETAIN]));

      rig.simulators.startStation(gamma.id());
      awaitEvent(serverEvents, conditionId, e -> !isTrue(e[F_ACTIVE]) && !isTrue(e[F_RETAIN]));
    } finally {
      subscription.delete();
      operator.disconnect();
    }
  }

  // ---- helpers ----

  private static final int F_EVENT_ID = 0;
  private static final int F_TYPE = 1;
  private static final int F_SOURCE = 2;
  private static final int F_CONDITION = 3;
  private static final int F_RETAIN = 4;
  private static final int F_ACTIVE = 5;
  private static final int F_ACKED = 6;

  private static EventFilter eventFilter() {
    return new EventFilter(
        new SimpleAttributeOperand[] {
          field(NodeIds.BaseEventType, "EventId"),
          field(NodeIds.BaseEventType, "EventType"),
          field(NodeIds.BaseEventType, "SourceNode"),
          new SimpleAttributeOperand(
              NodeIds.ConditionType, new QualifiedName[0], AttributeId.NodeId.uid(), null),
          field(NodeIds.ConditionType, "Retain"),
          field(NodeIds.AlarmConditionType, "ActiveState", "Id"),
          field(NodeIds.AcknowledgeableConditionType, "AckedState", "Id")
        },
        new ContentFilter(null));
  }

  private static SimpleAttributeOperand field(NodeId type, String... path) {
    QualifiedName[] names = new QualifiedName[path.length];
    for (int i = 0; i < path.length; i++) {
      names[i] = new QualifiedName(0, path[i]);
    }
    return new SimpleAttributeOperand(type, names, AttributeId.Value.uid(), null);
  }

  private static Variant[] awaitEvent(
      List<Variant[]> events, NodeId condition, Predicate<Variant[]> test) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                events.stream()
                    .filter(e -> condition.equals(e[F_CONDITION].value()) && test.test(e))
                    .reduce((a, b) -> b)
                    .orElse(null),
            e -> e != null);
  }

  private static boolean isTrue(Variant value) {
    return Boolean.TRUE.equals(value.value());
  }

  /** Air pollutants (they have an HJ 212 code) and the dose rate vary with every reading. */
  private static boolean measured(Point point) {
    return point.code() != null || point.id().endsWith(".dose-rate");
  }

  private static boolean allPointsHaveValues() throws Exception {
    List<NodeId> ids = rig.site.points().stream().map(p -> id(p.id())).toList();
    return anonymous.readValues(0, TimestampsToReturn.Both, ids).stream()
        .allMatch(v -> v.statusCode().isGood());
  }

  private static void walk(
      NodeId node, String path, Set<String> variables, Set<String> methods, List<String> paths)
      throws Exception {
    for (ReferenceDescription child : OpcUaTestClient.children(anonymous, node)) {
      NodeId childId = node(child);
      if (childId.getNamespaceIndex().intValue() != ns) {
        continue;
      }
      String childPath = path + "/" + child.getBrowseName().name();
      String identifier = (String) childId.getIdentifier();
      switch (child.getNodeClass()) {
        case Variable -> {
          variables.add(identifier);
          paths.add(childPath);
        }
        case Method -> methods.add(identifier);
        default -> walk(childId, childPath, variables, methods, paths);
      }
    }
  }

  private static NodeId node(ReferenceDescription reference) {
    return reference.getNodeId().toNodeId(anonymous.getNamespaceTable()).orElseThrow();
  }

  private static NodeId id(String identifier) {
    return new NodeId(ns, identifier);
  }

  private static ReadValueId readId(NodeId node, AttributeId attribute) {
    return new ReadValueId(node, attribute.uid(), null, QualifiedName.NULL_VALUE);
  }

  private static DataValue property(String pointId, String name) throws Exception {
    for (ReferenceDescription child : OpcUaTestClient.children(anonymous, id(pointId))) {
      if (child.getBrowseName().name().equals(name)) {
        return anonymous.readValue(0, TimestampsToReturn.Neither, node(child));
      }
    }
    throw new AssertionError(pointId + " has no property " + name);
  }

  private static Object decode(DataValue value) {
    return ((ExtensionObject) value.value().value()).decode(anonymous.getStaticEncodingContext());
  }

  private static HistoryReadResult history(
      HistoryReadDetails details, Point point, ByteString continuation) throws Exception {
    return anonymous.historyRead(
            details,
            TimestampsToReturn.Both,
            false,
            List.of(
                new HistoryReadValueId(
                    id(point.id()), null, QualifiedName.NULL_VALUE, continuation)))
        .getResults()[0];
  }

  private static DataValue[] values(HistoryReadResult result) {
    HistoryData data =
        (HistoryData) result.getHistoryData().decode(anonymous.getStaticEncodingContext());
    return data.getDataValues() == null ? new DataValue[0] : data.getDataValues();
  }

  private static DataValue[] processed(
      Point point, Instant start, Instant end, Duration step, NodeId aggregate) throws Exception {
    List<DataValue> all = new ArrayList<>();
    ByteString continuation = ByteString.NULL_VALUE;
    do {
      HistoryReadResult result =
          history(
              new ReadProcessedDetails(
                  new DateTime(start),
                  new DateTime(end),
                  (double) step.toMillis(),
                  new NodeId[] {aggregate},
                  new AggregateConfiguration(true, false, ubyte(100), ubyte(100), false)),
              point,
              continuation);
      assertThat(result.getStatusCode().isGood()).as("%s", result.getStatusCode()).isTrue();
      all.addAll(List.of(values(result)));
      continuation = result.getContinuationPoint();
    } while (continuation != null && continuation.isNotNull());
    return all.toArray(DataValue[]::new);
  }
}
