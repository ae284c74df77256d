package io.helan.config;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Binds a listener that must know its port before it binds, on a port nothing else uses. An OPC UA
 * server names its port in the endpoint descriptions it gives clients, so it cannot bind port 0 and
 * learn the port afterwards (Milo would advertise port 0). Probing for a free port and releasing it
 * races with every other process on the machine; instead this tries random ports from the dynamic
 * range (49152–65535, RFC 6335) and takes the next one while the port is taken.
 */
public final class FreePort {
  private static final int FIRST = 49152;
  private static final int LAST = 65535;
  private static final int ATTEMPTS = 20;

  /** Binds a listener at a port, or throws a {@link BindException} (also as a cause). */
  @FunctionalInterface
  public interface Listener<T> {
    T bindAt(int port) throws Exception;
  }

  private FreePort() {}

  /**
   * Binds {@code listener} at a random port of the dynamic range, and at another one each time the
   * port is taken.
   *
   * @return what {@code listener} returned for the port it bound
   * @throws IOException if {@value #ATTEMPTS} ports in a row were taken
   * @throws Exception whatever else {@code listener} throws
   */
  public static <T> T bind(Listener<T> listener) throws Exception {
    IOException taken = new IOException("no free port in " + ATTEMPTS + " attempts");
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
      try {
        return listener.bindAt(port);
      } catch (Exception e) {
        if (!isPortTaken(e)) {
          throw e;
        }
        taken.addSuppressed(e);
      }
    }
    throw taken;
  }

  /**
   * Whether binding failed because the port is in use: a {@link BindException}, or caused by one.
   */
  public static boolean isPortTaken(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}
