package io.helan.opcua;

import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.field.FieldLinks;
import io.helan.ingest.DeviceMode;
import io.helan.ingest.DeviceModes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Keeps the LinkState and Mode variables of devices and stations current. A device's link state
 * comes from {@link FieldLinks} as it changes; its mode (set by commands in {@link DeviceModes},
 * which has no listener) is compared every {@value #MODE_CHECK_MS} ms, a few hundred reads. A
 * station shows its worst device link and its most significant device mode (emergency, then
 * maintenance, then calibration, then normal).
 */
final class DeviceStates implements LinkListener, AutoCloseable {
  static final long MODE_CHECK_MS = 500;
  private static final List<DeviceMode> MODE_PRECEDENCE =
      List.of(DeviceMode.EMERGENCY, DeviceMode.MAINTENANCE, DeviceMode.CALIBRATION);

  private record Variables(UaVariableNode linkState, UaVariableNode mode) {}

  private final Site site;
  private final FieldLinks links;
  private final DeviceModes modes;
  private final Map<String, Variables> variables = new ConcurrentHashMap<>();
  private final Map<String, DeviceMode> shownModes = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private ScheduledFuture<?> modeCheck;

  DeviceStates(Site site, FieldLinks links, DeviceModes modes) {
    this.site = site;
    this.links = links;
    this.modes = modes;
  }

  /** Registers the state variables of a station or device, by the owner's id. */
  void register(String ownerId, UaVariableNode linkState, UaVariableNode mode) {
    variables.put(ownerId, new Variables(linkState, mode));
  }

  /** Shows the present states, then follows link changes and checks modes periodically. */
  void start(ScheduledExecutorService scheduler) {
    for (Station station : site.stations()) {
      for (Device device : station.devices()) {
        show(device.id(), links.state(device.id()), modes.mode(device.id()));
        shownModes.put(device.id(), modes.mode(device.id()));
      }
      showStation(station);
    }
    links.addListener(this);
    links.addRemoteListener(this);
    modeCheck =
        scheduler.scheduleWithFixedDelay(
            this::checkModes, MODE_CHECK_MS, MODE_CHECK_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onLinkState(Device device, LinkState state, String reason) {
    if (closed) {
      return;
    }
    Variables shown = variables.get(device.id());
    if (shown != null) {
      set(shown.linkState(), state.name());
    }
    site.station(device.stationId()).ifPresent(this::showStation);
  }

  private void checkModes() {
    for (Station station : site.stations()) {
      boolean changed = false;
      for (Device device : station.devices()) {
        DeviceMode mode = modes.mode(device.id());
        if (shownModes.put(device.id(), mode) != mode) {
          Variables shown = variables.get(device.id());
          if (shown != null) {
            set(shown.mode(), mode.name());
          }
          changed = true;
        }
      }
      if (changed) {
        showStation(station);
      }
    }
  }

  private void show(String ownerId, LinkState state, DeviceMode mode) {
    Variables owner = variables.get(ownerId);
    if (owner != null) {
      set(owner.linkState(), state.name());
      set(owner.mode(), mode.name());
    }
  }

  private void showStation(Station station) {
    LinkState worst =
        station.devices().stream()
            .map(d -> links.state(d.id()))
            .max(Comparator.comparingInt(DeviceStates::severity))
            .orElse(LinkState.DISCONNECTED);
    DeviceMode mode =
        MODE_PRECEDENCE.stream()
            .filter(m -> station.devices().stream().anyMatch(d -> modes.mode(d.id()) == m))
            .findFirst()
            .orElse(DeviceMode.NORMAL);
    show(station.id(), worst, mode);
  }

  private static int severity(LinkState state) {
    return switch (state) {
      case CONNECTED -> 0;
      case CONNECTING -> 1;
      case DISCONNECTED -> 2;
      case CLOSED -> 3;
    };
  }

  private static void set(UaVariableNode node, String value) {
    Object current = node.getValue().value().value();
    if (!value.equals(current)) {
      DateTime now = DateTime.now();
      node.setValue(new DataValue(Variant.ofString(value), StatusCode.GOOD, now, now));
    }
  }

  @Override
  public void close() {
    closed = true;
    if (modeCheck != null) {
      modeCheck.cancel(false);
    }
  }
}
