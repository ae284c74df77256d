package io.helan.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A network partition on loopback: every member is reached through a TCP proxy of its own (its
 * public port), and every member's connections leave from ports of its own (Hazelcast's outbound
 * ports), so the proxies can tell who talks to whom. Cutting a member off closes every connection
 * to it or from it and refuses new ones until it is let back in.
 */
final class LoopbackFirewall implements AutoCloseable {
  private final List<Proxy> proxies = new ArrayList<>();
  private final List<Set<Integer>> outboundPorts;
  private final Set<Integer> cutOff = ConcurrentHashMap.newKeySet();

  /**
   * @param memberPorts the port each member binds
   * @param outboundPorts the ports each member's connections leave from
   */
  LoopbackFirewall(List<Integer> memberPorts, List<Set<Integer>> outboundPorts) throws IOException {
    this.outboundPorts = outboundPorts;
    for (int i = 0; i < memberPorts.size(); i++) {
      proxies.add(new Proxy(i, memberPorts.get(i)));
    }
  }

  /** The port the others reach member {@code i} at. */
  int publicPort(int i) {
    return proxies.get(i).server.getLocalPort();
  }

  /** Cuts member {@code i} off from the others. */
  void cutOff(int i) {
    cutOff.add(i);
    for (Proxy proxy : proxies) {
      proxy.closeWhere(this::blocked);
    }
  }

  /** Lets member {@code i} reach the others again. */
  void letIn(int i) {
    cutOff.remove(i);
  }

  /** Whether a connection from {@code sourcePort} to member {@code target} may pass. */
  private boolean blocked(int target, int sourcePort) {
    if (cutOff.contains(target)) {
      return true;
    }
    for (int member : cutOff) {
      if (outboundPorts.get(member).contains(sourcePort)) {
        return true;
      }
    }
    return false;
  }

  private interface Rule {
    boolean blocked(int target, int sourcePort);
  }

  @Override
  public void close() {
    proxies.forEach(Proxy::close);
  }

  private final class Proxy {
    final int member;
    final int targetPort;
    final ServerSocket server;
    final Set<Socket[]> pairs = ConcurrentHashMap.newKeySet();

    Proxy(int member, int targetPort) throws IOException {
      this.member = member;
      this.targetPort = targetPort;
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread accepting = new Thread(this::accept, "firewall-accept-" + member);
      accepting.setDaemon(true);
      accepting.start();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          if (blocked(member, client.getPort())) {
            client.close();
            continue;
          }
          Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          Socket[] pair = {client, target};
          pairs.add(pair);
          pump(pair, client, target);
          pump(pair, target, client);
        } catch (IOException e) {
          // closed, or the member is gone: the connection fails as a real one would
        }
      }
    }

    private void pump(Socket[] pair, Socket from, Socket to) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                  }
                } catch (IOException e) {
                  // cut or closed
                } finally {
                  close(pair);
                }
              },
              "firewall-pump-" + member);
      thread.setDaemon(true);
      thread.start();
    }

    void closeWhere(Rule rule) {
      for (Socket[] pair : pairs) {
        if (rule.blocked(member, pair[0].getPort())) {
          close(pair);
        }
      }
    }

    private void close(Socket[] pair) {
      pairs.remove(pair);
      for (Socket socket : pair) {
        try {
          socket.close();
        } catch (IOException e) {
          // already closed
        }
      }
    }

    void close() {
      try {
        server.close();
      } catch (IOException e) {
        // already closed
      }
      pairs.forEach(this::close);
    }
  }
}
