package io.helan.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1 between drivers and a device that can fall silent without closing
 * anything, as a cut cable or a hung device does: bytes are then dropped both ways and only
 * timeouts can tell.
 */
public final class SilentLinkProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int devicePort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "silent-link-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean silent;

  public SilentLinkProxy(int devicePort) throws IOException {
    this.devicePort = devicePort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** The port drivers connect to instead of the device's. */
  public int port() {
    return listener.getLocalPort();
  }

  public void fallSilent() {
    silent = true;
  }

  public void speakAgain() {
    silent = false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket driver = listener.accept();
        Socket device;
        try {
          device = new Socket(InetAddress.getLoopbackAddress(), devicePort);
        } catch (IOException e) {
          driver.close(); // the device is down: refuse as it would
          continue;
        }
        sockets.add(driver);
        sockets.add(device);
        threads.execute(() -> relay(driver, device));
        threads.execute(() -> relay(device, driver));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (from;
        to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (!silent) {
          out.write(buffer, 0, read);
          out.flush();
        }
      }
    } catch (IOException e) {
      // one side closed: the other is closed with it
    } finally {
      sockets.remove(from);
      sockets.remove(to);
    }
  }
}
