package io.helan.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State changes are recorded and told to listeners with no lock of the service held. */
class CommandRecordingTest {
  static final User MAINTAINER = new User("maintainer", Set.of(Role.MAINTAINER));
  static final Origin FROM = Origin.rest("127.0.0.1:40002");

  @TempDir static Path dataDir;
  static CommandTestbed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = CommandTestbed.start(dataDir, CommandSettings.defaults());
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void aListenerThatTakesItsTimeHoldsUpNoCallerAndMayAskTheServiceFromAnotherThread()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Optional<CommandRecord>> askedByListener = new CompletableFuture<>();
    bed.commands.addListener(
        record -> {
          if (record.state() != CommandState.SELECTED || askedByListener.isDone()) {
            return;
          }
          try {
            // another thread asks the service while the listener is being told
            askedByListener.complete(
                CompletableFuture.supplyAsync(() -> bed.commands.command(record.id()))
                    .get(2, TimeUnit.SECONDS));
            release.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            askedByListener.completeExceptionally(e);
          }
        });

    CommandRecord selected =
        CompletableFuture.supplyAsync(
                () ->
                    bed.commands.select(
                        MAINTAINER, FROM, bed.gamma.id(), "maintenance-on", Map.of()))
            .get(3, TimeUnit.SECONDS);

    try {
      assertThat(selected.state()).isEqualTo(CommandState.SELECTED);
      assertThat(bed.commands.recent(1)).containsExactly(selected);
      assertThat(askedByListener)
          .succeedsWithin(Duration.ofSeconds(3))
          .isEqualTo(Optional.of(selected));
    } finally {
      release.countDown();
    }
    CommandRecord cancelled = bed.commands.cancel(MAINTAINER, FROM, selected.id());
    assertThat(cancelled.state()).isEqualTo(CommandState.CANCELLED);
  }
}
