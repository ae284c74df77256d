package io.helan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {
  @TempDir Path dataDir;
  UserDirectory users;

  @BeforeEach
  void users() throws Exception {
    users =
        UserDirectory.open(
            dataDir, PasswordHasher.DEFAULT, new PrintStream(new ByteArrayOutputStream()));
    users.add("li.ming", "li.ming-password", Set.of(Role.MAINTAINER));
  }

  @Test
  void tokenNamesItsUserUntilLogout() {
    Sessions sessions = new Sessions(users, Duration.ofMinutes(30));
    User user = users.user("li.ming").orElseThrow();
    String token = sessions.open(user);
    String other = sessions.open(user);
    assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(other);
    assertThat(sessions.user(token)).contains(user);
    assertThat(sessions.close(token)).isTrue();
    assertThat(sessions.user(token)).isEmpty();
    assertThat(sessions.user(other)).contains(user);
    assertThat(sessions.user("made-up")).isEmpty();
    assertThat(sessions.user(null)).isEmpty();
  }

  @Test
  void idleSessionExpiresButUseKeepsItAlive() throws Exception {
    Duration idleTimeout = Duration.ofMillis(1000);
    Sessions sessions = new Sessions(users, idleTimeout);
    String kept = sessions.open(users.user("li.ming").orElseThrow());
    long opened = System.nanoTime();
    String idle = sessions.open(users.user("li.ming").orElseThrow());
    // each poll uses the kept session, a tenth of its idle timeout after the last, until the idle
    // one has been left alone for longer than the timeout
    await()
        .pollInterval(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              assertThat(sessions.user(kept)).isPresent();
              return System.nanoTime() - opened > idleTimeout.toNanos() * 3 / 2;
            });
    assertThat(sessions.user(idle)).isEmpty();
    assertThat(sessions.user(kept)).isPresent();
  }
}
