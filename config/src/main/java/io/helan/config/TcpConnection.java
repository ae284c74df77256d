package io.helan.config;

/**
 * A connection the server opens to a device listening on a TCP port: what a simulator standing in
 * for the device binds to, and what tests move to a free port.
 */
public interface TcpConnection extends Connection {

  /** Host name or address the device listens on. */
  String host();

  /** The TCP port the device listens on. */
  int tcpPort();

  /** The same connection at another TCP port; port 0 asks a simulator for a free port. */
  TcpConnection atPort(int newPort);
}
