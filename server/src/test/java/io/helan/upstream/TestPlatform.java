package io.helan.upstream;

import io.helan.driver.hj212.Hj212FrameReader;
import io.helan.driver.hj212.Hj212Frames;
import io.helan.driver.hj212.Hj212Packet;
import io.helan.driver.hj212.Hj212Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream HJ 212 platform for tests, on the project's codec: it listens on 127.0.0.1, keeps
 * every packet it receives, answers uploads that ask for it with 9014 (unless told to withhold a
 * number of answers), and can send requests down the current connection. {@link #stop()} is an
 * outage (listener and connections closed); {@link #start()} listens again on the same port.
 */
final class TestPlatform implements AutoCloseable {

  /** A packet as received. */
  record Received(
      String qn, int st, int cn, String mn, String password, int flag, Map<String, String> fields) {
    String dataTime() {
      return fields.get("DataTime");
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger withheld = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile ServerSocket server;
  private volatile Socket connection;
  private int port;

  TestPlatform(int port) throws IOException {
    this.port = port;
    start();
  }

  synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    port = socket.getLocalPort();
    server = socket;
    Thread acceptor = new Thread(() -> accept(socket), "test-platform");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return port;
  }

  /** The next {@code count} uploads get no 9014 answer. */
  void withholdAnswers(int count) {
    withheld.set(count);
  }

  /** Every packet received so far, in order. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** The packets of one CN received so far, in order. */
  List<Received> received(int cn) {
    return received.stream().filter(p -> p.cn() == cn).toList();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  boolean connected() {
    Socket s = connection;
    return s != null && !s.isClosed();
  }

  /** Sends a request (a data segment) down the current connection. */
  void send(String segment) throws IOException {
    OutputStream out = connection.getOutputStream();
    synchronized (this) {
      out.write(Hj212Frames.frame(segment));
      out.flush();
    }
  }

  private void accept(ServerSocket socket) {
    try {
      while (true) {
        Socket s = socket.accept();
        connection = s;
        connections.incrementAndGet();
        Thread reader = new Thread(() -> read(s), "test-platform-reader");
        reader.setDaemon(true);
        reader.start();
      }
    } catch (IOException e) {
      // closed: the outage began
    }
  }

  private void read(Socket s) {
    Hj212FrameReader reader = new Hj212FrameReader(9999);
    Hj212Packet packet = new Hj212Packet();
    try (InputStream in = s.getInputStream()) {
      OutputStream out = s.getOutputStream();
      Hj212FrameReader.Handler handler =
          new Hj212FrameReader.Handler() {
            @Override
            public void onFrame(byte[] buffer, int offset, int length) {
              if (!packet.read(buffer, offset, length)) {
                throw new IllegalStateException("unreadable packet: " + packet.problem());
              }
              Map<String, String> fields = new LinkedHashMap<>();
              for (int i = 0; i < packet.fieldCount(); i++) {
                fields.put(packet.name(i), packet.value(i));
              }
              received.add(
                  new Received(
                      packet.qn(),
                      packet.st(),
                      packet.cn(),
                      packet.mn(),
                      packet.password(),
                      packet.flag(),
                      fields));
              if (packet.wantsAnswer() && packet.cn() < 9000) {
                if (withheld.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                  return;
                }
                try {
                  synchronized (TestPlatform.this) {
                    out.write(Hj212Frames.answer(packet, 9014, ""));
                    out.flush();
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            }

            @Override
            public void onRejected(Hj212Rejection rejection) {
              throw new IllegalStateException("bad input: " + rejection.description());
            }
          };
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        reader.feed(ByteBuffer.wrap(buffer, 0, n), handler);
      }
    } catch (IOException | RuntimeException e) {
      // the connection ended
    }
  }

  /** An outage: the listener and every connection close. */
  synchronized void stop() throws IOException {
    server.close();
    Socket s = connection;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  static List<String> dataTimes(List<Received> packets) {
    List<String> times = new ArrayList<>();
    packets.forEach(p -> times.add(p.dataTime()));
    return times;
  }
}
