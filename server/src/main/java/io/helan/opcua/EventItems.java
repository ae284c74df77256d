package io.helan.opcua;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Event monitored items on Helan's notifiers (the Helan folder, regions, stations, devices). An
 * event reaches the items on the notifiers above its source, so a client watching a station sees
 * that station's alarms only; items on the Server object are served by Milo's event notifier.
 */
final class EventItems {
  private final Map<NodeId, Set<EventItem>> byNotifier = new ConcurrentHashMap<>();

  void add(EventItem item) {
    if (item.isSamplingEnabled()) {
      byNotifier.computeIfAbsent(notifier(item), n -> ConcurrentHashMap.newKeySet()).add(item);
    } else {
      remove(item);
    }
  }

  void remove(EventItem item) {
    Set<EventItem> items = byNotifier.get(notifier(item));
    if (items != null) {
      items.remove(item);
    }
  }

  /** Hands the event to every item watching one of {@code notifiers}. */
  void deliver(BaseEventTypeNode event, List<NodeId> notifiers) {
    for (NodeId notifier : notifiers) {
      Set<EventItem> items = byNotifier.get(notifier);
      if (items != null) {
        items.forEach(item -> item.onEvent(event));
      }
    }
  }

  private static NodeId notifier(EventItem item) {
    return item.getReadValueId().getNodeId();
  }
}
