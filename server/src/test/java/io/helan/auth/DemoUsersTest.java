package io.helan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DemoUsersTest {
  @TempDir Path dataDir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(DemoUsers.class);

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(log);
  }

  @Test
  void theDemoSiteHasTheFourUsersWithTheDocumentedPasswordsAndSaysSoLoudlyAtEveryStart()
      throws Exception {
    UserDirectory users = open();

    DemoUsers.apply(users, true);

    assertThat(users.authenticate("viewer", "viewer-demo"))
        .map(User::roles)
        .contains(Set.of(Role.VIEWER));
    assertThat(users.authenticate("operator", "operator-demo"))
        .map(User::roles)
        .contains(Set.of(Role.OPERATOR));
    assertThat(users.authenticate("maintainer", "maintainer-demo"))
        .map(User::roles)
        .contains(Set.of(Role.MAINTAINER));
    assertThat(users.authenticate("commander", "commander-demo"))
        .map(User::roles)
        .contains(Set.of(Role.COMMANDER));
    assertThat(users.authenticate("reviewer", "reviewer-demo"))
        .map(User::roles)
        .contains(Set.of(Role.REVIEWER));
    String before = Files.readString(users.file());

    DemoUsers.apply(open(), true);

    assertThat(Files.readString(users.file())).as("nothing added twice").isEqualTo(before);
    assertThat(log.list)
        .hasSize(2)
        .allSatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains(
                      "DEMO SITE: users [viewer, operator, maintainer, commander, reviewer] exist with"
                          + " the PUBLIC passwords");
            });
  }

  @Test
  void anyOtherSiteGetsNoneAndLosesThoseLeftWithTheirPublicPassword() throws Exception {
    UserDirectory fresh = open();
    DemoUsers.apply(fresh, false);
    assertThat(fresh.users()).extracting(User::name).containsExactly("admin");
    assertThat(log.list).isEmpty();

    DemoUsers.apply(fresh, true); // an earlier demo run on the same data directory
    fresh.setPassword("maintainer", "a password of our own");
    log.list.clear();

    UserDirectory reused = open();
    DemoUsers.apply(reused, false);

    assertThat(reused.users()).extracting(User::name).containsExactly("admin", "maintainer");
    assertThat(open().users()).extracting(User::name).containsExactly("admin", "maintainer");
    assertThat(log.list)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getFormattedMessage())
                    .contains("Removed demo users [viewer, operator, commander, reviewer]"));
  }

  private UserDirectory open() throws Exception {
    return UserDirectory.open(
        dataDir, PasswordHasher.DEFAULT, new PrintStream(new ByteArrayOutputStream()));
  }
}
