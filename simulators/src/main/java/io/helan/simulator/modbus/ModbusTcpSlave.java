package io.helan.simulator.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP slave built on j2mod's framing and request handling that, unlike j2mod's {@code
 * ModbusSlave}, drops its clients when stopped. j2mod's slave closes only its server socket: a
 * connected master keeps a half-dead link whose next request is answered with an exception by a
 * handler thread that never ends; and each master holds one thread of a fixed pool for as long as
 * it stays connected, so one master more than the pool has threads waits forever. Here each master
 * has its own thread while it stays connected.
 *
 * <p>Requests are served under the process image's monitor, so whoever updates the image under the
 * same monitor never shows a master half an update.
 */
final class ModbusTcpSlave extends AbstractModbusListener {
  private static final Logger log = LoggerFactory.getLogger(ModbusTcpSlave.class);
  private static final int BACKLOG = 50;

  /**
   * How long a master may stay silent before the slave drops it, as devices drop idle connections;
   * j2mod's own default, 3 s, would drop a master that polls every 5 s before each poll.
   */
  static final int IDLE_TIMEOUT_MS = 60_000;

  private final ProcessImage image;
  private final int unitId;
  private final Runnable readServed;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private volatile boolean open;
  private ServerSocket serverSocket;
  private Thread acceptor;

  /** A slave whose register reads nobody counts. */
  ModbusTcpSlave(ProcessImage image, int unitId) {
    this(image, unitId, () -> {});
  }

  /**
   * @param readServed told of each register read answered (function codes 3 and 4), once written
   */
  ModbusTcpSlave(ProcessImage image, int unitId, Runnable readServed) {
    this.image = image;
    this.unitId = unitId;
    this.readServed = readServed;
  }

  /**
   * Binds the port (0: a free one) and starts accepting masters; returns once they can connect.
   *
   * @return the port it listens on
   */
  int open(InetAddress bindAddress, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      // a restart must not wait for the previous run's connections to leave TIME_WAIT
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(bindAddress, port), BACKLOG);
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot listen on " + bindAddress.getHostAddress() + ":" + port, e);
    }
    serverSocket = socket;
    address = bindAddress;
    this.port = socket.getLocalPort();
    open = true;
    listening = true;
    acceptor = new Thread(this, "modbus-slave-" + this.port);
    acceptor.setDaemon(true);
    acceptor.start();
    return this.port;
  }

  /** Accepts masters until stopped. */
  @Override
  public void run() {
    while (open) {
      Socket client;
      try {
        client = serverSocket.accept();
      } catch (IOException e) {
        if (open) {
          log.warn("Modbus slave on port {} stopped accepting: {}", port, e.getMessage());
        }
        return;
      }
      clients.add(client);
      // stop() may have swept the clients between accept() and add(): close this one ourselves
      if (!open) {
        closeQuietly(client);
        return;
      }
      Thread handler = new Thread(() -> serve(client), "modbus-slave-" + port + "-client");
      handler.setDaemon(true);
      handler.start();
    }
  }

  /** Closes the port and every client connection; waits briefly for the acceptor to end. */
  @Override
  public void stop() {
    open = false;
    listening = false;
    if (serverSocket == null) {
      return;
    }
    closeQuietly(serverSocket);
    clients.forEach(ModbusTcpSlave::closeQuietly);
    try {
      acceptor.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public ProcessImage getProcessImage(int unit) {
    return unit == unitId ? image : null;
  }

  private void serve(Socket client) {
    try {
      client.setTcpNoDelay(true);
      ModbusTCPTransport transport = new ModbusTCPTransport(client);
      transport.setTimeout(IDLE_TIMEOUT_MS);
      while (open) {
        ModbusRequest request = transport.readRequest(this);
        transport.writeResponse(respond(request));
        // counted once written: a read answered as the slave stops never reached its master
        if (request.getFunctionCode() == Modbus.READ_MULTIPLE_REGISTERS
            || request.getFunctionCode() == Modbus.READ_INPUT_REGISTERS) {
          readServed.run();
        }
      }
    } catch (ModbusIOException | IOException e) {
      // the master went away, or stop() closed the socket
      log.debug("Modbus client of port {} left: {}", port, e.toString());
    } catch (RuntimeException e) {
      // j2mod reports a socket that stop() closed under it as an IllegalStateException
      if (client.isClosed()) {
        log.debug("Modbus client of port {} left: {}", port, e.toString());
      } else {
        log.warn("Modbus client of port {} dropped", port, e);
      }
    } finally {
      clients.remove(client);
      closeQuietly(client);
    }
  }

  private ModbusResponse respond(ModbusRequest request) {
    ProcessImage target = getProcessImage(request.getUnitID());
    if (target == null) {
      return request.createExceptionResponse(Modbus.ILLEGAL_ADDRESS_EXCEPTION);
    }
    synchronized (target) {
      return request.createResponse(this);
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      log.debug("closing failed: {}", e.getMessage());
    }
  }
}
