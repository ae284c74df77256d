package io.helan.opcua;

import io.helan.config.Point;
import io.helan.config.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;

/**
 * Helan's namespace. Point values reach monitored items by exception through {@link LiveValues};
 * everything else that is monitored (state variables, properties, condition fields) is sampled by
 * Milo's {@link SubscriptionModel}. History reads go to {@link OpcUaHistory}, event items on
 * Helan's notifiers to {@link EventItems}.
 */
final class HelanNamespace extends ManagedNamespaceWithLifecycle {
  private final Site site;
  private final HelanNodeIds ids;
  private final LiveValues live;
  private final EventItems events;
  private final OpcUaHistory history;
  private final SubscriptionModel sampled;

  HelanNamespace(
      OpcUaServer server,
      String namespaceUri,
      Site site,
      LiveValues live,
      EventItems events,
      OpcUaHistory history) {
    super(server, namespaceUri);
    this.site = site;
    this.ids = new HelanNodeIds(getNamespaceIndex());
    this.live = live;
    this.events = events;
    this.history = history;
    this.sampled = new SubscriptionModel(server, this);
    getLifecycleManager().addLifecycle(sampled);
  }

  /** Runs {@code task} when the namespace starts, before clients can browse it. */
  void onStartup(Runnable task) {
    getLifecycleManager().addStartupTask(task);
  }

  @Override
  public List<HistoryReadResult> historyRead(
      HistoryReadContext context,
      HistoryReadDetails details,
      TimestampsToReturn timestamps,
      List<HistoryReadValueId> nodes) {
    return history.read(context, details, timestamps, nodes);
  }

  @Override
  public void onDataItemsCreated(List<DataItem> items) {
    List<DataItem> others = new ArrayList<>();
    for (DataItem item : items) {
      Optional<Point> point = pointValueOf(item);
      if (point.isPresent()) {
        live.add(point.get().index(), item);
      } else {
        others.add(item);
      }
    }
    sampled.onDataItemsCreated(others);
  }

  @Override
  public void onDataItemsModified(List<DataItem> items) {
    sampled.onDataItemsModified(items.stream().filter(i -> pointValueOf(i).isEmpty()).toList());
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> items) {
    List<DataItem> others = new ArrayList<>();
    for (DataItem item : items) {
      Optional<Point> point = pointValueOf(item);
      if (point.isPresent()) {
        live.remove(point.get().index(), item);
      } else {
        others.add(item);
      }
    }
    sampled.onDataItemsDeleted(others);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> items) {
    List<MonitoredItem> others = new ArrayList<>();
    for (MonitoredItem item : items) {
      if (item instanceof EventItem eventItem) {
        events.add(eventItem);
      } else if (item instanceof DataItem dataItem && pointValueOf(dataItem).isPresent()) {
        live.sendCurrent(pointValueOf(dataItem).get().index(), dataItem);
      } else {
        others.add(item);
      }
    }
    sampled.onMonitoringModeChanged(others);
  }

  @Override
  public void onEventItemsCreated(List<EventItem> items) {
    items.forEach(events::add);
  }

  @Override
  public void onEventItemsModified(List<EventItem> items) {
    items.forEach(events::add);
  }

  @Override
  public void onEventItemsDeleted(List<EventItem> items) {
    items.forEach(events::remove);
  }

  /** The point whose Value the item monitors; empty for any other node or attribute. */
  private Optional<Point> pointValueOf(MonitoredItem item) {
    if (!AttributeId.Value.uid().equals(item.getReadValueId().getAttributeId())) {
      return Optional.empty();
    }
    String id = ids.identifier(item.getReadValueId().getNodeId());
    return id == null ? Optional.empty() : site.point(id);
  }
}
