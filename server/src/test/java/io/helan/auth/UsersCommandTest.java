package io.helan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.audit.AuditTrail;
import io.helan.audit.AuditVerifier;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UsersCommandTest {
  @TempDir Path dataDir;
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void firstStart() throws Exception {
    UserDirectory.open(
        dataDir, PasswordHasher.DEFAULT, new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void lostAdminPasswordIsSetAgainAndTheChangeAudited() throws Exception {
    assertThat(run("new secret 1\nnew secret 1\n", "set-password", "admin")).isZero();
    UserDirectory users = UserDirectory.open(dataDir);
    assertThat(users.authenticate("admin", "new secret 1")).isPresent();
    String audit =
        Files.readString(dataDir.resolve(AuditTrail.DIRECTORY).resolve(AuditTrail.LOG_FILE));
    assertThat(audit).contains("\"action\":\"user.set-password\"", "\"channel\":\"cli\"");
    assertThat(audit).doesNotContain("new secret 1");
    assertThat(AuditVerifier.verify(dataDir).intact()).isTrue();
  }

  @Test
  void addedUserIsListedWithItsRoles() throws Exception {
    assertThat(run("longenough\nlongenough\n", "add", "ma.lin", "--role", "MAINTAINER")).isZero();
    assertThat(run("", "list")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("ma.lin", "[MAINTAINER]");
  }

  @Test
  void differingPasswordsChangeNothing() throws Exception {
    assertThat(run("one password\nanother one\n", "set-password", "admin")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("differ");
  }

  @Test
  void aRunningServerHoldingTheTrailIsNotTouched() throws Exception {
    try (AuditTrail running = AuditTrail.open(dataDir)) {
      assertThat(run("new secret 1\nnew secret 1\n", "set-password", "admin")).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("stop the server first");
    }
  }

  @Test
  void displayTokenIsPrintedOnceAndItsAdditionAndRevocationAudited() throws Exception {
    assertThat(run("", "add-display", "hall-wall")).isZero();
    Matcher printed =
        Pattern.compile("\\n\\s+(\\S{43})\\s").matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(printed.find()).isTrue();
    String token = printed.group(1);
    assertThat(UserDirectory.open(dataDir).display(token)).isPresent();

    assertThat(run("", "revoke-display", "hall-wall")).isZero();
    assertThat(UserDirectory.open(dataDir).display(token)).isEmpty();
    assertThat(run("", "revoke-display", "hall-wall")).isEqualTo(1);
    String audit =
        Files.readString(dataDir.resolve(AuditTrail.DIRECTORY).resolve(AuditTrail.LOG_FILE));
    assertThat(audit)
        .contains("\"action\":\"display.add\"", "\"action\":\"display.revoke\"", "refused")
        .doesNotContain(token);
    assertThat(AuditVerifier.verify(dataDir).intact()).isTrue();
  }

  private int run(String typed, String... args) {
    CommandLine cli =
        new CommandLine(new UsersCommand(new BufferedReader(new StringReader(typed))));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    String[] withDir = new String[args.length + 2];
    System.arraycopy(args, 0, withDir, 0, args.length);
    withDir[args.length] = "--data-dir";
    withDir[args.length + 1] = dataDir.toString();
    return cli.execute(withDir);
  }
}
