package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.Role;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live socket's session is re-checked once per session-check interval, not with every 50 ms
 * frame: in a cluster each check is a call to the Hazelcast session map, and twenty of them a
 * second per socket bought nothing a check a second does not.
 */
class LiveSessionCheckTest {
  private static final String USER = "li.viewer";

  @TempDir Path dir;

  @Test
  void framesDoNotLookUpTheSession() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    ConcurrentHashMap<String, Sessions.Session> map =
        new ConcurrentHashMap<>() {
          @Override
          public Sessions.Session get(Object key) {
            lookups.incrementAndGet();
            return super.get(key);
          }
        };
    UserDirectory users = PushTestServer.users(dir);
    users.add(USER, USER + "-password", Set.of(Role.VIEWER));
    PushSettings settings = PushSettings.defaults().withSessionCheck(Duration.ofSeconds(1));
    try (PushTestServer server = new PushTestServer(users, settings, List.of(), map)) {
      TestSocket socket =
          TestSocket.open(server.port(), TestSocket.token(server.login(USER)), null);
      socket.subscribeAll();
      String point = PushTestServer.SITE.points().get(0).id();
      server.writeUntilReceived(socket, point, 1.0);

      int before = lookups.get();
      long start = System.nanoTime();
      for (int frame = 2; frame <= 11; frame++) {
        server.writeUntilReceived(socket, point, frame);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // ten frames took at least 0.5 s: a lookup per 50 ms frame would have made 10 or more
      assertThat(lookups.get() - before)
          .as("session lookups during %.1f s of frames", seconds)
          .isLessThanOrEqualTo((int) seconds + 2);
      socket.close();
    }
  }
}
