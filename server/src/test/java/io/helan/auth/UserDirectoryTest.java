package io.helan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {
  @TempDir Path dataDir;

  @Test
  void firstStartCreatesAdminWithAPasswordPrintedOnceAndStoredOnlyAsAHash() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    UserDirectory users = open(console);
    Matcher printed =
        Pattern.compile("password\\s+(\\S{20})\\s")
            .matcher(console.toString(StandardCharsets.UTF_8));
    assertThat(printed.find()).isTrue();
    String password = printed.group(1);

    assertThat(users.authenticate("admin", password)).map(User::roles).contains(Set.of(Role.ADMIN));
    String stored = Files.readString(users.file());
    assertThat(stored).doesNotContain(password).contains("$argon2id$v=19$m=19456,t=2,p=1$");

    ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
    UserDirectory reopened = open(secondConsole);
    assertThat(secondConsole.size()).isZero();
    assertThat(reopened.authenticate("admin", password)).isPresent();
  }

  @Test
  void wrongPasswordAndUnknownUserAreRefusedAlike() throws Exception {
    UserDirectory users = open(new ByteArrayOutputStream());
    users.add("wang.li", "correct horse", Set.of(Role.OPERATOR));
    assertThat(users.authenticate("wang.li", "correct horse")).isPresent();
    assertThat(users.authenticate("wang.li", "wrong horse")).isEmpty();
    assertThat(users.authenticate("nobody", "correct horse")).isEmpty();
    assertThat(users.authenticate(null, null)).isEmpty();
  }

  @Test
  void badUsersAreRefusedWithAReason() throws Exception {
    UserDirectory users = open(new ByteArrayOutputStream());
    assertThatThrownBy(() -> users.add("admin", "long enough", Set.of(Role.VIEWER)))
        .hasMessageContaining("exists already");
    assertThatThrownBy(() -> users.add("Bad Name", "long enough", Set.of(Role.VIEWER)))
        .hasMessageContaining("user name");
    assertThatThrownBy(() -> users.add("short", "1234567", Set.of(Role.VIEWER)))
        .hasMessageContaining("at least 8");
  }

  @Test
  void rolesGrantTheDocumentedRights() {
    User maintainer = new User("m", Set.of(Role.MAINTAINER));
    User commander = new User("c", Set.of(Role.COMMANDER));
    User viewer = new User("v", Set.of(Role.VIEWER));
    User admin = new User("a", Set.of(Role.ADMIN));
    assertThat(maintainer.has(Role.OPERATOR)).isTrue();
    assertThat(maintainer.has(Role.COMMANDER)).isFalse();
    assertThat(commander.has(Role.OPERATOR)).isTrue();
    assertThat(commander.has(Role.MAINTAINER)).isFalse();
    assertThat(viewer.has(Role.VIEWER)).isTrue();
    assertThat(viewer.has(Role.OPERATOR)).isFalse();
    User reviewer = new User("r", Set.of(Role.REVIEWER));
    assertThat(reviewer.has(Role.VIEWER)).isTrue();
    assertThat(reviewer.has(Role.OPERATOR)).isFalse();
    assertThat(maintainer.has(Role.REVIEWER)).isFalse();
    for (Role role : Role.values()) {
      assertThat(admin.has(role)).isTrue();
    }
  }

  @Test
  void displayTokenReadsLikeAViewerSurvivesARestartAndStopsAtRevocation() throws Exception {
    UserDirectory users = open(new ByteArrayOutputStream());
    String token = users.addDisplay("wall-1");
    assertThat(Files.readString(users.file())).doesNotContain(token).contains("wall-1");
    assertThatThrownBy(() -> users.addDisplay("wall-1")).hasMessageContaining("exists already");

    UserDirectory restarted = open(new ByteArrayOutputStream());
    User display = restarted.display(token).orElseThrow();
    assertThat(display.display()).isTrue();
    assertThat(display.name()).isEqualTo("display:wall-1");
    assertThat(display.roles()).containsExactly(Role.VIEWER);
    assertThat(restarted.display(token + "x")).isEmpty();
    assertThat(restarted.user("display:wall-1")).isEmpty();

    restarted.revokeDisplay("wall-1");
    assertThat(restarted.display(token)).isEmpty();
    assertThat(open(new ByteArrayOutputStream()).display(token)).isEmpty();
    assertThatThrownBy(() -> restarted.revokeDisplay("wall-1")).hasMessageContaining("no display");
  }

  private UserDirectory open(ByteArrayOutputStream console) throws Exception {
    return UserDirectory.open(
        dataDir, PasswordHasher.DEFAULT, new PrintStream(console, true, StandardCharsets.UTF_8));
  }
}
