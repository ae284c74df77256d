package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void bindsAListenerInTheDynamicRange() throws Exception {
    try (ServerSocket socket =
        FreePort.bind(port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress()))) {
      assertThat(socket.getLocalPort()).isBetween(49152, 65535);
    }
  }

  @Test
  void triesAnotherPortWhileThePortIsTaken() throws Exception {
    List<Integer> tried = new ArrayList<>();

    int bound =
        FreePort.bind(
            port -> {
              tried.add(port);
              if (tried.size() < 3) {
                throw new IOException("cannot serve", new BindException("Address already in use"));
              }
              return port;
            });

    assertThat(tried).hasSize(3).endsWith(bound);
  }

  @Test
  void otherFailuresEndTheAttemptsAtOnce() {
    List<Integer> tried = new ArrayList<>();

    assertThatThrownBy(
            () ->
                FreePort.bind(
                    port -> {
                      tried.add(port);
                      throw new IOException("no such interface");
                    }))
        .hasMessage("no such interface");
    assertThat(tried).hasSize(1);
  }

  @Test
  void givesUpAfterTwentyTakenPorts() {
    List<Integer> tried = new ArrayList<>();

    assertThatThrownBy(
            () ->
                FreePort.bind(
                    port -> {
                      tried.add(port);
                      throw new BindException("Address already in use");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no free port");
    assertThat(tried).hasSize(20);
  }
}
