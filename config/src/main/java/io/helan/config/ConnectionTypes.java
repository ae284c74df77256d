package io.helan.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The protocols a site file may name: every {@link ConnectionType} on the class path. */
public final class ConnectionTypes {
  private final Map<String, ConnectionType> byProtocol = new LinkedHashMap<>();

  /**
   * @throws IllegalStateException if two types claim the same protocol id
   */
  public ConnectionTypes(Collection<ConnectionType> types) {
    for (ConnectionType type : types) {
      ConnectionType other = byProtocol.putIfAbsent(type.protocol(), type);
      if (other != null) {
        throw new IllegalStateException(
            "protocol '"
                + type.protocol()
                + "' is claimed by both "
                + other.getClass().getName()
                + " and "
                + type.getClass().getName());
      }
    }
  }

  /** The types found through {@link ServiceLoader} by the class loader that loaded this class. */
  public static ConnectionTypes installed() {
    return new ConnectionTypes(
        ServiceLoader.load(ConnectionType.class, ConnectionTypes.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  public Optional<ConnectionType> find(String protocol) {
    return Optional.ofNullable(byProtocol.get(protocol));
  }

  /** The protocol ids, in the order the types were found. */
  public List<String> protocols() {
    return List.copyOf(byProtocol.keySet());
  }
}
