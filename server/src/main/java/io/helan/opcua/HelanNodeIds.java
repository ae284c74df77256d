package io.helan.opcua;

import io.helan.config.CommandDefinition;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Station;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * The NodeIds of Helan's address space, made from the ids in the site configuration so they stay
 * the same across restarts: a point is {@code s=<station>.<device>.<point>}, a device {@code
 * s=<station>.<device>}, a station {@code s=<station>}, a region {@code s=region:<region>}; state
 * variables and methods append {@code #<name>} to their owner's id, and an alarm condition is
 * {@code s=<alarm id>} ({@code <source>/<kind>}).
 */
final class HelanNodeIds {
  static final String ROOT = "Helan";
  static final String LINK_STATE = "LinkState";
  static final String MODE = "Mode";

  private final UShort namespaceIndex;

  HelanNodeIds(UShort namespaceIndex) {
    this.namespaceIndex = namespaceIndex;
  }

  UShort namespaceIndex() {
    return namespaceIndex;
  }

  NodeId root() {
    return id(ROOT);
  }

  NodeId region(Region region) {
    return id("region:" + region.id());
  }

  NodeId station(Station station) {
    return id(station.id());
  }

  NodeId device(Device device) {
    return id(device.id());
  }

  NodeId point(Point point) {
    return id(point.id());
  }

  /** A state variable (link state, mode) of a station or device. */
  NodeId state(String ownerId, String name) {
    return id(ownerId + "#" + name);
  }

  NodeId method(Device device, CommandDefinition command) {
    return id(device.id() + "#" + command.id());
  }

  NodeId condition(String alarmId) {
    return id(alarmId);
  }

  /** The string identifier of one of our NodeIds, or null when it is from another namespace. */
  String identifier(NodeId nodeId) {
    if (!namespaceIndex.equals(nodeId.getNamespaceIndex())
        || !(nodeId.getIdentifier() instanceof String text)) {
      return null;
    }
    return text;
  }

  private NodeId id(String identifier) {
    return new NodeId(namespaceIndex, identifier);
  }
}
