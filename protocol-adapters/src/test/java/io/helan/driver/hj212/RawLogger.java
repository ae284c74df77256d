package io.helan.driver.hj212;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A data logger played byte by byte in tests: writes what it is told, collects what it gets. */
final class RawLogger implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private volatile boolean closedByPeer;

  RawLogger(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    out = socket.getOutputStream();
    Thread reader = new Thread(this::read, "raw-logger");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    Hj212FrameReader frames = new Hj212FrameReader(9999);
    Hj212FrameReader.Handler handler =
        new Hj212FrameReader.Handler() {
          @Override
          public void onFrame(byte[] buffer, int offset, int length) {
            String segment = new String(buffer, offset, length, StandardCharsets.UTF_8);
            // the history the platform asks for at the first connection: this logger keeps none
            if (!segment.contains(";CN=2051;") && !segment.contains(";CN=2061;")) {
              received.add(segment);
            }
          }

          @Override
          public void onRejected(Hj212Rejection rejection) {
            received.add("REJECTED " + rejection);
          }
        };
    byte[] buffer = new byte[4096];
    try {
      InputStream in = socket.getInputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        frames.feed(buffer, 0, n, handler);
      }
      closedByPeer = true;
    } catch (SocketTimeoutException e) {
      // not used
    } catch (IOException e) {
      closedByPeer = true;
    }
  }

  /** Sends one data segment as a correct frame. */
  void send(String segment) throws IOException {
    sendRaw(Hj212Frames.frame(segment));
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void sendRaw(String text) throws IOException {
    sendRaw(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next data segment received within the timeout, or null. */
  String next(long timeoutMs) throws InterruptedException {
    return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  boolean closedByPeer() {
    return closedByPeer;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
